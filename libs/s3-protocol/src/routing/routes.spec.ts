import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { type Operation, parseQuery, resolveOperation } from './routes';

const headers = (h: Record<string, string>) => ({ has: (n: string) => n in h });

const cases: Array<[method: string, url: string, h: Record<string, string>, op: Operation]> = [
  ['GET', '/', {}, 'ListBuckets'],
  ['PUT', '/b', {}, 'CreateBucket'],
  ['HEAD', '/b', {}, 'HeadBucket'],
  ['DELETE', '/b', {}, 'DeleteBucket'],
  ['GET', '/b?location', {}, 'GetBucketLocation'],
  ['GET', '/b', {}, 'ListObjects'],
  ['GET', '/b/?list-type=2&prefix=a', {}, 'ListObjectsV2'], // JS SDK's trailing slash
  ['GET', '/b/?uploads', {}, 'ListMultipartUploads'],
  ['POST', '/b?delete&x-id=DeleteObjects', {}, 'DeleteObjects'],
  ['GET', '/b?tagging', {}, 'GetBucketTagging'],
  ['PUT', '/b/k', {}, 'PutObject'],
  ['PUT', '/b/k?x-id=PutObject', {}, 'PutObject'],
  ['PUT', '/b/k', { 'x-amz-copy-source': '/s/k' }, 'CopyObject'],
  ['PUT', '/b/k?partNumber=2&uploadId=u1', {}, 'UploadPart'],
  ['PUT', '/b/k?partNumber=2&uploadId=u1', { 'x-amz-copy-source': '/s/k' }, 'UploadPartCopy'],
  ['GET', '/b/k', {}, 'GetObject'],
  ['GET', '/b/k?partNumber=1', {}, 'GetObject'],
  ['HEAD', '/b/k', {}, 'HeadObject'],
  ['DELETE', '/b/k', {}, 'DeleteObject'],
  ['GET', '/b/k?tagging', {}, 'GetObjectTagging'],
  ['PUT', '/b/k?tagging', {}, 'PutObjectTagging'],
  ['DELETE', '/b/k?tagging', {}, 'DeleteObjectTagging'],
  ['GET', '/b/k?attributes&versionId=null', {}, 'GetObjectAttributes'],
  ['POST', '/b/k?uploads', {}, 'CreateMultipartUpload'],
  ['POST', '/b/k?uploadId=u1', {}, 'CompleteMultipartUpload'],
  ['DELETE', '/b/k?uploadId=u1', {}, 'AbortMultipartUpload'],
  ['GET', '/b/k?uploadId=u1', {}, 'ListParts'],
  // The probes (probe-handlers.ts)
  ['GET', '/b?versioning', {}, 'GetBucketVersioning'],
  ['GET', '/b?versions&prefix=a&key-marker=k&version-id-marker=null', {}, 'ListObjectVersions'],
  ['GET', '/b/?acl', {}, 'GetBucketAcl'],
  ['PUT', '/b?acl', { 'x-amz-acl': 'private' }, 'PutBucketAcl'],
  ['GET', '/b?policy', {}, 'GetBucketPolicy'],
  ['GET', '/b?policyStatus', {}, 'GetBucketPolicyStatus'],
  ['GET', '/b?lifecycle', {}, 'GetBucketLifecycleConfiguration'],
  ['GET', '/b?encryption', {}, 'GetBucketEncryption'],
  ['GET', '/b?cors', {}, 'GetBucketCors'],
  ['GET', '/b?object-lock', {}, 'GetObjectLockConfiguration'],
  ['GET', '/b?publicAccessBlock', {}, 'GetPublicAccessBlock'],
  ['GET', '/b?ownershipControls', {}, 'GetBucketOwnershipControls'],
  ['GET', '/b?website', {}, 'GetBucketWebsite'],
  ['GET', '/b?replication', {}, 'GetBucketReplication'],
  ['GET', '/b?logging', {}, 'GetBucketLogging'],
  ['GET', '/b?notification', {}, 'GetBucketNotificationConfiguration'],
  ['GET', '/b?requestPayment', {}, 'GetBucketRequestPayment'],
  ['GET', '/b?accelerate', {}, 'GetBucketAccelerateConfiguration'],
  ['GET', '/b/k?acl', {}, 'GetObjectAcl'],
  ['PUT', '/b/k?acl', {}, 'PutObjectAcl'],
  ['GET', '/b/k?retention', {}, 'GetObjectRetention'],
  ['GET', '/b/k?legal-hold', {}, 'GetObjectLegalHold'],
];

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err.code;
    throw err;
  }
  return undefined;
};

describe(resolveOperation.name, () => {
  it.each(cases)('%s %s -> %s', (method, url, h, op) => expect(resolveOperation(method, url, headers(h)).op).toBe(op));

  it('keeps %2F, +, spaces and unicode in keys byte-exact', () => {
    expect(resolveOperation('GET', '/b/a%2Fb/c+d%20e/%E2%82%AC', headers({})).key).toBe('a/b/c+d e/€');
    expect(resolveOperation('GET', '/b/a//b/', headers({})).key).toBe('a//b/');
  });
  it('rejects two sub-resources at once', () => expect(codeOf(() => resolveOperation('GET', '/b/k?tagging&acl', headers({})))).toBe('InvalidArgument'));
  it('answers NotImplemented for known but unserved sub-resources', () => {
    expect(codeOf(() => resolveOperation('GET', '/b?analytics', headers({})))).toBe('NotImplemented');
    expect(codeOf(() => resolveOperation('PUT', '/b?versioning', headers({})))).toBe('NotImplemented');
  });
  it('answers NotImplemented, not MethodNotAllowed, to setting or deleting a probed configuration', () => {
    for (const [method, url] of [['PUT', '/b?policy'], ['DELETE', '/b?policy'], ['PUT', '/b?lifecycle'], ['DELETE', '/b?cors'], ['PUT', '/b/k?retention'], ['PUT', '/b/k?legal-hold']]) {
      expect(codeOf(() => resolveOperation(method, url, headers({})))).toBe('NotImplemented');
    }
  });
  it('takes the bucket from the Host when it is virtual-hosted and the whole path as the key', () => {
    expect(resolveOperation('PUT', '/obj.txt', headers({}), 'b')).toMatchObject({ op: 'PutObject', bucket: 'b', key: 'obj.txt' });
    expect(resolveOperation('GET', '/a/b%2Fc/', headers({}), 'b')).toMatchObject({ op: 'GetObject', bucket: 'b', key: 'a/b/c/' });
    expect(resolveOperation('GET', '/?list-type=2', headers({}), 'b')).toMatchObject({ op: 'ListObjectsV2', bucket: 'b', key: '' });
    expect(resolveOperation('PUT', '/', headers({}), 'b')).toMatchObject({ op: 'CreateBucket', bucket: 'b' });
    expect(resolveOperation('GET', '/?acl', headers({}), 'b.with.dots')).toMatchObject({ op: 'GetBucketAcl', bucket: 'b.with.dots' });
  });
  it('answers MethodNotAllowed for a wrong method', () => {
    expect(codeOf(() => resolveOperation('POST', '/b/k', headers({})))).toBe('MethodNotAllowed');
    expect(codeOf(() => resolveOperation('PATCH', '/b/k', headers({})))).toBe('MethodNotAllowed');
    expect(codeOf(() => resolveOperation('PUT', '/', headers({})))).toBe('MethodNotAllowed');
    expect(codeOf(() => resolveOperation('PUT', '/b?location', headers({})))).toBe('MethodNotAllowed');
    expect(codeOf(() => resolveOperation('DELETE', '/b?versions', headers({})))).toBe('MethodNotAllowed');
  });
  it('turns a malformed escape into InvalidArgument, not a crash', () =>
    expect(codeOf(() => resolveOperation('GET', '/b/%E0%A4%A', headers({})))).toBe('InvalidArgument'));
});

describe(parseQuery.name, () => {
  it('decodes names and values once and keeps the first of repeated names', () => {
    const q = parseQuery('prefix=a%2Bb&delimiter=%2F&list-type=2&prefix=zz&flag');
    expect(q.get('prefix')).toBe('a+b');
    expect(q.get('delimiter')).toBe('/');
    expect(q.get('flag')).toBe('');
  });
});
