// The documents of the sub-resources tools probe (versioning, versions, acl, policyStatus, logging, …), shaped as S3
// answers them for a bucket with nothing configured. Element order as in the AWS S3 API reference.
import { S3Error } from '../errors/s3-errors';
import { quoteEtag, s3UrlEncode, type Owner } from './documents';
import { children, childText, parseXmlBody, renderXml, type XmlElement } from './xml';

const ownerXml = (o: Owner) => ({ ID: o.id, DisplayName: o.displayName });

/** GetBucketVersioning of a bucket whose versioning was never enabled: no Status element at all. */
export function renderVersioningConfiguration(): string {
  return renderXml('VersioningConfiguration', {});
}

// ---------------------------------------------------------------------------------------------------------------
// ListObjectVersions

export interface VersionEntry {
  key: string;
  lastModified: Date;
  etag: string;
  size: number | bigint;
  storageClass?: string;
  owner: Owner;
}

export interface ListVersionsPage {
  name: string;
  prefix: string;
  keyMarker: string;
  versionIdMarker: string;
  /** Rendered only on a truncated page. */
  nextKeyMarker?: string;
  maxKeys: number;
  delimiter?: string;
  isTruncated: boolean;
  versions: readonly VersionEntry[];
  commonPrefixes: readonly string[];
  encodingType?: 'url';
}

/**
 * An unversioned bucket lists each object once, with VersionId `null` and IsLatest true (S3's "null version").
 * On a truncated page S3 gives both NextKeyMarker and NextVersionIdMarker; the version marker is `null` here too.
 */
export function renderListVersionsResult(p: ListVersionsPage): string {
  const enc = p.encodingType === 'url' ? s3UrlEncode : (s: string) => s;
  const truncatedAt = p.isTruncated && p.nextKeyMarker !== undefined ? p.nextKeyMarker : undefined;
  return renderXml('ListVersionsResult', {
    Name: p.name,
    Prefix: enc(p.prefix),
    KeyMarker: enc(p.keyMarker),
    VersionIdMarker: p.versionIdMarker,
    NextKeyMarker: truncatedAt === undefined ? undefined : enc(truncatedAt),
    NextVersionIdMarker: truncatedAt === undefined ? undefined : 'null',
    MaxKeys: p.maxKeys,
    Delimiter: p.delimiter ? enc(p.delimiter) : undefined,
    IsTruncated: p.isTruncated,
    Version: p.versions.map((v) => ({
      Key: enc(v.key),
      VersionId: 'null',
      IsLatest: true,
      LastModified: v.lastModified,
      ETag: quoteEtag(v.etag),
      Size: v.size,
      Owner: ownerXml(v.owner),
      StorageClass: v.storageClass ?? 'STANDARD',
    })),
    CommonPrefixes: p.commonPrefixes.map((prefix) => ({ Prefix: enc(prefix) })),
    EncodingType: p.encodingType,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// GetBucketAcl / GetObjectAcl, PutBucketAcl / PutObjectAcl

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const GRANTEE_PLAIN = '<Grantee>';
// S3 types the grantee with an xsi:type attribute (botocore reads Grantee.Type from it); renderXml writes no
// attributes, and the one `<Grantee>` it renders cannot occur elsewhere (text content is escaped).
const GRANTEE_TYPED = `<Grantee xmlns:xsi="${XSI}" xsi:type="CanonicalUser">`;

/** The one ACL Silt has: the owner with FULL_CONTROL (S3's `private` canned ACL). */
export function renderAccessControlPolicy(owner: Owner): string {
  const xml = renderXml('AccessControlPolicy', {
    Owner: ownerXml(owner),
    AccessControlList: { Grant: { Grantee: ownerXml(owner), Permission: 'FULL_CONTROL' } },
  });
  return xml.replace(GRANTEE_PLAIN, GRANTEE_TYPED);
}

export interface AclGrant {
  /** CanonicalUser, Group or AmazonCustomerByEmail (the grantee's xsi:type). */
  type: string;
  id?: string;
  uri?: string;
  email?: string;
  permission: string;
}

/**
 * A PutBucketAcl / PutObjectAcl body. Anything that is not an AccessControlPolicy with an AccessControlList of
 * Grants, each with a Grantee and a Permission, is MalformedACLError, as S3 answers.
 */
export function parseAccessControlPolicy(body: Buffer | string): { ownerId?: string; grants: AclGrant[] } {
  let root: XmlElement;
  try {
    root = parseXmlBody(body, 'AccessControlPolicy');
  } catch {
    throw new S3Error('MalformedACLError');
  }
  const owner = children(root, 'Owner')[0];
  const lists = children(root, 'AccessControlList');
  if (lists.length !== 1) throw new S3Error('MalformedACLError');
  const grants = children(lists[0], 'Grant').map((grant): AclGrant => {
    const grantee = children(grant, 'Grantee')[0];
    const permission = childText(grant, 'Permission')?.trim();
    if (!grantee || !permission) throw new S3Error('MalformedACLError');
    const typeAttr = Object.entries(grantee.attributes).find(([name]) => name === 'type' || name.endsWith(':type'));
    return {
      type: typeAttr?.[1] ?? '',
      id: childText(grantee, 'ID')?.trim(),
      uri: childText(grantee, 'URI')?.trim(),
      email: childText(grantee, 'EmailAddress')?.trim(),
      permission,
    };
  });
  return { ownerId: owner ? childText(owner, 'ID')?.trim() : undefined, grants };
}

// ---------------------------------------------------------------------------------------------------------------
// The other probes: fixed answers of a bucket with nothing configured

/** Without a policy nothing makes a Silt bucket public (s3-tests' test_get_bucket_policy_status expects false). */
export function renderPolicyStatus(): string {
  return renderXml('PolicyStatus', { IsPublic: false });
}

/** Logging disabled: an empty BucketLoggingStatus (no LoggingEnabled). */
export function renderBucketLoggingStatus(): string {
  return renderXml('BucketLoggingStatus', {});
}

/** No notifications configured: an empty NotificationConfiguration. */
export function renderNotificationConfiguration(): string {
  return renderXml('NotificationConfiguration', {});
}

/** The bucket owner pays for requests and transfer (S3's default; Requester Pays is not supported). */
export function renderRequestPaymentConfiguration(): string {
  return renderXml('RequestPaymentConfiguration', { Payer: 'BucketOwner' });
}

/** Transfer Acceleration never set: no Status element. */
export function renderAccelerateConfiguration(): string {
  return renderXml('AccelerateConfiguration', {});
}
