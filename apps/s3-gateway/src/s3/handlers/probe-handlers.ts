import { S3Error, type S3ErrorCode } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import type { Operation } from '../../../../../libs/s3-protocol/src/routing/routes';
import { validateObjectKey } from '../../../../../libs/s3-protocol/src/validation/names';
import type { Owner } from '../../../../../libs/s3-protocol/src/xml/documents';
import {
  parseAccessControlPolicy,
  renderAccelerateConfiguration,
  renderAccessControlPolicy,
  renderBucketLoggingStatus,
  renderListVersionsResult,
  renderNotificationConfiguration,
  renderPolicyStatus,
  renderRequestPaymentConfiguration,
  renderVersioningConfiguration,
} from '../../../../../libs/s3-protocol/src/xml/probe-documents';
import type { Bucket__Output } from '../../../../../libs/grpc/generated/silt/metadata/v1/Bucket';
import { readSmallBody } from '../body';
import { sendEmpty, sendXml } from '../responses';
import { header, type S3Handler, type S3Request } from '../s3-request';
import type { GatewayServices } from '../services';
import { encodingTypeOf, maxKeysOf } from './list-handlers';

/** An ACL document with a few grants is well under a KiB; S3 caps ACLs at 100 grants. */
const MAX_ACL_BODY_BYTES = 64 * 1024;

// S3's canned ACLs (x-amz-acl). Any other value is InvalidArgument; of these Silt can honour only `private`.
const CANNED_ACLS = new Set([
  'private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read',
  'bucket-owner-full-control', 'log-delivery-write',
]);

// Probes of a configuration a Silt bucket never has: S3's answer for a bucket without one (AWS S3 API reference).
const ABSENT: ReadonlyArray<[Operation, S3ErrorCode]> = [
  ['GetBucketPolicy', 'NoSuchBucketPolicy'],
  ['GetBucketLifecycleConfiguration', 'NoSuchLifecycleConfiguration'],
  ['GetBucketEncryption', 'ServerSideEncryptionConfigurationNotFoundError'],
  ['GetBucketCors', 'NoSuchCORSConfiguration'],
  ['GetObjectLockConfiguration', 'ObjectLockConfigurationNotFoundError'],
  ['GetPublicAccessBlock', 'NoSuchPublicAccessBlockConfiguration'],
  ['GetBucketOwnershipControls', 'OwnershipControlsNotFoundError'],
  ['GetBucketWebsite', 'NoSuchWebsiteConfiguration'],
  ['GetBucketReplication', 'ReplicationConfigurationNotFoundError'],
];

// Probes answered with a fixed document: what S3 returns for a bucket on which nothing was ever configured.
const FIXED: ReadonlyArray<[Operation, () => string]> = [
  ['GetBucketVersioning', renderVersioningConfiguration],
  ['GetBucketPolicyStatus', renderPolicyStatus],
  ['GetBucketLogging', renderBucketLoggingStatus],
  ['GetBucketNotificationConfiguration', renderNotificationConfiguration],
  ['GetBucketRequestPayment', renderRequestPaymentConfiguration],
  ['GetBucketAccelerateConfiguration', renderAccelerateConfiguration],
];

const ownerOf = (id: string): Owner => ({ id, displayName: id });

/**
 * The sub-resources that rclone, s3fs, DuckDB, S3A, mc and the AWS console probe, answered as by an S3 bucket with
 * nothing configured, so the tools carry on instead of failing on a 501. Each checks the bucket first: on a missing
 * bucket every probe is NoSuchBucket, as on S3. Setting any of these configurations stays NotImplemented (routes.ts).
 */
export function probeHandlers(s: GatewayServices): Partial<Record<Operation, S3Handler>> {
  // The gateway's bucket directory (metadata answers NoSuchBucket for a missing one): probes cost no extra RPC.
  const existingBucket = (req: S3Request): Promise<Bucket__Output> => s.buckets.get(req.bucket);
  const existingObject = async (req: S3Request) => {
    const bucket = await existingBucket(req);
    validateObjectKey(req.key);
    const record = await s.records.get(req.bucket, req.key);
    return { bucket, owner: ownerOf(record.owner || bucket.owner || req.user) };
  };

  const handlers: Partial<Record<Operation, S3Handler>> = {};
  for (const [op, code] of ABSENT) {
    handlers[op] = async (req) => {
      await existingBucket(req);
      throw new S3Error(code, undefined, { BucketName: req.bucket });
    };
  }
  for (const [op, render] of FIXED) {
    handlers[op] = async (req) => {
      await existingBucket(req);
      sendXml(req, 200, render());
    };
  }

  // Object Lock is never enabled on a Silt bucket: S3 answers 400 InvalidRequest for an object of such a bucket.
  const objectLockProbe: S3Handler = async (req) => {
    await existingObject(req);
    throw new S3Error('InvalidRequest', 'Bucket is missing Object Lock Configuration');
  };
  handlers.GetObjectRetention = objectLockProbe;
  handlers.GetObjectLegalHold = objectLockProbe;

  handlers.GetBucketAcl = async (req) => {
    const bucket = await existingBucket(req);
    sendXml(req, 200, renderAccessControlPolicy(ownerOf(bucket.owner || req.user)));
  };
  handlers.GetObjectAcl = async (req) => {
    const { owner } = await existingObject(req);
    sendXml(req, 200, renderAccessControlPolicy(owner));
  };
  handlers.PutBucketAcl = async (req) => {
    const bucket = await existingBucket(req);
    await checkOnlyPrivate(req, bucket.owner || req.user);
    sendEmpty(req, 200);
  };
  handlers.PutObjectAcl = async (req) => {
    const { owner } = await existingObject(req);
    await checkOnlyPrivate(req, owner.id);
    sendEmpty(req, 200);
  };

  handlers.ListObjectVersions = async (req) => {
    await existingBucket(req);
    const maxKeys = maxKeysOf(req);
    const encodingType = encodingTypeOf(req);
    const keyMarker = req.query.get('key-marker') ?? '';
    const versionIdMarker = req.query.get('version-id-marker') ?? '';
    if (versionIdMarker !== '' && keyMarker === '') {
      throw new S3Error('InvalidArgument', 'A version-id marker cannot be specified without a key marker.', {
        ArgumentName: 'version-id-marker',
        ArgumentValue: versionIdMarker,
      });
    }
    // Every object has exactly one version, `null`: any other version id cannot exist.
    if (versionIdMarker !== '' && versionIdMarker !== 'null') {
      throw new S3Error('InvalidArgument', 'Invalid version id specified', {
        ArgumentName: 'version-id-marker',
        ArgumentValue: versionIdMarker,
      });
    }
    const prefix = req.query.get('prefix') ?? '';
    const delimiter = req.query.get('delimiter') ?? '';
    // The one version of key-marker is the newest, so "after (key-marker, null)" is "after key-marker": the same
    // ListObjects call, byte order and common-prefix roll-up as ListObjects.
    const res = await s.metadata.api.ListObjects({
      bucket: req.bucket,
      prefix,
      delimiter,
      start_after: keyMarker,
      max_keys: maxKeys,
    });
    sendXml(
      req,
      200,
      renderListVersionsResult({
        name: req.bucket,
        prefix,
        keyMarker,
        versionIdMarker,
        nextKeyMarker: res.is_truncated ? res.next_marker : undefined,
        maxKeys,
        delimiter,
        isTruncated: res.is_truncated,
        versions: res.objects.map((o) => ({
          key: o.key,
          lastModified: new Date(o.last_modified_ms),
          etag: o.etag,
          size: o.size,
          storageClass: o.storage_class || 'STANDARD',
          owner: ownerOf(o.owner || req.user),
        })),
        commonPrefixes: res.common_prefixes,
        encodingType,
      }),
    );
  };

  return handlers;
}

/**
 * Put*Acl: Silt keeps one ACL, the owner's FULL_CONTROL, so it accepts exactly that — the `private` canned ACL, or a
 * body or `x-amz-grant-full-control` granting only the owner FULL_CONTROL — and answers NotImplemented for any ACL it
 * would otherwise have to pretend to enforce. Malformed requests get S3's 400s.
 */
async function checkOnlyPrivate(req: S3Request, ownerId: string): Promise<void> {
  const canned = header(req, 'x-amz-acl');
  const grants = Object.keys(req.headers).filter((name) => name.startsWith('x-amz-grant-'));
  const body = await readSmallBody(req, MAX_ACL_BODY_BYTES); // Content-MD5 / checksums checked there
  const hasBody = body.toString('utf8').trim() !== '';
  const refuse = () => {
    throw new S3Error('NotImplemented', 'Silt supports only the private ACL: the owner with FULL_CONTROL.');
  };

  if ((canned !== undefined ? 1 : 0) + (grants.length > 0 ? 1 : 0) + (hasBody ? 1 : 0) > 1) {
    throw new S3Error('InvalidRequest', 'Specifying more than one of a canned ACL, grant headers and an ACL body is not allowed');
  }
  if (canned !== undefined) {
    if (!CANNED_ACLS.has(canned)) throw new S3Error('InvalidArgument', undefined, { ArgumentName: 'x-amz-acl', ArgumentValue: canned });
    if (canned !== 'private') refuse();
    return;
  }
  if (grants.length > 0) {
    const value = header(req, 'x-amz-grant-full-control')?.trim();
    if (grants.length !== 1 || value === undefined || value.replace(/\s/g, '') !== `id="${ownerId}"`) refuse();
    return;
  }
  if (!hasBody) throw new S3Error('MalformedACLError');
  const acl = parseAccessControlPolicy(body);
  if (acl.ownerId !== undefined && acl.ownerId !== ownerId) refuse();
  const onlyOwner = acl.grants.every((g) => g.type === 'CanonicalUser' && g.id === ownerId && g.permission === 'FULL_CONTROL');
  if (acl.grants.length === 0 || !onlyOwner) refuse();
}
