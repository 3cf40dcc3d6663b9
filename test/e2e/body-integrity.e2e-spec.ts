import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMotoServer, type MotoServer } from '../../libs/runtime/src/moto-server';
import { pythonClientEnv } from './helpers/python';
import { bytesOf, md5, s3Error } from './helpers/s3';
import { rawRequest, startTestCluster, type RawResponse, type TestCluster } from './helpers/test-cluster';

// Body digests are promises: x-amz-content-sha256 (a hex digest), Content-MD5, x-amz-checksum-* (header or aws-chunked
// trailer) and a Complete's part checksums are checked before anything becomes visible; a broken promise is S3's
// error and the previous state (old object, no part, no upload change) is what every later read sees.

const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const md5B64 = (b: Buffer | string) => createHash('md5').update(b).digest('base64');
const crc32B64 = (b: Buffer | string) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(Buffer.from(b)) >>> 0);
  return out.toString('base64');
};
const WRONG_SHA = sha256Hex('not the body');

/** An aws-chunked body (STREAMING-UNSIGNED-PAYLOAD-TRAILER) of `data` in one chunk, with a CRC32 trailer. */
function chunkedWithTrailer(data: string, crc: string): string {
  return `${data.length.toString(16)}\r\n${data}\r\n0\r\nx-amz-checksum-crc32:${crc}\r\n\r\n`;
}

function expectError(res: RawResponse, status: number, code: string): void {
  expect(res.status, res.body).toBe(status);
  expect(res.body).toContain(`<Code>${code}</Code>`);
}

describe('body integrity: digests verified while streaming, nothing stored on a mismatch', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  const bucket = 'integrity';
  const put = (key: string, headers: Record<string, string>, body: string | Buffer, query = '') =>
    rawRequest(cluster.endpoint, 'PUT', `/${bucket}/${key}${query}`, { headers: { 'content-length': String(Buffer.byteLength(body)), ...headers }, body });
  const text = async (key: string) => (await bytesOf((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body)).toString();
  const keys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);

  beforeAll(async () => {
    cluster = await startTestCluster();
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  describe('PutObject', () => {
    it('stores a body that hashes to x-amz-content-sha256', async () => {
      const res = await put('good.txt', { 'x-amz-content-sha256': sha256Hex('good bytes') }, 'good bytes');
      expect(res.status, res.body).toBe(200);
      expect(await text('good.txt')).toBe('good bytes');
    });

    it('refuses a wrong x-amz-content-sha256 with both digests, keeping the old object', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'keep.txt', Body: 'old bytes' }));
      const res = await put('keep.txt', { 'x-amz-content-sha256': WRONG_SHA }, 'new bytes');
      expectError(res, 400, 'XAmzContentSHA256Mismatch');
      expect(res.body).toContain(`<ClientComputedContentSHA256>${WRONG_SHA}</ClientComputedContentSHA256>`);
      expect(res.body).toContain(`<S3ComputedContentSHA256>${sha256Hex('new bytes')}</S3ComputedContentSHA256>`);
      expect(await text('keep.txt')).toBe('old bytes');
    });

    it('refuses a wrong digest even when the SHA256 checksum it is computed with is right', async () => {
      const res = await put('fresh-1.txt', { 'x-amz-content-sha256': WRONG_SHA, 'x-amz-checksum-sha256': Buffer.from(sha256Hex('abc'), 'hex').toString('base64') }, 'abc');
      expectError(res, 400, 'XAmzContentSHA256Mismatch');
      expect(await s3Error(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'fresh-1.txt' })))).toMatchObject({ status: 404 });
      expect(await keys()).not.toContain('fresh-1.txt');
    });

    it('answers InvalidArgument for a value that is neither a digest nor a known payload mode', async () => {
      for (const value of ['abc', 'STREAMING-PAYLOAD', 'a'.repeat(63), `${'a'.repeat(64)}0`]) {
        const res = await put('fresh-2.txt', { 'x-amz-content-sha256': value }, 'abc');
        expectError(res, 400, 'InvalidArgument');
        expect(res.body).toContain('x-amz-content-sha256 must be UNSIGNED-PAYLOAD');
      }
      expect(await keys()).not.toContain('fresh-2.txt');
    });

    it('BadDigest for a wrong checksum header or aws-chunked trailer; InvalidRequest/InvalidDigest for malformed ones', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'keep2.txt', Body: 'old bytes' }));
      expectError(await put('keep2.txt', { 'x-amz-checksum-crc32': crc32B64('other') }, 'new bytes'), 400, 'BadDigest');
      expectError(await put('keep2.txt', { 'content-md5': md5B64('other') }, 'new bytes'), 400, 'BadDigest');
      const chunked = chunkedWithTrailer('new bytes', crc32B64('other'));
      const trailerHeaders = {
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '9',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      };
      expectError(await put('keep2.txt', trailerHeaders, chunked), 400, 'BadDigest');
      expectError(await put('keep2.txt', { 'x-amz-checksum-crc32': 'not base64' }, 'new bytes'), 400, 'InvalidRequest');
      expectError(await put('keep2.txt', { 'content-md5': 'short' }, 'new bytes'), 400, 'InvalidDigest');
      expect(await text('keep2.txt')).toBe('old bytes');
      // The same trailer, right this time, is stored.
      expect((await put('keep2.txt', trailerHeaders, chunkedWithTrailer('new bytes', crc32B64('new bytes')))).status).toBe(200);
      expect(await text('keep2.txt')).toBe('new bytes');
    });

    it('only a STREAMING-* payload hash means aws-chunked; the stored Content-Encoding drops the token', async () => {
      // A plain body labelled aws-chunked is the bytes sent.
      const plain = '5\r\nhello\r\n0\r\n\r\n';
      const res = await put('label.txt', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-encoding': 'aws-chunked' }, plain);
      expect(res.status, res.body).toBe(200);
      const get = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'label.txt' }));
      expect((await bytesOf(get.Body)).toString()).toBe(plain);
      expect(get.ContentEncoding).toBeUndefined();
      // A streaming body sent as `gzip, aws-chunked` is decoded and kept as gzip.
      const streamed = await put('gz.txt', {
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'gzip, aws-chunked',
        'x-amz-decoded-content-length': '5',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      }, chunkedWithTrailer('hello', crc32B64('hello')));
      expect(streamed.status, streamed.body).toBe(200);
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'gz.txt' }));
      expect(head.ContentEncoding).toBe('gzip');
      expect(head.ContentLength).toBe(5);
    });
  });

  describe('UploadPart and CompleteMultipartUpload', () => {
    const key = 'mp.bin';
    const partBody = randomBytes(5 * 1024 * 1024);

    async function createUpload(checksum?: 'CRC32'): Promise<string> {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: checksum }));
      return UploadId!;
    }
    const parts = async (uploadId: string) => (await s3.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))).Parts ?? [];
    const uploads = async () => ((await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).map((u) => u.UploadId);

    it('refuses a part with a wrong x-amz-content-sha256 or checksum and records nothing; a replaced part keeps its bytes', async () => {
      const uploadId = await createUpload();
      const q = (n: number) => `?partNumber=${n}&uploadId=${encodeURIComponent(uploadId)}`;
      expectError(await put(key, { 'x-amz-content-sha256': WRONG_SHA }, 'part bytes', q(1)), 400, 'XAmzContentSHA256Mismatch');
      expectError(await put(key, { 'x-amz-checksum-crc32': crc32B64('other') }, 'part bytes', q(1)), 400, 'BadDigest');
      expect(await parts(uploadId)).toEqual([]);
      // A good part 1, then a bad re-upload of it: the first one stays.
      const good = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: 1, Body: partBody }));
      expectError(await put(key, { 'x-amz-content-sha256': WRONG_SHA }, 'part bytes', q(1)), 400, 'XAmzContentSHA256Mismatch');
      expect((await parts(uploadId)).map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([[1, good.ETag, partBody.length]]);
      const right = await put(key, { 'x-amz-content-sha256': sha256Hex('last part') }, 'last part', q(2));
      expect(right.status, right.body).toBe(200);

      // Complete with a wrong payload hash on its XML: nothing completed, the upload still there.
      const xml =
        `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${good.ETag}</ETag></Part>` +
        `<Part><PartNumber>2</PartNumber><ETag>${right.headers.etag}</ETag></Part></CompleteMultipartUpload>`;
      const complete = (sha: string) =>
        rawRequest(cluster.endpoint, 'POST', `/${bucket}/${key}?uploadId=${encodeURIComponent(uploadId)}`, {
          headers: { 'content-length': String(xml.length), 'x-amz-content-sha256': sha },
          body: xml,
        });
      expectError(await complete(WRONG_SHA), 400, 'XAmzContentSHA256Mismatch');
      expect(await uploads()).toContain(uploadId);
      expect(await keys()).not.toContain(key);
      const done = await complete(sha256Hex(xml));
      expect(done.status, done.body).toBe(200);
      const got = await bytesOf((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body);
      expect(md5(got)).toBe(md5(Buffer.concat([partBody, Buffer.from('last part')])));
    });

    it('Complete naming a part checksum that is not the stored part\'s is BadDigest, nothing completed', async () => {
      const uploadId = await createUpload('CRC32');
      const p1 = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: 1, Body: 'only part', ChecksumAlgorithm: 'CRC32' }));
      expect(p1.ChecksumCRC32).toBe(crc32B64('only part'));
      const wrong = await s3Error(
        s3.send(new CompleteMultipartUploadCommand({
          Bucket: bucket, Key: key, UploadId: uploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag, ChecksumCRC32: crc32B64('other') }] },
        })),
      );
      expect(wrong).toMatchObject({ name: 'BadDigest', status: 400 });
      expect(await uploads()).toContain(uploadId);
      const ok = await s3.send(new CompleteMultipartUploadCommand({
        Bucket: bucket, Key: key, UploadId: uploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag, ChecksumCRC32: p1.ChecksumCRC32 }] },
      }));
      expect(ok.ETag).toBeTruthy();
      expect(await text(key)).toBe('only part');
    });
  });

  describe('small XML bodies', () => {
    const xmlRequest = (method: string, path: string, body: string, sha: string, extra: Record<string, string> = {}) =>
      rawRequest(cluster.endpoint, method, path, { headers: { 'content-length': String(Buffer.byteLength(body)), 'x-amz-content-sha256': sha, ...extra }, body });

    it('DeleteObjects with a wrong digest deletes nothing', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'stay.txt', Body: 'stay' }));
      const xml = '<Delete><Object><Key>stay.txt</Key></Object></Delete>';
      expectError(await xmlRequest('POST', `/${bucket}?delete`, xml, WRONG_SHA, { 'content-md5': md5B64(xml) }), 400, 'XAmzContentSHA256Mismatch');
      expectError(await xmlRequest('POST', `/${bucket}?delete`, xml, sha256Hex(xml), { 'content-md5': md5B64('other') }), 400, 'BadDigest');
      expectError(await xmlRequest('POST', `/${bucket}?delete`, xml, sha256Hex(xml), { 'x-amz-checksum-crc32': crc32B64('other') }), 400, 'BadDigest');
      expectError(await xmlRequest('POST', `/${bucket}?delete`, xml, 'bogus', { 'content-md5': md5B64(xml) }), 400, 'InvalidArgument');
      expect(await text('stay.txt')).toBe('stay');
      const ok = await xmlRequest('POST', `/${bucket}?delete`, xml, sha256Hex(xml), { 'content-md5': md5B64(xml) });
      expect(ok.status, ok.body).toBe(200);
      expect(await keys()).not.toContain('stay.txt');
    });

    it('PutObjectTagging with a wrong digest keeps the old tags', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tagged.txt', Body: 't', Tagging: 'a=1' }));
      const xml = '<Tagging><TagSet><Tag><Key>b</Key><Value>2</Value></Tag></TagSet></Tagging>';
      expectError(await xmlRequest('PUT', `/${bucket}/tagged.txt?tagging`, xml, WRONG_SHA), 400, 'XAmzContentSHA256Mismatch');
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'tagged.txt' }))).TagSet).toEqual([{ Key: 'a', Value: '1' }]);
      await s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'tagged.txt', Tagging: { TagSet: [{ Key: 'b', Value: '2' }] } }));
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'tagged.txt' }))).TagSet).toEqual([{ Key: 'b', Value: '2' }]);
    });

    it('CreateBucket with a wrong digest creates no bucket', async () => {
      const xml = '<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>';
      expectError(await xmlRequest('PUT', '/integrity-new', xml, WRONG_SHA), 400, 'XAmzContentSHA256Mismatch');
      expect(await s3Error(s3.send(new HeadBucketCommand({ Bucket: 'integrity-new' })))).toMatchObject({ status: 404 });
    });
  });

  describe('real clients with their default checksums', () => {
    it('JS SDK: PutObject from a Buffer and from a stream (aws-chunked, CRC32 trailer), Content-Encoding kept', async () => {
      const body = randomBytes(1_000_000);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'sdk.bin', Body: body, ContentEncoding: 'gzip' }));
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'sdk.bin' }));
      expect(got.ContentEncoding).toBe('gzip');
      expect(md5(await bytesOf(got.Body))).toBe(md5(body));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'sdk-stream.bin', Body: Readable.from([body.subarray(0, 300_000), body.subarray(300_000)]), ContentLength: body.length, ContentEncoding: 'gzip' }));
      const streamed = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'sdk-stream.bin' }));
      expect(streamed.ContentEncoding).toBe('gzip');
      expect(md5(await bytesOf(streamed.Body))).toBe(md5(body));
    });

    it('boto3 and the AWS CLI: put, multipart upload, delete_objects, tagging', async () => {
      const script = `
import boto3, io, os, sys, json, subprocess, tempfile
from boto3.s3.transfer import TransferConfig
ep = sys.argv[1]
s3 = boto3.client('s3', endpoint_url=ep)
b = 'integrity'
s3.put_object(Bucket=b, Key='py.txt', Body=b'python bytes', ContentEncoding='gzip')
assert s3.get_object(Bucket=b, Key='py.txt')['Body'].read() == b'python bytes'
data = os.urandom(12 * 1024 * 1024)
s3.upload_fileobj(io.BytesIO(data), b, 'py-mp.bin', Config=TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024))
assert s3.get_object(Bucket=b, Key='py-mp.bin')['Body'].read() == data
s3.put_object_tagging(Bucket=b, Key='py.txt', Tagging={'TagSet': [{'Key': 'k', 'Value': 'v'}]})
assert s3.get_object_tagging(Bucket=b, Key='py.txt')['TagSet'] == [{'Key': 'k', 'Value': 'v'}]
r = s3.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'py-mp.bin'}]})
assert [d['Key'] for d in r['Deleted']] == ['py-mp.bin'], r
with tempfile.NamedTemporaryFile() as f:
    f.write(data); f.flush()
    subprocess.run(['aws', '--endpoint-url', ep, 's3', 'cp', f.name, 's3://integrity/cli.bin'], check=True, capture_output=True)
assert s3.get_object(Bucket=b, Key='cli.bin')['Body'].read() == data
print(json.dumps({'ok': True}))
`;
      const out = await new Promise<string>((resolve, reject) =>
        execFile('python3', ['-c', script, cluster.endpoint], { env: pythonClientEnv(), timeout: 110_000 }, (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
        ),
      );
      expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ ok: true });
    });
  });
});

describe('body integrity on an S3 mount (moto): the backend object is never touched by a refused body', () => {
  let moto: MotoServer;
  let up: S3Client;
  let cluster: TestCluster;
  let s3: S3Client;
  const mount = 'mounted';
  const upstreamBody = async (key: string) => (await bytesOf((await up.send(new GetObjectCommand({ Bucket: 'upstream', Key: `p/${key}` }))).Body)).toString();

  beforeAll(async () => {
    moto = await startMotoServer();
    up = new S3Client({
      endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true,
      credentials: { accessKeyId: 'moto', secretAccessKey: 'moto' }, requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    await up.send(new CreateBucketCommand({ Bucket: 'upstream' }));
    const options = { 's3.endpoint': moto.endpoint, 's3.forcePathStyle': 'true', 's3.region': 'us-east-1', 's3.accessKeyId': 'moto', 's3.secretAccessKey': 'moto' };
    cluster = await startTestCluster({ extra: { mounts: JSON.stringify([{ point: `/${mount}`, uri: 's3://upstream/p/', options }]) } });
    s3 = cluster.client();
  }, 120_000);
  afterAll(async () => {
    up?.destroy();
    await cluster?.dispose();
    await moto?.stop();
  });

  it('PutObject and UploadPart with a wrong x-amz-content-sha256 leave the backend as it was', async () => {
    await s3.send(new PutObjectCommand({ Bucket: mount, Key: 'obj.txt', Body: 'old bytes' }));
    const res = await rawRequest(cluster.endpoint, 'PUT', `/${mount}/obj.txt`, {
      headers: { 'content-length': '9', 'x-amz-content-sha256': WRONG_SHA },
      body: 'new bytes',
    });
    expectError(res, 400, 'XAmzContentSHA256Mismatch');
    expect(await upstreamBody('obj.txt')).toBe('old bytes');
    expect(await bytesOf((await s3.send(new GetObjectCommand({ Bucket: mount, Key: 'obj.txt' }))).Body).then(String)).toBe('old bytes');

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: mount, Key: 'mp.txt' }));
    const part = await rawRequest(cluster.endpoint, 'PUT', `/${mount}/mp.txt?partNumber=1&uploadId=${encodeURIComponent(UploadId!)}`, {
      headers: { 'content-length': '4', 'x-amz-content-sha256': WRONG_SHA },
      body: 'part',
    });
    expectError(part, 400, 'XAmzContentSHA256Mismatch');
    expect((await s3.send(new ListPartsCommand({ Bucket: mount, Key: 'mp.txt', UploadId }))).Parts ?? []).toEqual([]);
    const good = await s3.send(new UploadPartCommand({ Bucket: mount, Key: 'mp.txt', UploadId, PartNumber: 1, Body: 'part' }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: mount, Key: 'mp.txt', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: good.ETag }] } }));
    expect(await upstreamBody('mp.txt')).toBe('part');
  });
});
