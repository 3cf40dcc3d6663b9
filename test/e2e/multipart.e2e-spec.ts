import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartClient } from '../../libs/grpc/src/clients';
import { SERVICE_NODE_FLAGS } from '../../libs/runtime/src/cluster-launcher';
import { rawRequest, startTestCluster, type TestCluster } from './helpers/test-cluster';
import { md5, bytesOf, s3Error } from './helpers/s3';

const run = promisify(execFile);
const MiB = 1024 * 1024;
async function fileMd5(path: string): Promise<string> {
  const h = createHash('md5');
  await pipeline(createReadStream(path, { highWaterMark: 4 * MiB }), h);
  return h.digest('hex');
}

describe('multipart uploads as S3 does them', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  const bucket = 'mpu';
  const env = () => ({
    ...process.env,
    AWS_ACCESS_KEY_ID: 'mpuser',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  });

  beforeAll(async () => {
    cluster = await startTestCluster();
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('uploads parts out of order, lists them, completes with the md5-of-md5s ETag, and reads parts back', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1234)];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'big/obj', ContentType: 'x/y', Metadata: { m: '1' } }));
    const etags: string[] = [];
    for (const i of [2, 0, 1]) {
      const r = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'big/obj', UploadId, PartNumber: i + 1, Body: parts[i] }));
      etags[i] = r.ETag!;
    }
    // Re-uploading a part number replaces it.
    parts[1] = randomBytes(5 * MiB);
    etags[1] = (await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'big/obj', UploadId, PartNumber: 2, Body: parts[1] }))).ETag!;
    const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'big/obj', UploadId, MaxParts: 2 }));
    expect(listed.Parts?.map((p) => p.PartNumber)).toEqual([1, 2]);
    expect(listed.IsTruncated).toBe(true);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(uploads.Uploads?.map((u) => u.UploadId)).toContain(UploadId);
    // Staged parts never show up as objects.
    expect((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount ?? 0).toBe(0);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'big/obj', UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }),
    );
    const expectedEtag = `"${md5(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest())))}-3"`;
    expect(done.ETag).toBe(expectedEtag);
    // A retried Complete gets the same answer.
    const again = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'big/obj', UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }),
    );
    expect(again.ETag).toBe(expectedEtag);
    const get = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big/obj' }));
    expect(md5(await bytesOf(get.Body))).toBe(md5(Buffer.concat(parts)));
    expect(get.ETag).toBe(expectedEtag);
    expect(get.Metadata).toEqual({ m: '1' });
    expect(get.ContentType).toBe('x/y');
    const p2 = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big/obj', PartNumber: 2 }));
    expect(p2.PartsCount).toBe(3);
    expect(md5(await bytesOf(p2.Body))).toBe(md5(parts[1]));
    const head3 = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big/obj', PartNumber: 3 }));
    expect(head3.ContentLength).toBe(1234);
    expect(await s3Error(s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'big/obj', UploadId })))).toMatchObject({ name: 'NoSuchUpload', status: 404 });
    expect(await s3Error(s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'big/obj', UploadId, PartNumber: 4, Body: 'x' })))).toMatchObject({ name: 'NoSuchUpload' });
  });

  it('refuses bad completes: missing part, wrong ETag, wrong order, small part, malformed XML', async () => {
    const key = 'bad';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const small = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: randomBytes(1000) }));
    const last = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 2, Body: randomBytes(1000) }));
    const complete = (Parts: { ETag?: string; PartNumber: number }[]) =>
      s3Error(s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts } })));
    expect(await complete([{ ETag: small.ETag, PartNumber: 1 }, { ETag: last.ETag, PartNumber: 3 }])).toMatchObject({ name: 'InvalidPart', status: 400 });
    expect(await complete([{ ETag: '"0123"', PartNumber: 1 }])).toMatchObject({ name: 'InvalidPart' });
    expect(await complete([{ ETag: last.ETag, PartNumber: 2 }, { ETag: small.ETag, PartNumber: 1 }])).toMatchObject({ name: 'InvalidPartOrder' });
    expect(await complete([{ ETag: small.ETag, PartNumber: 1 }, { ETag: last.ETag, PartNumber: 2 }])).toMatchObject({ name: 'EntityTooSmall' });
    const malformed = await rawRequest(cluster.endpoint, 'POST', `/${bucket}/${key}?uploadId=${UploadId}`, { body: '<CompleteMultipartUpload><Part>' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain('MalformedXML');
    // Nothing appeared; abort works once, then NoSuchUpload.
    expect(await s3Error(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })))).toMatchObject({ status: 404 });
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }));
    expect(await s3Error(s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId })))).toMatchObject({ name: 'NoSuchUpload' });
    expect(await s3Error(s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: 'nonexistent', PartNumber: 1, Body: 'x' })))).toMatchObject({ name: 'NoSuchUpload' });
  });

  it('builds an object from ranges of another with UploadPartCopy', async () => {
    const source = randomBytes(12 * MiB);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'copy-src', Body: source }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'copy-dst' }));
    const p1 = await s3.send(new UploadPartCopyCommand({ Bucket: bucket, Key: 'copy-dst', UploadId, PartNumber: 1, CopySource: `${bucket}/copy-src`, CopySourceRange: `bytes=${6 * MiB}-${12 * MiB - 1}` }));
    const p2 = await s3.send(new UploadPartCopyCommand({ Bucket: bucket, Key: 'copy-dst', UploadId, PartNumber: 2, CopySource: `${bucket}/copy-src`, CopySourceRange: `bytes=0-${MiB - 1}` }));
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'copy-dst',
        UploadId,
        MultipartUpload: { Parts: [{ ETag: p1.CopyPartResult?.ETag, PartNumber: 1 }, { ETag: p2.CopyPartResult?.ETag, PartNumber: 2 }] },
      }),
    );
    const got = await bytesOf((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy-dst' }))).Body);
    expect(md5(got)).toBe(md5(Buffer.concat([source.subarray(6 * MiB), source.subarray(0, MiB)])));
  });

  it('echoes per-part checksums and returns the composite checksum (SDK lib-storage Upload of a stream)', async () => {
    const body = randomBytes(17 * MiB + 5);
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: 'lib-storage', Body: Readable.from([body.subarray(0, 7 * MiB), body.subarray(7 * MiB)]), ChecksumAlgorithm: 'CRC32' },
      partSize: 5 * MiB,
      queueSize: 4,
    });
    await upload.done();
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'lib-storage', ChecksumMode: 'ENABLED' }));
    expect(head.ETag).toMatch(/-4"$/);
    expect(head.ChecksumCRC32).toMatch(/-4$/);
    const get = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'lib-storage', ChecksumMode: 'ENABLED' }));
    expect(md5(await bytesOf(get.Body))).toBe(md5(body));
  });

  it('aws s3 cp of a 1 GiB file up and down is byte-exact; boto3 upload_file/download_file with defaults', async () => {
    const dir = cluster.dir;
    const src = join(dir, 'gib.bin');
    const out = createWriteStream(src);
    const block = randomBytes(8 * MiB);
    for (let i = 0; i < 128; i++) if (!out.write(block.map((b) => b ^ i))) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    expect(statSync(src).size).toBe(1024 * MiB);
    const aws = (args: string[]) => run('aws', ['--endpoint-url', cluster.endpoint, ...args], { env: env(), timeout: 300_000, maxBuffer: 64 * MiB });
    await aws(['s3', 'cp', src, `s3://${bucket}/gib.bin`, '--only-show-errors']);
    await aws(['s3', 'cp', `s3://${bucket}/gib.bin`, join(dir, 'gib.back'), '--only-show-errors']);
    expect(await fileMd5(join(dir, 'gib.back'))).toBe(await fileMd5(src));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'gib.bin' }));
    expect(head.ETag).toMatch(/-128"$/);

    const script = join(dir, 'b3.py');
    writeFileSync(
      script,
      [
        'import boto3, sys',
        's3 = boto3.client("s3", endpoint_url=sys.argv[1])',
        's3.upload_file(sys.argv[2], "mpu", "boto3-upload.bin")',
        's3.download_file("mpu", "boto3-upload.bin", sys.argv[3])',
        'print(s3.head_object(Bucket="mpu", Key="boto3-upload.bin")["ETag"])',
      ].join('\n'),
    );
    const small = join(dir, 'b3.bin');
    writeFileSync(small, readFileSync(src).subarray(0, 40 * MiB));
    const { stdout } = await run('python3', [script, cluster.endpoint, small, join(dir, 'b3.back')], { env: env(), timeout: 120_000 });
    expect(stdout.trim()).toMatch(/-5"$/);
    expect(await fileMd5(join(dir, 'b3.back'))).toBe(await fileMd5(small));
  }, 600_000);

  it('keeps an unfinished upload across a restart of every service', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'survivor' }));
    const part = randomBytes(MiB);
    const r = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'survivor', UploadId, PartNumber: 1, Body: part }));
    for (const label of ['metadata', 'ufs', 'cache-0', 's3-gateway']) await cluster.restart(label);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'survivor', UploadId, MultipartUpload: { Parts: [{ ETag: r.ETag, PartNumber: 1 }] } }));
    expect(md5(await bytesOf((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'survivor' }))).Body))).toBe(md5(part));
    // Restarted processes keep their node flags: the upload path's V8 old-space floor (SERVICE_NODE_FLAGS).
    const argv = (label: string) => readFileSync(`/proc/${cluster.processes.get(label)!.child.pid}/cmdline`, 'utf8').split('\0');
    for (const service of ['ufs', 's3-gateway'] as const) {
      expect(SERVICE_NODE_FLAGS[service]).toContain('--initial-old-space-size=80');
      expect(argv(service)).toEqual(expect.arrayContaining([...SERVICE_NODE_FLAGS[service]]));
    }
    expect(argv('cache-0').some((a) => a.startsWith('--initial-old-space-size'))).toBe(false);
  });

  // One gateway process (so an upload it has seen is certainly in its cache of uploads) and fsync on, as deployed.
  describe('with one gateway process', () => {
    let own: TestCluster;
    let mp: ReturnType<typeof multipartClient>;
    const stagingOf = (uploadId: string) => join(own.layout.dataDir, 'ufs', '.silt', 'staging', uploadId);
    beforeAll(async () => {
      own = await startTestCluster({ extra: { 's3.processes': 1, 'ufs.fsync': true } });
      mp = multipartClient(`${own.layout.host}:${own.layout.metadataPort}`);
    });
    afterAll(async () => {
      mp?.close();
      await own?.dispose();
    });

    it('answers NoSuchUpload to a part of an upload settled through another gateway, and keeps none of its bytes', async () => {
      const c = own.client();
      await c.send(new CreateBucketCommand({ Bucket: 'stale' }));
      const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: 'stale', Key: 'k' }));
      await c.send(new UploadPartCommand({ Bucket: 'stale', Key: 'k', UploadId, PartNumber: 1, Body: randomBytes(5 * MiB) }));
      const staging = stagingOf(UploadId!);
      expect(existsSync(staging)).toBe(true);
      await mp.api.AbortUpload({ bucket: 'stale', key: 'k', upload_id: UploadId! }); // "another gateway"
      for (const PartNumber of [2, 3]) {
        expect(await s3Error(c.send(new UploadPartCommand({ Bucket: 'stale', Key: 'k', UploadId, PartNumber, Body: randomBytes(5 * MiB) })))).toMatchObject({
          name: 'NoSuchUpload',
          status: 404,
        });
        expect(existsSync(staging)).toBe(false); // the stale part's bytes went with the upload's staging
      }
      expect(await s3Error(c.send(new CompleteMultipartUploadCommand({ Bucket: 'stale', Key: 'k', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"x"' }] } })))).toMatchObject({
        name: 'NoSuchUpload',
      });
    });

    it('keeps every acknowledged part when the ufs is killed (SIGKILL) in the middle of another; the retry takes its slot', async () => {
      const c = own.client();
      await c.send(new CreateBucketCommand({ Bucket: 'crash' }));
      const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: 'crash', Key: 'k' }));
      const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(123)];
      const etags: string[] = [];
      for (const i of [0, 1]) etags[i] = (await c.send(new UploadPartCommand({ Bucket: 'crash', Key: 'k', UploadId, PartNumber: i + 1, Body: parts[i] }))).ETag!;
      // Part 3 is half sent (its slot claimed, half its bytes written) when the ufs dies.
      const url = new URL(own.endpoint);
      let restarted!: Promise<void>;
      const interrupted = new Promise<number | string>((resolve) => {
        const req = http.request(
          { host: url.hostname, port: url.port, method: 'PUT', path: `/crash/k?partNumber=3&uploadId=${encodeURIComponent(UploadId!)}`, headers: { 'content-length': String(5 * MiB) } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', (err) => resolve(err.message));
        req.write(parts[2].subarray(0, 2 * MiB));
        restarted = new Promise<void>((done, fail) => {
          setTimeout(() => {
            own.restart('ufs', 'SIGKILL').then(() => {
              req.destroy();
              done();
            }, fail);
          }, 300);
        });
      });
      const outcome = await interrupted;
      await restarted;
      expect(outcome === 200).toBe(false); // never acknowledged
      etags[2] = (await c.send(new UploadPartCommand({ Bucket: 'crash', Key: 'k', UploadId, PartNumber: 3, Body: parts[2] }))).ETag!;
      etags[3] = (await c.send(new UploadPartCommand({ Bucket: 'crash', Key: 'k', UploadId, PartNumber: 4, Body: parts[3] }))).ETag!;
      // Every part is in its slot: the retried part 3 too (the killed write never committed it, so its slot was free
      // after the restart), not in a part file of its own.
      const staging = stagingOf(UploadId!);
      expect(readdirSync(staging).filter((n) => /^\d+$/.test(n))).toEqual([]);
      await c.send(new CompleteMultipartUploadCommand({ Bucket: 'crash', Key: 'k', UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }));
      const back = await bytesOf((await c.send(new GetObjectCommand({ Bucket: 'crash', Key: 'k' }))).Body);
      expect(md5(back)).toBe(md5(Buffer.concat(parts)));
    }, 120_000);
  });
});
