import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { checkFeatureHeaders, checkLocationConstraint, checkVersionId, type FeatureScope } from './unsupported-features';

/** The S3 code a check throws, or 'ok'. */
function codeOf(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof S3Error) return `${err.status} ${err.code}`;
    throw err;
  }
}
const check = (headers: Record<string, string>, scope: FeatureScope = 'object-write') => codeOf(() => checkFeatureHeaders(headers, scope));

const key = randomBytes(32).toString('base64');
const keyMd5 = createHash('md5').update(Buffer.from(key, 'base64')).digest('base64');

describe('checkFeatureHeaders', () => {
  it.each<[string, Record<string, string>, FeatureScope, string]>([
    // storage classes: only STANDARD is kept; names S3 knows and names it does not are both InvalidStorageClass
    ['no feature header', { 'content-type': 'text/plain' }, 'object-write', 'ok'],
    ['STANDARD', { 'x-amz-storage-class': 'STANDARD' }, 'object-write', 'ok'],
    ['STANDARD on CopyObject', { 'x-amz-storage-class': 'STANDARD' }, 'copy', 'ok'],
    ['an unknown class', { 'x-amz-storage-class': 'FAST' }, 'object-write', '400 InvalidStorageClass'],
    ['a lower-case class (S3 is case-sensitive)', { 'x-amz-storage-class': 'standard' }, 'object-write', '400 InvalidStorageClass'],
    ['REDUCED_REDUNDANCY', { 'x-amz-storage-class': 'REDUCED_REDUNDANCY' }, 'object-write', '400 InvalidStorageClass'],
    ['STANDARD_IA on CopyObject', { 'x-amz-storage-class': 'STANDARD_IA' }, 'copy', '400 InvalidStorageClass'],
    ['GLACIER', { 'x-amz-storage-class': 'GLACIER' }, 'object-write', '400 InvalidStorageClass'],
    // ACLs: a bucket with ACLs disabled
    ['acl private', { 'x-amz-acl': 'private' }, 'object-write', 'ok'],
    ['acl bucket-owner-full-control', { 'x-amz-acl': 'bucket-owner-full-control' }, 'object-write', 'ok'],
    ['acl public-read', { 'x-amz-acl': 'public-read' }, 'object-write', '400 AccessControlListNotSupported'],
    ['a bogus canned acl', { 'x-amz-acl': 'everyone' }, 'object-write', '400 InvalidArgument'],
    ['a grant', { 'x-amz-grant-read': 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' }, 'object-write', '400 AccessControlListNotSupported'],
    ['an unknown grant header', { 'x-amz-grant-everything': 'id=1' }, 'copy', '400 InvalidArgument'],
    ['bucket acl private', { 'x-amz-acl': 'private' }, 'create-bucket', 'ok'],
    ['bucket acl public-read-write', { 'x-amz-acl': 'public-read-write' }, 'create-bucket', '400 AccessControlListNotSupported'],
    ['bucket acl bogus', { 'x-amz-acl': 'nope' }, 'create-bucket', '400 InvalidArgument'],
    ['bucket grant', { 'x-amz-grant-full-control': 'id=abc' }, 'create-bucket', '400 AccessControlListNotSupported'],
    // SSE: malformed is InvalidArgument, well-formed is NotImplemented (Silt does not encrypt at rest)
    ['SSE AES256', { 'x-amz-server-side-encryption': 'AES256' }, 'object-write', '501 NotImplemented'],
    ['SSE aws:kms', { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'k' }, 'copy', '501 NotImplemented'],
    ['SSE bogus', { 'x-amz-server-side-encryption': 'ROT13' }, 'object-write', '400 InvalidArgument'],
    ['a KMS key without aws:kms', { 'x-amz-server-side-encryption-aws-kms-key-id': 'k' }, 'object-write', '400 InvalidArgument'],
    ['a KMS key with AES256', { 'x-amz-server-side-encryption': 'AES256', 'x-amz-server-side-encryption-aws-kms-key-id': 'k' }, 'object-write', '400 InvalidArgument'],
    ['SSE-C complete', { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': key, 'x-amz-server-side-encryption-customer-key-md5': keyMd5 }, 'object-write', '501 NotImplemented'],
    ['SSE-C complete on UploadPart', { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': key, 'x-amz-server-side-encryption-customer-key-md5': keyMd5 }, 'upload-part', '501 NotImplemented'],
    ['SSE-C key without algorithm', { 'x-amz-server-side-encryption-customer-key': key }, 'object-write', '400 InvalidArgument'],
    ['SSE-C bad algorithm', { 'x-amz-server-side-encryption-customer-algorithm': 'DES', 'x-amz-server-side-encryption-customer-key': key, 'x-amz-server-side-encryption-customer-key-md5': keyMd5 }, 'object-write', '400 InvalidArgument'],
    ['SSE-C short key', { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': 'c2hvcnQ=', 'x-amz-server-side-encryption-customer-key-md5': keyMd5 }, 'object-write', '400 InvalidArgument'],
    ['SSE-C wrong key MD5', { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': key, 'x-amz-server-side-encryption-customer-key-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' }, 'object-write', '400 InvalidArgument'],
    ['SSE-C without key MD5', { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': key }, 'object-write', '400 InvalidArgument'],
    ['copy-source SSE-C on CopyObject', { 'x-amz-copy-source-server-side-encryption-customer-algorithm': 'AES256' }, 'copy', '400 InvalidArgument'],
    ['copy-source SSE-C on UploadPartCopy', { 'x-amz-copy-source-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-copy-source-server-side-encryption-customer-key': key, 'x-amz-copy-source-server-side-encryption-customer-key-md5': keyMd5 }, 'upload-part', '501 NotImplemented'],
    // Object Lock: the buckets have no lock configuration
    ['lock mode + date', { 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': '2030-01-01T00:00:00Z' }, 'object-write', '400 InvalidRequest'],
    ['legal hold ON', { 'x-amz-object-lock-legal-hold': 'ON' }, 'copy', '400 InvalidRequest'],
    ['lock mode bogus', { 'x-amz-object-lock-mode': 'FOREVER', 'x-amz-object-lock-retain-until-date': '2030-01-01T00:00:00Z' }, 'object-write', '400 InvalidArgument'],
    ['lock mode without date', { 'x-amz-object-lock-mode': 'COMPLIANCE' }, 'object-write', '400 InvalidArgument'],
    ['lock date unparseable', { 'x-amz-object-lock-mode': 'COMPLIANCE', 'x-amz-object-lock-retain-until-date': 'tomorrow' }, 'object-write', '400 InvalidArgument'],
    ['legal hold bogus', { 'x-amz-object-lock-legal-hold': 'MAYBE' }, 'object-write', '400 InvalidArgument'],
    ['bucket object lock true', { 'x-amz-bucket-object-lock-enabled': 'true' }, 'create-bucket', '501 NotImplemented'],
    ['bucket object lock false', { 'x-amz-bucket-object-lock-enabled': 'false' }, 'create-bucket', 'ok'],
    ['bucket object lock bogus', { 'x-amz-bucket-object-lock-enabled': 'yes' }, 'create-bucket', '400 InvalidArgument'],
    ['object ownership enforced', { 'x-amz-object-ownership': 'BucketOwnerEnforced' }, 'create-bucket', 'ok'],
    ['object ownership ObjectWriter', { 'x-amz-object-ownership': 'ObjectWriter' }, 'create-bucket', '501 NotImplemented'],
    ['object ownership bogus', { 'x-amz-object-ownership': 'Anyone' }, 'create-bucket', '400 InvalidArgument'],
    ['a website redirect', { 'x-amz-website-redirect-location': '/other' }, 'object-write', '501 NotImplemented'],
    // GET/HEAD: SSE-C names an encryption no Silt object has
    ['SSE-C on a read', { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': key, 'x-amz-server-side-encryption-customer-key-md5': keyMd5 }, 'read', '400 InvalidRequest'],
    ['a malformed SSE-C on a read', { 'x-amz-server-side-encryption-customer-algorithm': 'AES256' }, 'read', '400 InvalidArgument'],
    ['a storage class on a read (not looked at)', { 'x-amz-storage-class': 'GLACIER' }, 'read', 'ok'],
    // UploadPart: storage class, ACL and lock belong to CreateMultipartUpload and are not looked at
    ['storage class on UploadPart', { 'x-amz-storage-class': 'GLACIER' }, 'upload-part', 'ok'],
  ])('%s -> %s', (_title, headers, scope, expected) => {
    expect(check(headers, scope)).toBe(expected);
  });

  it('names the refused storage class in the error', () => {
    try {
      checkFeatureHeaders({ 'x-amz-storage-class': 'FAST' }, 'object-write');
    } catch (err) {
      expect((err as S3Error).details).toEqual({ StorageClassRequested: 'FAST' });
      return;
    }
    expect.unreachable();
  });
});

describe('checkVersionId', () => {
  it.each([
    [undefined, 'ok'],
    ['null', 'ok'],
    ['bogus', '400 InvalidArgument'],
    ['', '400 InvalidArgument'],
    ['3sL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo', '400 InvalidArgument'],
  ])('%s -> %s', (versionId, expected) => {
    expect(codeOf(() => checkVersionId(versionId))).toBe(expected);
  });
});

describe('checkLocationConstraint', () => {
  it.each([
    [undefined, 'us-east-1', 'ok'],
    ['', 'us-east-1', 'ok'],
    ['us-east-1', 'us-east-1', '400 InvalidLocationConstraint'],
    ['eu-west-1', 'us-east-1', '400 InvalidLocationConstraint'],
    ['eu-west-1', 'eu-west-1', 'ok'],
    ['EU', 'eu-west-1', 'ok'],
    [undefined, 'eu-west-1', 'ok'],
    ['us-west-2', 'eu-west-1', '400 InvalidLocationConstraint'],
    ['nowhere', 'silt-1', '400 InvalidLocationConstraint'],
  ])('%s in %s -> %s', (constraint, region, expected) => {
    expect(codeOf(() => checkLocationConstraint(constraint, region))).toBe(expected);
  });
});
