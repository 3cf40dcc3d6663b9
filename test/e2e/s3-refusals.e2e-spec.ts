/**
 * Refusals against a real cluster: headers for features Silt lacks (storage classes, ACLs, encryption, Object Lock,
 * versions) answer S3's error and store nothing; the HTTP layer accepts what S3 accepts (any Expect, any
 * Content-Type) and answers the rest in S3 XML. Raw HTTP here for what SDKs will not send; boto3 and the AWS CLI
 * through python/refusal_checks.py.
 */
import { connect } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonChecks } from './helpers/python';
import { rawRequest, startTestCluster, type RawResponse, type TestCluster } from './helpers/test-cluster';

const codeOf = (r: { body: string }) => /<Code>([^<]*)<\/Code>/.exec(r.body)?.[1];

/** One request written byte for byte on a socket (Node's client adds Content-Length: 0 to a bodiless PUT). */
function socketRequest(endpoint: string, head: string): Promise<{ status: number; body: string }> {
  const url = new URL(endpoint);
  return new Promise((resolvePromise, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(head));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && text.length >= end + 4 + Number(length)) {
        socket.destroy();
        resolvePromise({ status: Number(text.split(' ')[1]), body: text.slice(end + 4) });
      }
    });
    socket.on('error', reject);
    socket.setTimeout(20_000, () => reject(new Error(`no answer: ${text}`)));
  });
}

describe('S3 refusals against a real cluster', () => {
  let cluster: TestCluster;
  const bucket = 'refusals';
  const req = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    rawRequest(cluster.endpoint, method, path, {
      headers: body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers },
      body,
    });
  /** The answer as `status code`, as the tables below state it. */
  const answer = async (p: Promise<RawResponse>) => {
    const r = await p;
    return `${r.status} ${codeOf(r) ?? ''}`.trim();
  };
  const stored = async (key: string) => (await req('HEAD', `/${bucket}/${key}`)).status === 200;

  beforeAll(async () => {
    cluster = await startTestCluster();
    expect((await req('PUT', `/${bucket}`, {}, '')).status).toBe(200);
    expect((await req('PUT', `/${bucket}/src`, {}, 'source bytes')).status).toBe(200);
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  describe('feature headers on PutObject: refused, nothing stored', () => {
    const key = randomBytes(32).toString('base64');
    const keyMd5 = createHash('md5').update(Buffer.from(key, 'base64')).digest('base64');
    const ssec = { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': key, 'x-amz-server-side-encryption-customer-key-md5': keyMd5 };
    it.each<[string, Record<string, string>, string]>([
      ['an unknown storage class', { 'x-amz-storage-class': 'FAST' }, '400 InvalidStorageClass'],
      ['STANDARD_IA', { 'x-amz-storage-class': 'STANDARD_IA' }, '400 InvalidStorageClass'],
      ['a bogus canned ACL', { 'x-amz-acl': 'world-writable' }, '400 InvalidArgument'],
      ['a public canned ACL', { 'x-amz-acl': 'public-read' }, '400 AccessControlListNotSupported'],
      ['a grant', { 'x-amz-grant-full-control': 'id=other' }, '400 AccessControlListNotSupported'],
      ['a bogus SSE algorithm', { 'x-amz-server-side-encryption': 'ROT13' }, '400 InvalidArgument'],
      ['SSE AES256', { 'x-amz-server-side-encryption': 'AES256' }, '501 NotImplemented'],
      ['a KMS key without aws:kms', { 'x-amz-server-side-encryption-aws-kms-key-id': 'k1' }, '400 InvalidArgument'],
      ['SSE-C, well formed', ssec, '501 NotImplemented'],
      ['SSE-C with a wrong key MD5', { ...ssec, 'x-amz-server-side-encryption-customer-key-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' }, '400 InvalidArgument'],
      ['SSE-C without its algorithm', { 'x-amz-server-side-encryption-customer-key': key }, '400 InvalidArgument'],
      ['a bogus lock mode', { 'x-amz-object-lock-mode': 'FOREVER', 'x-amz-object-lock-retain-until-date': '2035-01-01T00:00:00Z' }, '400 InvalidArgument'],
      ['a lock date without a mode', { 'x-amz-object-lock-retain-until-date': '2035-01-01T00:00:00Z' }, '400 InvalidArgument'],
      ['a well-formed lock (the bucket has no lock configuration)', { 'x-amz-object-lock-mode': 'COMPLIANCE', 'x-amz-object-lock-retain-until-date': '2035-01-01T00:00:00Z' }, '400 InvalidRequest'],
      ['a bogus legal hold', { 'x-amz-object-lock-legal-hold': 'MAYBE' }, '400 InvalidArgument'],
      ['a website redirect (no website endpoint)', { 'x-amz-website-redirect-location': '/elsewhere' }, '501 NotImplemented'],
    ])('%s -> %s', async (title, headers, expected) => {
      const k = `put-${title.replace(/\W+/g, '-')}`;
      expect(await answer(req('PUT', `/${bucket}/${k}`, headers, 'data'))).toBe(expected);
      expect(await stored(k)).toBe(false);
    });

    it('answers a GET with SSE-C headers 400 InvalidRequest (the object is not SSE-C encrypted)', async () => {
      expect(await answer(req('GET', `/${bucket}/src`, ssec))).toBe('400 InvalidRequest');
      expect((await req('HEAD', `/${bucket}/src`, ssec)).status).toBe(400);
    });

    it('accepts STANDARD, private and bucket-owner-full-control', async () => {
      const headers = { 'x-amz-storage-class': 'STANDARD', 'x-amz-acl': 'private' };
      expect(await answer(req('PUT', `/${bucket}/accepted-1`, headers, 'data'))).toBe('200');
      expect(await answer(req('PUT', `/${bucket}/accepted-2`, { 'x-amz-acl': 'bucket-owner-full-control' }, 'data'))).toBe('200');
      expect((await req('GET', `/${bucket}/accepted-1`)).body).toBe('data');
    });
  });

  describe('CopyObject and UploadPartCopy', () => {
    it.each<[string, Record<string, string>, string]>([
      ['a copy source without a key', { 'x-amz-copy-source': `/${bucket}` }, '400 InvalidArgument'],
      ['a copy source with a bad escape', { 'x-amz-copy-source': `/${bucket}/%zz` }, '400 InvalidArgument'],
      ['a bogus source versionId', { 'x-amz-copy-source': `/${bucket}/src?versionId=bogus` }, '400 InvalidArgument'],
      ['a copy-source SSE-C key', { 'x-amz-copy-source': `/${bucket}/src`, 'x-amz-copy-source-server-side-encryption-customer-algorithm': 'AES256' }, '400 InvalidArgument'],
      ['a storage class', { 'x-amz-copy-source': `/${bucket}/src`, 'x-amz-storage-class': 'GLACIER' }, '400 InvalidStorageClass'],
    ])('CopyObject with %s -> %s', async (title, headers, expected) => {
      const k = `copy-${title.replace(/\W+/g, '-')}`;
      expect(await answer(req('PUT', `/${bucket}/${k}`, headers, ''))).toBe(expected);
      expect(await stored(k)).toBe(false);
    });

    it('copies with versionId=null (the current version)', async () => {
      expect(await answer(req('PUT', `/${bucket}/copy-null`, { 'x-amz-copy-source': `/${bucket}/src?versionId=null` }, ''))).toBe('200');
      expect((await req('GET', `/${bucket}/copy-null`)).body).toBe('source bytes');
    });

    it.each([
      ['bytes=abc', '400 InvalidArgument'],
      ['bytes=0-', '400 InvalidArgument'],
      ['bytes=-5', '400 InvalidArgument'],
      ['bytes=5-2', '400 InvalidArgument'],
      ['0-5', '400 InvalidArgument'],
      ['bytes=0-1,3-4', '400 InvalidArgument'],
      ['bytes=0-12', '416 InvalidRange'],
      ['bytes=12-12', '416 InvalidRange'],
    ])('UploadPartCopy with x-amz-copy-source-range %s -> %s, no part stored', async (range, expected) => {
      const init = await req('POST', `/${bucket}/mpu?uploads`, {}, '');
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.body)![1];
      const path = `/${bucket}/mpu?partNumber=1&uploadId=${encodeURIComponent(uploadId)}`;
      expect(await answer(req('PUT', path, { 'x-amz-copy-source': `/${bucket}/src`, 'x-amz-copy-source-range': range }, ''))).toBe(expected);
      const parts = await req('GET', `/${bucket}/mpu?uploadId=${encodeURIComponent(uploadId)}`);
      expect(parts.body).not.toContain('<Part>');
      await req('DELETE', `/${bucket}/mpu?uploadId=${encodeURIComponent(uploadId)}`);
    });
  });

  describe('versionId', () => {
    it.each([
      ['GET', ''],
      ['HEAD', ''],
      ['DELETE', ''],
      ['GET', '&tagging'],
      ['DELETE', '&tagging'],
    ])('%s%s with a bogus versionId -> 400 InvalidArgument; versionId=null is the current object', async (method, sub) => {
      expect((await req('PUT', `/${bucket}/versioned`, {}, 'v1')).status).toBe(200);
      const bogus = await req(method, `/${bucket}/versioned?versionId=bogus${sub}`);
      expect(bogus.status).toBe(400);
      if (method !== 'HEAD') expect(codeOf(bogus)).toBe('InvalidArgument');
      expect(await stored('versioned')).toBe(true);
      expect((await req(method, `/${bucket}/versioned?versionId=null${sub}`)).status).toBeLessThan(300);
    });
  });

  describe('CreateBucket', () => {
    const cfg = (region: string) => `<CreateBucketConfiguration><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;
    const listed = async (name: string) => (await req('GET', '/')).body.includes(`<Name>${name}</Name>`);

    it.each<[string, Record<string, string>, string | undefined, string]>([
      ['a foreign LocationConstraint', {}, cfg('eu-west-1'), '400 InvalidLocationConstraint'],
      ['an explicit us-east-1 (S3 wants it empty)', {}, cfg('us-east-1'), '400 InvalidLocationConstraint'],
      ['a public ACL', { 'x-amz-acl': 'public-read' }, undefined, '400 AccessControlListNotSupported'],
      ['a bogus ACL', { 'x-amz-acl': 'nobody' }, undefined, '400 InvalidArgument'],
      ['Object Lock', { 'x-amz-bucket-object-lock-enabled': 'true' }, undefined, '501 NotImplemented'],
      ['a bogus Object Lock flag', { 'x-amz-bucket-object-lock-enabled': 'sure' }, undefined, '400 InvalidArgument'],
    ])('with %s -> %s, no bucket made', async (title, headers, body, expected) => {
      const name = `refused-${title.replace(/\W+/g, '-').toLowerCase()}`.slice(0, 63).replace(/-$/, '');
      expect(await answer(req('PUT', `/${name}`, headers, body ?? ''))).toBe(expected);
      expect(await listed(name)).toBe(false);
      expect((await req('HEAD', `/${name}`)).status).toBe(404);
    });

    it('answers 200 to its owner creating it again (us-east-1) and 409 BucketAlreadyExists to anyone else', async () => {
      expect(await answer(req('PUT', `/${bucket}`, {}, ''))).toBe('200');
      expect(await answer(req('PUT', `/${bucket}`, { 'x-amz-acl': 'private' }, cfg('')))).toBe('200');
      expect(await stored('src')).toBe(true);
      const other = { authorization: `AWS4-HMAC-SHA256 Credential=someone-else/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}` };
      expect(await answer(req('PUT', `/${bucket}`, other, ''))).toBe('409 BucketAlreadyExists');
    });
  });

  describe('the HTTP layer accepts what S3 accepts', () => {
    it.each<[string, Record<string, string>]>([
      ['an Expect other than 100-continue', { expect: 'something-else' }],
      ['an empty Content-Type', { 'content-type': '' }],
      ['an unparseable Content-Type', { 'content-type': 'garbage' }],
      ['application/json with a non-JSON body', { 'content-type': 'application/json' }],
      ['multipart/form-data', { 'content-type': 'multipart/form-data' }],
    ])('stores a PutObject with %s', async (title, headers) => {
      const k = `http-${title.replace(/\W+/g, '-')}`;
      expect(await answer(req('PUT', `/${bucket}/${k}`, headers, 'not { json'))).toBe('200');
      expect((await req('GET', `/${bucket}/${k}`)).body).toBe('not { json');
    });

    it('answers a PUT with neither Content-Length nor a chunked body 411 MissingContentLength, storing nothing', async () => {
      const bare = (path: string) => socketRequest(cluster.endpoint, `PUT ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      const put = await bare(`/${bucket}/no-length`);
      expect([put.status, codeOf(put)]).toEqual([411, 'MissingContentLength']);
      expect(await stored('no-length')).toBe(false);
      const init = await req('POST', `/${bucket}/mpu-len?uploads`, {}, '');
      const uploadId = encodeURIComponent(/<UploadId>([^<]+)<\/UploadId>/.exec(init.body)![1]);
      const part = await bare(`/${bucket}/mpu-len?partNumber=1&uploadId=${uploadId}`);
      expect([part.status, codeOf(part)]).toEqual([411, 'MissingContentLength']);
    });

    it.each(['OPTIONS', 'PATCH', 'PROPFIND'])('answers %s in S3 XML (405 MethodNotAllowed)', async (method) => {
      const r = await req(method, `/${bucket}/src`);
      expect(r.status).toBe(405);
      expect(r.headers['content-type']).toBe('application/xml');
      expect(codeOf(r)).toBe('MethodNotAllowed');
    });
  });

  describe('boto3 and the AWS CLI (python/refusal_checks.py)', () => {
    const { expectCheck } = pythonChecks('refusal_checks.py', () => cluster.endpoint, { timeoutMs: 170_000, logs: () => cluster.logs });
    const cases: Record<string, string[]> = {
      objects: [
        'storage_class_STANDARD_ok',
        'storage_class_unknown_InvalidStorageClass',
        'storage_class_GLACIER_InvalidStorageClass',
        'storage_class_REDUCED_REDUNDANCY_InvalidStorageClass',
        'acl_private_ok',
        'acl_bucket_owner_full_control_ok',
        'acl_public_read_AccessControlListNotSupported',
        'grant_AccessControlListNotSupported',
        'sse_AES256_NotImplemented',
        'sse_kms_NotImplemented',
        'object_lock_InvalidRequest',
        'legal_hold_InvalidRequest',
        'copy_object_refusals',
        'copy_source_versionId',
        'multipart_refusals',
        'version_ids',
        'delete_objects_version_ids',
      ],
      buckets: [
        'create_bucket_twice_us_east_1_ok_other_owner_BucketAlreadyExists',
        'location_eu_west_1_InvalidLocationConstraint',
        'location_us_east_1_explicit_InvalidLocationConstraint',
        'bucket_acl_public_read_AccessControlListNotSupported',
        'bucket_object_lock_NotImplemented',
        'bucket_ownership_ObjectWriter_NotImplemented',
        'bucket_acl_private_ownership_enforced_ok',
      ],
      cli: ['s3_mb', 's3_mb_again_ok', 's3_cp_acl_private', 's3_cp_storage_class_standard', 's3_cp_storage_class_glacier_refused', 's3api_list_shows_STANDARD'],
    };
    for (const [name, checks] of Object.entries(cases)) {
      describe(name === 'cli' ? 'AWS CLI' : `boto3 ${name}`, () => {
        for (const check of checks) it(check, { timeout: 180_000 }, () => expectCheck(name, check));
      });
    }
  });
});
