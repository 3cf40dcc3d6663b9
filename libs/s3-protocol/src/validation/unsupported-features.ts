import { createHash } from 'node:crypto';
import { S3Error } from '../errors/s3-errors';
import type { RequestHeaders } from './metadata';

/**
 * Request headers that ask for S3 features Silt does not have (storage tiers, ACLs, encryption at rest, object lock,
 * versions). Each is either honoured as S3 would (the value describes what Silt does anyway) or refused with S3's
 * error: a write is never stored while a header the client relied on is silently dropped.
 *
 * The model Silt matches is a bucket with S3's defaults since 2023: Object Ownership "bucket owner enforced" (ACLs
 * disabled), no versioning, no Object Lock configuration, one storage class.
 */

/** Where a header check runs: headers S3 accepts on one operation family are meaningless on another. */
export type FeatureScope = 'object-write' | 'copy' | 'upload-part' | 'create-bucket' | 'read';

function first(headers: RequestHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : v?.[0];
}

function invalidArgument(message: string, name: string, value: string | undefined): S3Error {
  return new S3Error('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value ?? '' });
}

/** Every x-amz-storage-class value S3's API reference names (PutObject, StorageClass enum). */
export const S3_STORAGE_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'OUTPOSTS',
  'GLACIER_IR',
  'SNOW',
  'EXPRESS_ONEZONE',
] as const;

/**
 * Only STANDARD is accepted. The other classes are promises Silt cannot keep: lower durability or availability at a
 * lower price (REDUCED_REDUNDANCY, *_IA), tiering (INTELLIGENT_TIERING), archives that need RestoreObject before a
 * GET (GLACIER, DEEP_ARCHIVE), or other hardware (OUTPOSTS, SNOW, EXPRESS_ONEZONE). Storing such an object as STANDARD
 * and listing it as STANDARD would drop the header silently; recording the name would lie about how it is kept. S3
 * itself answers InvalidStorageClass where a bucket does not offer a class (directory buckets, Outposts), so that is
 * the answer here too, for unknown names (S3 is case-sensitive: `standard` is unknown) and for known ones alike.
 */
export function checkStorageClass(headers: RequestHeaders): void {
  const value = first(headers, 'x-amz-storage-class');
  if (value === undefined || value === 'STANDARD') return;
  const known = (S3_STORAGE_CLASSES as readonly string[]).includes(value);
  throw new S3Error(
    'InvalidStorageClass',
    known ? `The storage class you specified is not valid: Silt stores every object as STANDARD, ${value} is not offered.` : undefined,
    { StorageClassRequested: value },
  );
}

/** The canned ACLs S3 defines (ObjectCannedACL and BucketCannedACL). */
export const S3_CANNED_ACLS = [
  'private',
  'public-read',
  'public-read-write',
  'aws-exec-read',
  'authenticated-read',
  'bucket-owner-read',
  'bucket-owner-full-control',
  'log-delivery-write',
] as const;

const GRANT_HEADERS = ['x-amz-grant-read', 'x-amz-grant-write', 'x-amz-grant-read-acp', 'x-amz-grant-write-acp', 'x-amz-grant-full-control'];

/**
 * ACLs: Silt's buckets behave as S3 buckets with ACLs disabled ("bucket owner enforced"). S3 then accepts a PUT that
 * names no ACL or the bucket-owner-full-control ACL and fails any other with 400 AccessControlListNotSupported
 * ("Troubleshooting Object Ownership"). `private` (owner-only, the default) also describes what Silt grants, so it
 * is accepted: the AWS CLI and SDK examples send it (`aws s3 cp --acl private`). A name that is no canned ACL at all
 * is InvalidArgument, as S3 answers. Explicit grants can only grant someone else access: refused.
 */
export function checkAcl(headers: RequestHeaders, scope: FeatureScope): void {
  const acl = first(headers, 'x-amz-acl');
  if (acl !== undefined) {
    if (!(S3_CANNED_ACLS as readonly string[]).includes(acl)) throw invalidArgument('Invalid canned ACL.', 'x-amz-acl', acl);
    const accepted = acl === 'private' || (acl === 'bucket-owner-full-control' && scope !== 'create-bucket');
    if (!accepted) throw new S3Error('AccessControlListNotSupported');
  }
  for (const name of Object.keys(headers)) {
    if (name.startsWith('x-amz-grant-')) {
      if (!GRANT_HEADERS.includes(name)) throw invalidArgument('Unknown grant header.', name, first(headers, name));
      throw new S3Error('AccessControlListNotSupported');
    }
  }
}

const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];
const KMS_HEADERS = [
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-context',
  'x-amz-server-side-encryption-bucket-key-enabled',
];

/**
 * Server-side encryption. Silt does not encrypt what it stores (the UFS may, beneath it, but Silt cannot promise
 * it), so a request for SSE-S3, SSE-KMS or DSSE-KMS is 501 NotImplemented rather than an object stored in clear
 * while the client believes otherwise. Malformed requests get S3's 400 InvalidArgument first, as S3 validates them
 * before anything else: an unknown algorithm, KMS parameters without `aws:kms`.
 */
function checkSse(headers: RequestHeaders): void {
  const sse = first(headers, 'x-amz-server-side-encryption');
  if (sse !== undefined && !SSE_ALGORITHMS.includes(sse)) {
    throw invalidArgument('The encryption method specified is not supported', 'x-amz-server-side-encryption', sse);
  }
  for (const name of KMS_HEADERS) {
    const value = first(headers, name);
    if (value === undefined) continue;
    if (!sse?.startsWith('aws:kms')) {
      throw invalidArgument('Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms', name, value);
    }
    if (name.endsWith('bucket-key-enabled') && !/^(true|false)$/i.test(value)) throw invalidArgument('Invalid bucket key setting.', name, value);
  }
  if (sse !== undefined) throw new S3Error('NotImplemented', `Server-side encryption (${sse}) is not implemented: Silt does not encrypt objects at rest.`);
}

/**
 * SSE-C (`prefix` = x-amz-server-side-encryption-customer- or x-amz-copy-source-server-side-encryption-customer-):
 * S3 requires all three headers, algorithm AES256, a 256-bit base64 key and its matching MD5 (else 400
 * InvalidArgument). A well-formed set is 501 on a write (Silt cannot encrypt with the customer's key) and, on a read,
 * S3's 400 InvalidRequest for an object that is not SSE-C encrypted (none is, here).
 */
function checkSseC(headers: RequestHeaders, prefix: string, scope: FeatureScope): void {
  const algorithm = first(headers, `${prefix}algorithm`);
  const key = first(headers, `${prefix}key`);
  const keyMd5 = first(headers, `${prefix}key-md5`);
  if (algorithm === undefined && key === undefined && keyMd5 === undefined) return;
  if (algorithm === undefined) {
    throw invalidArgument('Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.', `${prefix}algorithm`, undefined);
  }
  if (algorithm !== 'AES256') throw invalidArgument('The encryption algorithm specified is not supported.', `${prefix}algorithm`, algorithm);
  const keyBytes = key !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(key) ? Buffer.from(key, 'base64') : undefined;
  if (!keyBytes || keyBytes.length !== 32) {
    throw invalidArgument('The secret key was invalid for the specified algorithm.', `${prefix}key`, undefined);
  }
  if (keyMd5 === undefined) {
    throw invalidArgument('Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.', `${prefix}key-MD5`, undefined);
  }
  if (createHash('md5').update(keyBytes).digest('base64') !== keyMd5) {
    throw invalidArgument('The calculated MD5 hash of the key did not match the hash that was provided.', `${prefix}key-MD5`, undefined);
  }
  if (scope === 'read') throw new S3Error('InvalidRequest', 'The encryption parameters are not applicable to this object.');
  throw new S3Error('NotImplemented', 'Server-side encryption with customer-provided keys is not implemented.');
}

/**
 * Object Lock on a write. Silt's buckets have no Object Lock configuration, for which S3 answers 400 InvalidRequest
 * "Bucket is missing Object Lock Configuration" to a well-formed lock request; malformed values are InvalidArgument.
 */
function checkObjectLock(headers: RequestHeaders): void {
  const mode = first(headers, 'x-amz-object-lock-mode');
  const until = first(headers, 'x-amz-object-lock-retain-until-date');
  const hold = first(headers, 'x-amz-object-lock-legal-hold');
  if (mode === undefined && until === undefined && hold === undefined) return;
  if (mode !== undefined && mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') throw invalidArgument('Unknown wormMode directive.', 'x-amz-object-lock-mode', mode);
  if (until !== undefined && Number.isNaN(Date.parse(until))) {
    throw invalidArgument('The retain until date must be provided in ISO 8601 format', 'x-amz-object-lock-retain-until-date', until);
  }
  if ((mode === undefined) !== (until === undefined)) {
    throw invalidArgument(
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
      mode === undefined ? 'x-amz-object-lock-mode' : 'x-amz-object-lock-retain-until-date',
      mode ?? until,
    );
  }
  if (hold !== undefined && hold !== 'ON' && hold !== 'OFF') throw invalidArgument('Legal Hold must be either of \'ON\' or \'OFF\'', 'x-amz-object-lock-legal-hold', hold);
  throw new S3Error('InvalidRequest', 'Bucket is missing Object Lock Configuration');
}

/**
 * CreateBucket's own feature headers. Object Lock needs versioning, which Silt lacks: `true` is 501, `false` is what
 * Silt does. Object Ownership: BucketOwnerEnforced is what Silt does (S3's default); the others enable ACLs.
 */
function checkBucketFeatures(headers: RequestHeaders): void {
  const lock = first(headers, 'x-amz-bucket-object-lock-enabled');
  if (lock !== undefined) {
    if (!/^(true|false)$/i.test(lock)) throw invalidArgument('Invalid x-amz-bucket-object-lock-enabled value.', 'x-amz-bucket-object-lock-enabled', lock);
    if (lock.toLowerCase() === 'true') throw new S3Error('NotImplemented', 'Object Lock is not implemented: Silt has no object versions.');
  }
  const ownership = first(headers, 'x-amz-object-ownership');
  if (ownership !== undefined) {
    if (!['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'].includes(ownership)) {
      throw invalidArgument('Invalid x-amz-object-ownership header.', 'x-amz-object-ownership', ownership);
    }
    if (ownership !== 'BucketOwnerEnforced') throw new S3Error('NotImplemented', `Object Ownership ${ownership} (ACLs enabled) is not implemented.`);
  }
}

/** Refuses (throws S3Error) any feature header the operation family cannot honour; returns when all can be. */
export function checkFeatureHeaders(headers: RequestHeaders, scope: FeatureScope): void {
  if (scope === 'create-bucket') {
    checkAcl(headers, scope);
    checkBucketFeatures(headers);
    return;
  }
  // UploadPart(Copy) takes no storage class, ACL or lock (the upload chose them); SSE-C applies to every part.
  if (scope !== 'upload-part' && scope !== 'read') {
    checkStorageClass(headers);
    checkAcl(headers, scope);
    checkSse(headers);
    checkObjectLock(headers);
    // Website redirects are served by S3's website endpoint, which Silt does not have: the header would be dropped.
    if (first(headers, 'x-amz-website-redirect-location') !== undefined) {
      throw new S3Error('NotImplemented', 'x-amz-website-redirect-location is not implemented: Silt has no website endpoint.');
    }
  }
  checkSseC(headers, 'x-amz-server-side-encryption-customer-', scope);
  if (scope === 'copy' || scope === 'upload-part') checkSseC(headers, 'x-amz-copy-source-server-side-encryption-customer-', scope);
}

/**
 * `versionId` on an object request. Silt keeps no versions: the one version of an object in an unversioned bucket
 * has the id `null` (S3: "objects in an unversioned bucket have version ID null"), so `versionId=null` names the
 * current object; anything else names a version that cannot exist, which S3 answers with 400 InvalidArgument
 * "Invalid version id specified" for ids it did not mint.
 */
export function checkVersionId(versionId: string | undefined): void {
  if (versionId === undefined || versionId === 'null') return;
  throw invalidArgument('Invalid version id specified', 'versionId', versionId);
}

/**
 * CreateBucket's LocationConstraint against the gateway's region (`s3.region`). As S3: us-east-1 is the empty
 * constraint, and naming it explicitly is refused (InvalidLocationConstraint); `EU` is the legacy name of eu-west-1.
 * No constraint at all means the gateway's region (S3 requires it outside us-east-1, but boto3's bare create_bucket
 * sends none and a gateway has only one region to put the bucket in).
 */
export function checkLocationConstraint(constraint: string | undefined, region: string): void {
  if (constraint === undefined || constraint === '') return;
  const name = constraint === 'EU' ? 'eu-west-1' : constraint;
  if (name === region && region !== 'us-east-1') return;
  throw new S3Error('InvalidLocationConstraint', undefined, { LocationConstraint: constraint });
}
