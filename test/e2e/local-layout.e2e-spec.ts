/**
 * The local UFS end to end (real processes, real clients):
 *  - every valid S3 key is storable: a key with a 300-byte part and a 1,024-byte key (one part; 4-byte emoji) go
 *    through PutObject, GetObject, HeadObject, ListObjectsV2, CopyObject, multipart and DeleteObject, from the JS SDK
 *    and from boto3; 1,025 bytes stays 400 KeyTooLongError;
 *  - `s3.listing.directoriesAsObjects=true`: a local directory mounted with `silt mount`, filled by plain file tools,
 *    lists its subdirectories as 0-byte `dir/` objects (with and without a delimiter), and HEAD/GET `dir/` answer a
 *    0-byte object with the ETag of the empty MD5 and the directory's LastModified; with the flag off they do not;
 *    an S3 mount (moto) under the same flag lists its backend's own `dir/` object once and invents none.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonClientEnv } from './helpers/python';
import { bytesOf, md5, s3Error } from './helpers/s3';
import { siltCli } from './helpers/silt-cli';
import { startTestCluster, type TestCluster } from './helpers/test-cluster';
import { startMotoServer, type MotoServer } from '../../libs/runtime/src/moto-server';

const EMPTY_ETAG = '"d41d8cd98f00b204e9800998ecf8427e"';
const seg300 = `${'s'.repeat(299)}é`.slice(0, 300); // 301 bytes with the 2-byte tail: a part over NAME_MAX
const longPartKey = `deep/${seg300}/leaf.bin`;
const key1024 = '😀'.repeat(256);
const plain1024 = 'k'.repeat(1024);

async function listAll(s3: S3Client, Bucket: string, extra: { Prefix?: string; Delimiter?: string } = {}) {
  const r = await s3.send(new ListObjectsV2Command({ Bucket, ...extra }));
  return { keys: (r.Contents ?? []).map((c) => c.Key!), prefixes: (r.CommonPrefixes ?? []).map((p) => p.Prefix!), contents: r.Contents ?? [] };
}

const BOTO3 = `
import json, sys, boto3
from botocore.config import Config
endpoint, bucket, key = sys.argv[1], sys.argv[2], sys.argv[3]
s3 = boto3.client('s3', endpoint_url=endpoint, config=Config(s3={'addressing_style': 'path'}))
out = {}
s3.put_object(Bucket=bucket, Key=key, Body=b'boto3 body')
out['get'] = s3.get_object(Bucket=bucket, Key=key)['Body'].read().decode()
out['listed'] = [o['Key'] for o in s3.list_objects_v2(Bucket=bucket, Prefix=key[:10]).get('Contents', [])]
ckey = key[:-1] + 'C'
s3.copy_object(Bucket=bucket, Key=ckey, CopySource={'Bucket': bucket, 'Key': key})
out['copy'] = s3.get_object(Bucket=bucket, Key=ckey)['Body'].read().decode()
s3.delete_object(Bucket=bucket, Key=ckey)
mp = s3.create_multipart_upload(Bucket=bucket, Key=key)
p1 = s3.upload_part(Bucket=bucket, Key=key, UploadId=mp['UploadId'], PartNumber=1, Body=b'x' * (5 * 1024 * 1024))
p2 = s3.upload_part(Bucket=bucket, Key=key, UploadId=mp['UploadId'], PartNumber=2, Body=b'tail')
s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=mp['UploadId'], MultipartUpload={'Parts': [
    {'PartNumber': 1, 'ETag': p1['ETag']}, {'PartNumber': 2, 'ETag': p2['ETag']}]})
out['mpSize'] = s3.head_object(Bucket=bucket, Key=key)['ContentLength']
s3.delete_object(Bucket=bucket, Key=key)
try:
    s3.head_object(Bucket=bucket, Key=key)
    out['afterDelete'] = 200
except s3.exceptions.ClientError as e:
    out['afterDelete'] = int(e.response['ResponseMetadata']['HTTPStatusCode'])
print(json.dumps(out))
`;

function boto3(endpoint: string, bucket: string, key: string): Promise<Record<string, unknown>> {
  return new Promise((done, fail) => {
    execFile('python3', ['-c', BOTO3, endpoint, bucket, key], { env: pythonClientEnv(), timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`boto3 failed: ${stderr}`));
      else done(JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>);
    });
  });
}

describe('local UFS: keys with long parts, and directories as folder objects (flag on)', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  let mountDir: string;
  const bucket = 'longkeys';

  beforeAll(async () => {
    cluster = await startTestCluster({ extra: { 's3.listing.directoriesAsObjects': true, 'metadata.sync.interval': '0' } });
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    // A file system as plain tools leave it, mounted at /fsmnt.
    mountDir = mkdtempSync(join(tmpdir(), 'silt-local-layout-'));
    mkdirSync(join(mountDir, 'a', 'b', 'empty'), { recursive: true });
    writeFileSync(join(mountDir, 'a', 'b', 'file.txt'), 'in b');
    writeFileSync(join(mountDir, 'a', 'top.txt'), 'in a');
    const r = await siltCli(() => `${cluster.layout.host}:${cluster.layout.metadataPort}`).run(['mount', '/fsmnt', mountDir]);
    expect(r.code, r.stderr).toBe(0);
  });

  afterAll(async () => {
    await cluster?.dispose();
    if (mountDir) rmSync(mountDir, { recursive: true, force: true });
  });

  it.each([
    ['a key with a 300-byte part', longPartKey],
    ['a 1,024-byte key of 4-byte emoji', key1024],
    ['a 1,024-byte key in one part', plain1024],
  ])('JS SDK: put, get, head, list, copy, delete %s', async (_, key) => {
    const body = Buffer.from(`body of ${key.length}`);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    expect(await bytesOf((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body)).toEqual(body);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ETag).toBe(`"${md5(body)}"`);
    expect((await listAll(s3, bucket, { Prefix: key.slice(0, 8) })).keys).toContain(key);
    const copyKey = `${[...key].slice(0, -1).join('')}C`; // about as long as the source, whole characters
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: copyKey, CopySource: `${bucket}/${encodeURIComponent(key)}` }));
    expect(await bytesOf((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: copyKey }))).Body)).toEqual(body);
    for (const k of [key, copyKey]) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: k }));
    expect((await s3Error(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })))).status).toBe(404);
  });

  it('JS SDK: a multipart upload to a 1,024-byte key and to a key with a 300-byte part', async () => {
    for (const key of [key1024, longPartKey]) {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
      const p1 = Buffer.alloc(5 * 1024 * 1024, 1);
      const p2 = Buffer.from('the end');
      const e1 = (await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: p1 }))).ETag;
      const e2 = (await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 2, Body: p2 }))).ETag;
      await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }] } }));
      const got = await bytesOf((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body);
      expect(got.length).toBe(p1.length + p2.length);
      expect(got.subarray(p1.length).toString()).toBe('the end');
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    }
  });

  it('lists long keys in byte order beside their neighbours, and a key with a long part that is also a "directory"', async () => {
    const listed = 'longlist'; // a bucket of its own: with directories as objects, earlier tests' directories stay
    await s3.send(new CreateBucketCommand({ Bucket: listed }));
    const keys = [seg300, `${seg300}/child`, `${'s'.repeat(299)}`, `${'s'.repeat(299)}z`, plain1024];
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: listed, Key: key, Body: key.slice(-5) }));
    // This cluster lists directories as folder objects, the root mount's too: `${seg300}/child` makes `${seg300}/`.
    const sorted = [...keys, `${seg300}/`].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect((await listAll(s3, listed)).keys).toEqual(sorted);
    expect(await listAll(s3, listed, { Prefix: 's', Delimiter: '/' })).toMatchObject({ keys: sorted.filter((k) => k.startsWith('s') && !k.includes('/')), prefixes: [`${seg300}/`] });
    expect(await bytesOf((await s3.send(new GetObjectCommand({ Bucket: listed, Key: seg300 }))).Body)).toEqual(Buffer.from(seg300.slice(-5)));
    for (const key of keys) await s3.send(new DeleteObjectCommand({ Bucket: listed, Key: key }));
    // The folder object is an object of its own: deleting the others leaves it, deleting it removes it.
    expect((await listAll(s3, listed)).keys).toEqual([`${seg300}/`]);
    await s3.send(new DeleteObjectCommand({ Bucket: listed, Key: `${seg300}/` }));
    expect((await listAll(s3, listed)).keys).toEqual([]);
  });

  it('refuses a 1,025-byte key with 400 KeyTooLongError', async () => {
    expect(await s3Error(s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${key1024}k`, Body: 'x' })))).toMatchObject({ name: 'KeyTooLongError', status: 400 });
  });

  it.each([
    ['a key with a 300-byte part', longPartKey],
    ['a 1,024-byte key', key1024],
  ])('boto3: put, get, list, copy, multipart, delete %s', async (_, key) => {
    const out = await boto3(cluster.endpoint, bucket, key);
    expect(out).toMatchObject({ get: 'boto3 body', copy: 'boto3 body', mpSize: 5 * 1024 * 1024 + 4, afterDelete: 404 });
    expect(out.listed).toContain(key);
  });

  it('lists the mounted directories as 0-byte dir/ objects, without a delimiter', async () => {
    const { keys, contents } = await listAll(s3, 'fsmnt');
    expect(keys).toEqual(['a/', 'a/b/', 'a/b/empty/', 'a/b/file.txt', 'a/top.txt']);
    const dir = contents.find((c) => c.Key === 'a/b/empty/')!;
    expect(dir.Size).toBe(0);
    expect(dir.ETag).toBe(EMPTY_ETAG);
  });

  it('with delimiter=/ a directory is a common prefix one level up and an object under its own prefix', async () => {
    expect(await listAll(s3, 'fsmnt', { Delimiter: '/' })).toMatchObject({ keys: [], prefixes: ['a/'] });
    expect(await listAll(s3, 'fsmnt', { Prefix: 'a/', Delimiter: '/' })).toMatchObject({ keys: ['a/', 'a/top.txt'], prefixes: ['a/b/'] });
    expect(await listAll(s3, 'fsmnt', { Prefix: 'a/b/', Delimiter: '/' })).toMatchObject({ keys: ['a/b/', 'a/b/file.txt'], prefixes: ['a/b/empty/'] });
  });

  it('AWS CLI: s3api list-objects-v2 and s3 ls see the folder objects', async () => {
    const aws = (args: string[]) =>
      new Promise<string>((done, fail) =>
        execFile('aws', ['--endpoint-url', cluster.endpoint, ...args], { env: pythonClientEnv(), timeout: 120_000 }, (err, stdout, stderr) =>
          err ? fail(new Error(`aws ${args.join(' ')}: ${stderr}`)) : done(stdout),
        ),
      );
    const listed = JSON.parse(await aws(['s3api', 'list-objects-v2', '--bucket', 'fsmnt', '--prefix', 'a/b/'])) as { Contents: Array<{ Key: string; Size: number }> };
    expect(listed.Contents.map((c) => [c.Key, c.Size])).toEqual([['a/b/', 0], ['a/b/empty/', 0], ['a/b/file.txt', 4]]);
    const ls = await aws(['s3', 'ls', 's3://fsmnt/a/b/']);
    // `PRE empty/`, the folder object itself (0 bytes, no name below the prefix, as the CLI shows S3 folders), the file.
    expect(ls.split('\n').map((l) => l.replace(/^\S+ \S+ /, '').trim())).toEqual(['PRE empty/', '0', '4 file.txt', '']);
  });

  it('HEAD and GET of dir/ answer a 0-byte object with the empty ETag and the directory\'s LastModified', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'fsmnt', Key: 'a/b/' }));
    expect(head.ContentLength).toBe(0);
    expect(head.ETag).toBe(EMPTY_ETAG);
    expect(head.LastModified?.getTime()).toBe(Math.floor(statSync(join(mountDir, 'a', 'b')).mtimeMs / 1000) * 1000);
    const get = await s3.send(new GetObjectCommand({ Bucket: 'fsmnt', Key: 'a/b/' }));
    expect((await bytesOf(get.Body)).length).toBe(0);
    expect(get.ETag).toBe(EMPTY_ETAG);
    expect((await s3Error(s3.send(new HeadObjectCommand({ Bucket: 'fsmnt', Key: 'a/b' })))).status).toBe(404);
  });

  it('deleting the last file of a mounted directory leaves the directory (still a folder object) on disk', async () => {
    mkdirSync(join(mountDir, 'solo'));
    writeFileSync(join(mountDir, 'solo', 'one.txt'), '1');
    await s3.send(new DeleteObjectCommand({ Bucket: 'fsmnt', Key: 'solo/one.txt' }));
    expect((await listAll(s3, 'fsmnt', { Prefix: 'solo' })).keys).toEqual(['solo/']);
    expect(statSync(join(mountDir, 'solo')).isDirectory()).toBe(true);
    await s3.send(new DeleteObjectCommand({ Bucket: 'fsmnt', Key: 'solo/' }));
    expect((await listAll(s3, 'fsmnt', { Prefix: 'solo' })).keys).toEqual([]);
  });

  it('a folder object PUT through Silt is listed once, not twice', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'fsmnt', Key: 'made/', Body: '' }));
    expect((await listAll(s3, 'fsmnt', { Prefix: 'made' })).keys).toEqual(['made/']);
    await s3.send(new DeleteObjectCommand({ Bucket: 'fsmnt', Key: 'made/' }));
    expect((await listAll(s3, 'fsmnt', { Prefix: 'made' })).keys).toEqual([]);
  });
});

describe('local UFS: directories are not objects with the flag off (default)', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  let mountDir: string;

  beforeAll(async () => {
    cluster = await startTestCluster({ extra: { 'metadata.sync.interval': '0' } });
    s3 = cluster.client();
    mountDir = mkdtempSync(join(tmpdir(), 'silt-local-layout-off-'));
    mkdirSync(join(mountDir, 'a', 'b', 'empty'), { recursive: true });
    writeFileSync(join(mountDir, 'a', 'b', 'file.txt'), 'in b');
    const r = await siltCli(() => `${cluster.layout.host}:${cluster.layout.metadataPort}`).run(['mount', '/fsmnt', mountDir]);
    expect(r.code, r.stderr).toBe(0);
  });

  afterAll(async () => {
    await cluster?.dispose();
    if (mountDir) rmSync(mountDir, { recursive: true, force: true });
  });

  it('lists only files, and HEAD dir/ is 404', async () => {
    expect((await listAll(s3, 'fsmnt')).keys).toEqual(['a/b/file.txt']);
    expect(await listAll(s3, 'fsmnt', { Prefix: 'a/', Delimiter: '/' })).toMatchObject({ keys: [], prefixes: ['a/b/'] });
    expect((await s3Error(s3.send(new HeadObjectCommand({ Bucket: 'fsmnt', Key: 'a/b/' })))).status).toBe(404);
  });
});

describe('S3 mounts with the flag on: a backend dir/ object is listed once, and no directory is invented', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  let moto: MotoServer;
  let up: S3Client;

  beforeAll(async () => {
    moto = await startMotoServer();
    up = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'moto', secretAccessKey: 'moto' } });
    await up.send(new CreateBucketCommand({ Bucket: 'upstream' }));
    for (const [Key, Body] of [['dir/', ''], ['dir/x.txt', 'x'], ['other/y.txt', 'y']]) await up.send(new PutObjectCommand({ Bucket: 'upstream', Key, Body }));
    cluster = await startTestCluster({ extra: { 's3.listing.directoriesAsObjects': true, 'metadata.sync.interval': '0' } });
    s3 = cluster.client();
    const r = await siltCli(() => `${cluster.layout.host}:${cluster.layout.metadataPort}`).run([
      'mount', '/s3mnt', 's3://upstream',
      '--option', `s3.endpoint=${moto.endpoint}`, '--option', 's3.forcePathStyle=true', '--option', 's3.region=us-east-1',
      '--option', 's3.accessKeyId=moto', '--option', 's3.secretAccessKey=moto',
    ]);
    expect(r.code, r.stderr).toBe(0);
  });

  afterAll(async () => {
    await cluster?.dispose();
    up?.destroy();
    await moto?.stop();
  });

  it('lists dir/ once, and other/ only as a common prefix', async () => {
    expect((await listAll(s3, 's3mnt')).keys).toEqual(['dir/', 'dir/x.txt', 'other/y.txt']);
    expect(await listAll(s3, 's3mnt', { Delimiter: '/' })).toMatchObject({ keys: [], prefixes: ['dir/', 'other/'] });
    const head = await s3.send(new HeadObjectCommand({ Bucket: 's3mnt', Key: 'dir/' }));
    expect(head.ContentLength).toBe(0);
    expect(head.ETag).toBe(EMPTY_ETAG);
    expect((await s3Error(s3.send(new HeadObjectCommand({ Bucket: 's3mnt', Key: 'other/' })))).status).toBe(404);
  });
});
