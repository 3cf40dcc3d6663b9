/**
 * S3 mounts end to end (issue 6): a real cluster in front of another S3 service (moto, `python3 -m moto.server`,
 * started here on a free port and stopped by its PID). Objects are put straight into moto, behind Silt's back, and
 * read through Silt; Silt's writes land in moto.
 *
 * Two clusters, one per way of mounting:
 *  - A: the mount comes from the config key `mounts` (applied at start), default `metadata.sync.interval`. A training
 *    read (2,000 small files, boto3 from 8 threads, two epochs: the second all cache hits, nothing from the UFS) and
 *    a Triton-like model repository (recursive and delimiter listings, every file byte-exact).
 *  - B: the mount is made with `silt mount` (the CLI), `metadata.sync.interval` 1s. Changes made in moto directly
 *    (overwrite, add, delete) show through after the interval; PutObject / multipart / DeleteObject through Silt
 *    land in moto at <prefix><key>.
 * Then the mounts' secret is looked for everywhere it must not be: every log line of both clusters (log.level
 * debug), `silt mounts --json`, the CLI's own output, and the bodies of S3 errors provoked on good and broken mounts.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  DeleteObjectTaggingCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCopyCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralLayout, freePorts, startCluster, type RunningCluster } from '../../libs/runtime/src/cluster-launcher';
import { bytesOf, s3Error } from './helpers/s3';
import { rawRequest } from './helpers/test-cluster';
import { startMotoServer, type MotoServer } from '../../libs/runtime/src/moto-server';
import { pythonClientEnv } from './helpers/python';

const ROOT = resolve(__dirname, '../..');
const BIN = resolve(ROOT, 'bin/silt.js');
const PY_DIR = resolve(__dirname, 'python');
const KiB = 1024;
const MiB = 1024 * KiB;

const SECRET = 'wJalrXUtnFEMI-silt-e2e-mount-secret-7f3a9c';
const ACCESS_KEY = 'AKIASILTE2EMOUNT7F3A';
const UP_A = 'upstream-a';
const PREFIX_A = 'datasets/v1/';
const UP_B = 'upstream-b';
const PREFIX_B = 'team/area/';
const MOUNT = 's3-mount';

const TRAIN_FILES = 2000;
const MODELS = ['bert', 'resnet50', 'yolo'];

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Cluster extends RunningCluster {
  /** Every log line of every process, never trimmed (the credentials check reads them all). */
  logs: string[];
  metadata: string;
  client(): S3Client;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface Totals {
  hits: number;
  misses: number;
  bytesFromUfs: number;
  bytesServed: number;
}

/** key in the mount -> [size, md5, ETag as S3 quotes it]: the manifest the python checks read. */
type Manifest = Record<string, [number, string, string]>;

let moto: MotoServer | undefined;
let motoEndpoint: string;
let up: S3Client;
let tmp: string;
const clusters: Cluster[] = [];
const cliRuns: Run[] = [];

async function startMoto(): Promise<void> {
  moto = await startMotoServer();
  motoEndpoint = moto.endpoint;
  up = new S3Client({
    endpoint: motoEndpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'moto-direct', secretAccessKey: 'moto-direct' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}

async function stopMoto(): Promise<void> {
  up?.destroy();
  await moto?.stop();
}

/** Puts objects into moto directly, `parallel` at a time (moto takes ~10 ms a PUT, one at a time). */
async function putUpstream(bucket: string, objects: Array<[string, Buffer]>, parallel = 32): Promise<Map<string, string>> {
  const etags = new Map<string, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < objects.length) {
        const [Key, Body] = objects[next++];
        const r = await up.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
        etags.set(Key, r.ETag!);
      }
    }),
  );
  return etags;
}

async function upstreamBytes(bucket: string, key: string): Promise<Buffer> {
  const r = await up.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return bytesOf(r.Body);
}

async function upstreamKeys(bucket: string, prefix: string): Promise<string[]> {
  const r = await up.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (r.Contents ?? []).map((c) => c.Key!);
}

function mountOptions(endpoint = motoEndpoint): Record<string, string> {
  return {
    's3.endpoint': endpoint,
    's3.forcePathStyle': 'true',
    's3.region': 'us-east-1',
    's3.accessKeyId': ACCESS_KEY,
    's3.secretAccessKey': SECRET,
  };
}

async function startMountCluster(name: string, extra: Record<string, string | number | boolean>): Promise<Cluster> {
  const layout = await ephemeralLayout(join(tmp, name), 1);
  layout.extra = { 'ufs.fsync': false, 'log.level': 'debug', ...extra };
  const logs: string[] = [];
  const running = await startCluster(resolve(ROOT, 'dist'), layout, (service, line) => logs.push(`[${name}:${service}] ${line}`));
  const clients: S3Client[] = [];
  const cluster: Cluster = Object.assign(running, {
    logs,
    metadata: `${layout.host}:${layout.metadataPort}`,
    client: () => {
      const c = new S3Client({
        endpoint: running.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'testuser', secretAccessKey: 'secret' },
      });
      clients.push(c);
      return c;
    },
  });
  const stop = running.stop.bind(running);
  cluster.stop = async () => {
    for (const c of clients) c.destroy();
    await stop();
  };
  clusters.push(cluster);
  return cluster;
}

function silt(cluster: Cluster, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args, '--metadata', cluster.metadata], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      const run = { code, stdout, stderr };
      cliRuns.push(run);
      done(run);
    });
  });
}

async function siltJson<T>(cluster: Cluster, args: string[]): Promise<T> {
  const r = await silt(cluster, [...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const totals = async (cluster: Cluster) => (await siltJson<{ totals: Totals }>(cluster, ['stats'])).totals;

/** Stats once they stop moving (short-circuit reads are reported to their worker about once a second). */
async function settledTotals(cluster: Cluster, done: (t: Totals) => boolean = () => true, timeoutMs = 10_000): Promise<Totals> {
  const end = Date.now() + timeoutMs;
  let last = await totals(cluster);
  for (;;) {
    await sleep(1200);
    const t = await totals(cluster);
    const still = t.hits === last.hits && t.misses === last.misses && t.bytesFromUfs === last.bytesFromUfs;
    if ((still && done(t)) || Date.now() > end) return t;
    last = t;
  }
}

interface ScriptRun {
  output?: { ok: boolean; error?: string; result?: Record<string, unknown>; details?: unknown; trace?: string };
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function python(cluster: Cluster, name: string, env: Record<string, string>, timeoutMs = 150_000): Promise<ScriptRun> {
  return new Promise((done) => {
    execFile(
      'python3',
      [join(PY_DIR, 'mount_checks.py'), name, cluster.endpoint],
      {
        cwd: PY_DIR,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * MiB,
        env: pythonClientEnv(env),
      },
      (err, stdout, stderr) => {
        let output: ScriptRun['output'];
        try {
          output = JSON.parse(stdout.trim().split('\n').pop() ?? '') as ScriptRun['output'];
        } catch {
          output = undefined;
        }
        done({ output, exitCode: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
      },
    );
  });
}

/** The script's result; a failure shows what it said and the cluster's last log lines. */
function resultOf(run: ScriptRun, cluster: Cluster): Record<string, unknown> {
  if (!run.output?.ok) {
    throw new Error(
      [
        `mount_checks.py failed (exit ${run.exitCode}): ${run.output?.error ?? 'no JSON result'}`,
        run.output?.details ? JSON.stringify(run.output.details, null, 2).slice(0, 6000) : run.stdout.slice(-3000),
        run.output?.trace ?? '',
        run.stderr.slice(-3000),
        `log tail:\n${cluster.logs.slice(-20).join('\n')}`,
      ].join('\n'),
    );
  }
  return run.output.result ?? {};
}

/** Sizes 1-8 KiB from a fixed sequence; bytes random. */
function trainingSet(): Array<[string, Buffer]> {
  let x = 12345;
  const out: Array<[string, Buffer]> = [];
  for (let i = 0; i < TRAIN_FILES; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push([`train/shard-${String(Math.floor(i / 500)).padStart(2, '0')}/sample-${String(i).padStart(5, '0')}.bin`, randomBytes(KiB + (x % (7 * KiB + 1)))]);
  }
  return out;
}

function modelRepository(): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  MODELS.forEach((name, i) => {
    out.push([`models/${name}/config.pbtxt`, Buffer.from(`name: "${name}"\nplatform: "onnxruntime_onnx"\nmax_batch_size: ${8 * (i + 1)}\n`)]);
    out.push([`models/${name}/1/model.onnx`, randomBytes(2 * MiB + i * 700_001)]);
  });
  return out;
}

describe('S3 mounts against moto: reads, sync, write-through, credentials', () => {
  let a: Cluster;
  let b: Cluster;
  let s3a: S3Client;
  let s3b: S3Client;
  const train = new Map<string, Buffer>();
  const trainManifest: Manifest = {};
  const modelManifest: Manifest = {};

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'silt-ufs-mounts-'));
    await startMoto();
    await up.send(new CreateBucketCommand({ Bucket: UP_A }));
    await up.send(new CreateBucketCommand({ Bucket: UP_B }));

    let t = performance.now();
    const trainSet = trainingSet();
    const models = modelRepository();
    const etags = await putUpstream(UP_A, [...trainSet, ...models].map(([k, v]) => [PREFIX_A + k, v] as [string, Buffer]));
    // Beside the mount's prefix: never visible through it.
    await up.send(new PutObjectCommand({ Bucket: UP_A, Key: 'datasets/v2/not-mounted.txt', Body: 'elsewhere' }));
    await up.send(new PutObjectCommand({ Bucket: UP_A, Key: 'datasets/v1.txt', Body: 'a sibling of the prefix' }));
    for (const [k, v] of trainSet) {
      train.set(k, v);
      trainManifest[k] = [v.length, md5(v), etags.get(PREFIX_A + k)!];
    }
    for (const [k, v] of models) modelManifest[k] = [v.length, md5(v), etags.get(PREFIX_A + k)!];
    writeFileSync(join(tmp, 'train.json'), JSON.stringify(trainManifest));
    writeFileSync(join(tmp, 'models.json'), JSON.stringify(modelManifest));
    console.log(`put ${trainSet.length + models.length} objects into moto in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    a = await startMountCluster('a', { mounts: JSON.stringify([{ point: `/${MOUNT}`, uri: `s3://${UP_A}/${PREFIX_A}`, options: mountOptions() }]) });
    b = await startMountCluster('b', { 'metadata.sync.interval': '1s' });
    s3a = a.client();
    s3b = b.client();
    console.log(`two clusters up in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }, 180_000);

  afterAll(async () => {
    for (const c of clusters) await c.stop().catch(() => undefined);
    await stopMoto();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  describe('cluster A: mounted by the config key `mounts`', () => {
    it('silt mounts shows the config mount, fromConfig, credentials redacted; only the prefix is visible', async () => {
      const { mounts } = await siltJson<{ mounts: Array<Record<string, unknown>> }>(a, ['mounts']);
      expect(mounts).toHaveLength(1);
      expect(mounts[0]).toMatchObject({
        mountPoint: `/${MOUNT}`,
        bucket: MOUNT,
        ufsUri: `s3://${UP_A}/${PREFIX_A}`,
        fromConfig: true,
        options: { ...mountOptions(), 's3.accessKeyId': '<redacted>', 's3.secretAccessKey': '<redacted>' },
      });
      const top = await s3a.send(new ListObjectsV2Command({ Bucket: MOUNT, Delimiter: '/' }));
      expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['models/', 'train/']);
      expect(top.Contents ?? []).toEqual([]);
    });

    it('a training read: two epochs of 2,000 small files by boto3 from 8 threads, byte-exact; the second all from cache', async () => {
      const env = { MOUNT_BUCKET: MOUNT, MOUNT_PREFIX: 'train/', MOUNT_MANIFEST: join(tmp, 'train.json') };
      const totalBytes = [...train.values()].reduce((n, v) => n + v.length, 0);
      const before = await totals(a);
      const epoch1 = resultOf(await python(a, 'epoch', env), a);
      const afterFirst = await settledTotals(a);
      const epoch2 = resultOf(await python(a, 'epoch', env), a);
      const afterSecond = await settledTotals(a, (t) => t.hits - afterFirst.hits >= TRAIN_FILES);
      const d1 = { hits: afterFirst.hits - before.hits, misses: afterFirst.misses - before.misses, bytesFromUfs: afterFirst.bytesFromUfs - before.bytesFromUfs };
      const d2 = { hits: afterSecond.hits - afterFirst.hits, misses: afterSecond.misses - afterFirst.misses, bytesFromUfs: afterSecond.bytesFromUfs - afterFirst.bytesFromUfs };
      console.log(
        `training read of ${TRAIN_FILES} files (${(totalBytes / MiB).toFixed(1)} MiB), boto3 x 8 threads: ` +
          `epoch 1 ${epoch1.seconds} s (listing ${epoch1.list_seconds} s), epoch 2 ${epoch2.seconds} s (listing ${epoch2.list_seconds} s); ` +
          `block-cache stats epoch 1 ${JSON.stringify(d1)}, epoch 2 ${JSON.stringify(d2)}`,
      );
      expect(epoch1).toMatchObject({ objects: TRAIN_FILES, bytes: totalBytes });
      expect(epoch2).toMatchObject({ objects: TRAIN_FILES, bytes: totalBytes });
      // Epoch 1 read every byte through the mount; epoch 2 read none from it: hits only. With the default sync interval
      // (5s) most of epoch 2's GETs re-stat their key in moto first (a HEAD): an unchanged object keeps its pages.
      expect(d1.misses).toBeGreaterThanOrEqual(TRAIN_FILES);
      expect(d1.bytesFromUfs).toBeGreaterThanOrEqual(totalBytes);
      expect(d2.misses).toBe(0);
      expect(d2.bytesFromUfs).toBe(0);
      expect(d2.hits).toBeGreaterThanOrEqual(TRAIN_FILES);
    }, 300_000);

    it('a model repository read like Triton: recursive and delimiter listings of models/, every file byte-exact', async () => {
      const r = resultOf(await python(a, 'models', { MOUNT_BUCKET: MOUNT, MOUNT_PREFIX: 'models/', MOUNT_MANIFEST: join(tmp, 'models.json') }), a);
      const checks = r.checks as Record<string, { ok: boolean; value?: unknown }>;
      expect(Object.keys(checks)).toEqual(['recursive_listing', 'delimiter_listing', 'per_model_listing', 'head_every_file', 'get_every_file']);
      expect(checks.delimiter_listing.value).toEqual(MODELS.map((m) => `models/${m}/`));
      expect((checks.get_every_file.value as { bytes: number }).bytes).toBe(Object.values(modelManifest).reduce((n, [s]) => n + s, 0));
    });
  });

  describe('cluster B: mounted with silt mount, metadata.sync.interval 1s', () => {
    const put = (key: string, body: Buffer | string) => up.send(new PutObjectCommand({ Bucket: UP_B, Key: PREFIX_B + key, Body: body }));
    const get = async (key: string) => {
      const r = await s3b.send(new GetObjectCommand({ Bucket: MOUNT, Key: key }));
      return { body: await bytesOf(r.Body), length: r.ContentLength, etag: r.ETag };
    };
    const listed = async (prefix: string) => {
      const r = await s3b.send(new ListObjectsV2Command({ Bucket: MOUNT, Prefix: prefix }));
      return Object.fromEntries((r.Contents ?? []).map((c) => [c.Key!, c.Size!]));
    };
    const v1 = randomBytes(3000);
    const v2 = randomBytes(5000);
    const v3 = randomBytes(5000);

    it('silt mount attaches s3://upstream-b/team/area/ at /s3-mount', async () => {
      await put('sync/changing.bin', v1);
      await put('sync/doomed.txt', 'about to be deleted in moto');
      await put('sync/racy.bin', v1);
      const args = ['mount', `/${MOUNT}`, `s3://${UP_B}/${PREFIX_B.slice(0, -1)}`];
      for (const [k, v] of Object.entries(mountOptions())) args.push('--option', `${k}=${v}`);
      const r = await silt(b, args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`mounted s3://${UP_B}/team/area at /${MOUNT}`);
      expect(await listed('sync/')).toEqual({ 'sync/changing.bin': 3000, 'sync/doomed.txt': 27, 'sync/racy.bin': 3000 });
    });

    it('an object overwritten in moto is read with its new bytes and size after the interval', async () => {
      expect((await get('sync/changing.bin')).body.equals(v1)).toBe(true);
      expect((await get('sync/changing.bin')).body.equals(v1)).toBe(true); // now from the cache
      await put('sync/changing.bin', v2);
      await sleep(1300);
      const now = await get('sync/changing.bin');
      expect(now.length).toBe(5000);
      expect(md5(now.body)).toBe(md5(v2));
      expect((await s3b.send(new HeadObjectCommand({ Bucket: MOUNT, Key: 'sync/changing.bin' }))).ContentLength).toBe(5000);
      expect((await listed('sync/'))['sync/changing.bin']).toBe(5000);

      // Other bytes of the same size: only the ETag tells them apart.
      await put('sync/changing.bin', v3);
      await sleep(1300);
      const same = await get('sync/changing.bin');
      expect(md5(same.body)).toBe(md5(v3));
      expect(same.etag).toBe(`"${md5(v3)}"`);
    });

    it('an object overwritten in moto right after a listing (index still has the old record) reads whole: the new bytes', async () => {
      await sleep(1100);
      expect((await listed('sync/'))['sync/racy.bin']).toBe(3000);
      await put('sync/racy.bin', v2);
      // Within the interval the index still says 3000 bytes (the precondition: else this tests nothing), and the
      // read finds other bytes in moto: the gateway has the key synced and answers from the new record.
      const stale = await s3b.send(new HeadObjectCommand({ Bucket: MOUNT, Key: 'sync/racy.bin' }));
      expect(stale.ContentLength, 'precondition: HEAD within the interval still answers from the index').toBe(3000);
      const r = await s3b.send(new GetObjectCommand({ Bucket: MOUNT, Key: 'sync/racy.bin' })).then(
        async (res) => ({ body: await bytesOf(res.Body), length: res.ContentLength }),
        (err: Error) => err,
      );
      if (r instanceof Error) throw new Error(`GET after a change behind Silt's back failed: ${r.name}: ${r.message}\n${b.logs.slice(-15).join('\n')}`);
      expect(r.body.length).toBe(r.length);
      expect(md5(r.body)).toBe(md5(v2));
      // Every gateway process dropped the old record with that sync: no stale HEAD after it.
      for (let i = 0; i < 4; i++) expect((await s3b.send(new HeadObjectCommand({ Bucket: MOUNT, Key: 'sync/racy.bin' }))).ContentLength).toBe(5000);
    });

    it('an object added in moto appears in the listing after the interval', async () => {
      await listed('sync/');
      await put('sync/added.txt', 'added behind Silt\'s back');
      await sleep(1300);
      expect(await listed('sync/')).toMatchObject({ 'sync/added.txt': 24 });
      expect((await get('sync/added.txt')).body.toString()).toBe('added behind Silt\'s back');
    });

    it('an object deleted in moto vanishes from the listing and GET answers NoSuchKey after the interval', async () => {
      expect((await get('sync/doomed.txt')).body.toString()).toBe('about to be deleted in moto');
      await up.send(new DeleteObjectCommand({ Bucket: UP_B, Key: `${PREFIX_B}sync/doomed.txt` }));
      await sleep(1300);
      expect(await listed('sync/')).not.toHaveProperty('sync/doomed.txt');
      expect(await s3Error(s3b.send(new GetObjectCommand({ Bucket: MOUNT, Key: 'sync/doomed.txt' })))).toEqual({ name: 'NoSuchKey', status: 404 });
      expect((await s3Error(s3b.send(new HeadObjectCommand({ Bucket: MOUNT, Key: 'sync/doomed.txt' })))).status).toBe(404);
      expect(await listed('sync/')).toEqual({ 'sync/added.txt': 24, 'sync/changing.bin': 5000, 'sync/racy.bin': 5000 });
    });

    it('write-through: PutObject and a 3 x 5 MiB multipart upload land in moto at <prefix><key>; DeleteObject removes them', async () => {
      const small = randomBytes(100 * KiB + 7);
      const described = { ContentType: 'application/x-silt-test', Metadata: { owner: 'team-a', note: 'héllo' }, CacheControl: 'max-age=60' };
      await s3b.send(new PutObjectCommand({ Bucket: MOUNT, Key: 'written/put.bin', Body: small, ...described }));
      expect(md5(await upstreamBytes(UP_B, `${PREFIX_B}written/put.bin`))).toBe(md5(small));
      // The object's type and metadata are mirrored onto the backend object, for other readers of the bucket.
      const mirrored = await up.send(new HeadObjectCommand({ Bucket: UP_B, Key: `${PREFIX_B}written/put.bin` }));
      expect(mirrored).toMatchObject({ ContentType: 'application/x-silt-test', CacheControl: 'max-age=60' });
      expect(mirrored.Metadata?.owner).toBe('team-a');
      // Tags too: set with the PUT, replaced by PutObjectTagging, removed by DeleteObjectTagging.
      const upstreamTags = async () =>
        ((await up.send(new GetObjectTaggingCommand({ Bucket: UP_B, Key: `${PREFIX_B}written/put.bin` }))).TagSet ?? []).map((t) => `${t.Key}=${t.Value}`);
      await s3b.send(new PutObjectCommand({ Bucket: MOUNT, Key: 'written/put.bin', Body: small, Tagging: 'team=a&tier=hot' }));
      expect((await upstreamTags()).sort()).toEqual(['team=a', 'tier=hot']);
      await s3b.send(new PutObjectTaggingCommand({ Bucket: MOUNT, Key: 'written/put.bin', Tagging: { TagSet: [{ Key: 'stage', Value: 'prod' }] } }));
      expect(await upstreamTags()).toEqual(['stage=prod']);
      await s3b.send(new DeleteObjectTaggingCommand({ Bucket: MOUNT, Key: 'written/put.bin' }));
      expect(await upstreamTags()).toEqual([]);

      const big = randomBytes(15 * MiB);
      const upload = new Upload({
        client: s3b,
        params: { Bucket: MOUNT, Key: 'written/multipart.bin', Body: big, ContentType: 'application/x-model', Metadata: { stage: 'prod' } },
        partSize: 5 * MiB,
        queueSize: 3,
      });
      const done = await upload.done();
      expect(done.ETag).toMatch(/-3"$/);
      const mirroredMpu = await up.send(new HeadObjectCommand({ Bucket: UP_B, Key: `${PREFIX_B}written/multipart.bin` }));
      expect(mirroredMpu).toMatchObject({ ContentType: 'application/x-model', Metadata: { stage: 'prod' } });
      const landed = await upstreamBytes(UP_B, `${PREFIX_B}written/multipart.bin`);
      expect(landed.length).toBe(big.length);
      expect(md5(landed)).toBe(md5(big));
      // Nothing left behind in moto: no open backend upload, no staging objects, no stray keys.
      expect((await up.send(new ListMultipartUploadsCommand({ Bucket: UP_B }))).Uploads ?? []).toEqual([]);
      expect((await upstreamKeys(UP_B, PREFIX_B)).filter((k) => !k.startsWith(`${PREFIX_B}sync/`))).toEqual([
        `${PREFIX_B}written/multipart.bin`,
        `${PREFIX_B}written/put.bin`,
      ]);
      // Read back through Silt, and still listed after a sync round (Silt's own writes are not swept).
      expect(md5((await get('written/multipart.bin')).body)).toBe(md5(big));
      await sleep(1300);
      expect(await listed('written/')).toEqual({ 'written/multipart.bin': big.length, 'written/put.bin': small.length });

      await s3b.send(new DeleteObjectCommand({ Bucket: MOUNT, Key: 'written/put.bin' }));
      await s3b.send(new DeleteObjectCommand({ Bucket: MOUNT, Key: 'written/multipart.bin' }));
      expect(await upstreamKeys(UP_B, `${PREFIX_B}written/`)).toEqual([]);
      expect(await s3Error(s3b.send(new GetObjectCommand({ Bucket: MOUNT, Key: 'written/put.bin' })))).toEqual({ name: 'NoSuchKey', status: 404 });
      await sleep(1300);
      expect(await listed('written/')).toEqual({});
    });

    it("copies land in moto described as the destination: CopyObject COPY / REPLACE, and an UploadPartCopy that opens the backend upload", async () => {
      const body = randomBytes(64 * KiB + 3);
      const head = (key: string) => up.send(new HeadObjectCommand({ Bucket: UP_B, Key: `${PREFIX_B}${key}` }));
      await s3b.send(
        new PutObjectCommand({ Bucket: MOUNT, Key: 'copies/src.bin', Body: body, ContentType: 'text/x-source', Metadata: { origin: 'src' }, ContentLanguage: 'en' }),
      );
      // COPY: the source's description, as Silt records it, is what the backend copy carries.
      await s3b.send(new CopyObjectCommand({ Bucket: MOUNT, Key: 'copies/same.bin', CopySource: `${MOUNT}/copies/src.bin` }));
      expect(await head('copies/same.bin')).toMatchObject({ ContentType: 'text/x-source', ContentLanguage: 'en', Metadata: { origin: 'src' } });
      // REPLACE: the request's headers, not the source's.
      await s3b.send(
        new CopyObjectCommand({
          Bucket: MOUNT,
          Key: 'copies/replaced.bin',
          CopySource: `${MOUNT}/copies/src.bin`,
          MetadataDirective: 'REPLACE',
          ContentType: 'application/x-replaced',
          Metadata: { origin: 'copy' },
          Tagging: 'kind=copy',
          TaggingDirective: 'REPLACE',
        }),
      );
      const replaced = await head('copies/replaced.bin');
      expect(replaced.ContentType).toBe('application/x-replaced');
      expect(replaced.Metadata).toEqual({ origin: 'copy' });
      expect(replaced.ContentLanguage).toBeUndefined();
      const replacedTags = await up.send(new GetObjectTaggingCommand({ Bucket: UP_B, Key: `${PREFIX_B}copies/replaced.bin` }));
      expect((replacedTags.TagSet ?? []).map((t) => `${t.Key}=${t.Value}`)).toEqual(['kind=copy']);
      expect(md5(await upstreamBytes(UP_B, `${PREFIX_B}copies/replaced.bin`))).toBe(md5(body));
      // Silt answers the same description as moto holds.
      const viaSilt = await s3b.send(new HeadObjectCommand({ Bucket: MOUNT, Key: 'copies/replaced.bin' }));
      expect(viaSilt).toMatchObject({ ContentType: 'application/x-replaced', Metadata: { origin: 'copy' } });

      // A multipart upload whose first part is a copy: the backend upload it opens carries the upload's description.
      const big = randomBytes(6 * MiB);
      await s3b.send(new PutObjectCommand({ Bucket: MOUNT, Key: 'copies/big-src.bin', Body: big }));
      const { UploadId } = await s3b.send(
        new CreateMultipartUploadCommand({ Bucket: MOUNT, Key: 'copies/assembled.bin', ContentType: 'application/x-assembled', Metadata: { parts: 'copied' } }),
      );
      const p1 = await s3b.send(
        new UploadPartCopyCommand({ Bucket: MOUNT, Key: 'copies/assembled.bin', UploadId, PartNumber: 1, CopySource: `${MOUNT}/copies/big-src.bin`, CopySourceRange: `bytes=0-${5 * MiB - 1}` }),
      );
      const p2 = await s3b.send(
        new UploadPartCopyCommand({ Bucket: MOUNT, Key: 'copies/assembled.bin', UploadId, PartNumber: 2, CopySource: `${MOUNT}/copies/src.bin` }),
      );
      await s3b.send(
        new CompleteMultipartUploadCommand({
          Bucket: MOUNT,
          Key: 'copies/assembled.bin',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.CopyPartResult!.ETag }, { PartNumber: 2, ETag: p2.CopyPartResult!.ETag }] },
        }),
      );
      expect(await head('copies/assembled.bin')).toMatchObject({ ContentType: 'application/x-assembled', Metadata: { parts: 'copied' } });
      expect(md5(await upstreamBytes(UP_B, `${PREFIX_B}copies/assembled.bin`))).toBe(md5(Buffer.concat([big.subarray(0, 5 * MiB), body])));
      for (const key of ['src.bin', 'same.bin', 'replaced.bin', 'big-src.bin', 'assembled.bin']) {
        await s3b.send(new DeleteObjectCommand({ Bucket: MOUNT, Key: `copies/${key}` }));
      }
      expect(await upstreamKeys(UP_B, `${PREFIX_B}copies/`)).toEqual([]);
    });
  });

  describe('credentials never come out', () => {
    it('not in any log line, silt mounts --json, the CLI output, or S3 error bodies (good and broken mounts)', async () => {
      // Broken mounts with the same secret: a backend bucket that does not exist, and an endpoint nobody listens on.
      const [deadPort] = await freePorts(1);
      const broken: Array<[string, string, string]> = [
        ['/s3-nobucket', `s3://no-such-upstream/x`, motoEndpoint],
        ['/s3-down', `s3://${UP_B}/x`, `http://127.0.0.1:${deadPort}`],
      ];
      for (const [point, uri, endpoint] of broken) {
        const args = ['mount', point, uri];
        for (const [k, v] of Object.entries(mountOptions(endpoint))) args.push(`--option=${k}=${v}`);
        const r = await silt(b, args);
        expect(r.code, r.stderr).toBe(0);
      }

      const bodies: Array<{ what: string; status: number; body: string }> = [];
      const raw = async (c: Cluster, what: string, method: string, path: string, body?: string) => {
        const r = await rawRequest(c.endpoint, method, path, body === undefined ? {} : { body, headers: { 'content-length': String(Buffer.byteLength(body)) } });
        bodies.push({ what, status: r.status, body: r.body });
        return r;
      };
      expect((await raw(a, 'A: GET of a missing key', 'GET', `/${MOUNT}/train/no-such-sample.bin`)).status).toBe(404);
      expect((await raw(b, 'B: GET of a missing key', 'GET', `/${MOUNT}/no/such/key`)).status).toBe(404);
      expect((await raw(b, 'B: GET of a reserved key', 'GET', `/${MOUNT}/.silt/staging/x`)).status).toBeGreaterThanOrEqual(400);
      for (const [point] of broken) {
        await raw(b, `${point}: ListObjectsV2`, 'GET', `${point}?list-type=2`);
        await raw(b, `${point}: GET`, 'GET', `${point}/some/key`);
        await raw(b, `${point}: PUT`, 'PUT', `${point}/some/key`, 'bytes for a broken mount');
        await raw(b, `${point}: HEAD`, 'HEAD', `${point}/some/key`);
      }
      console.log(`provoked: ${bodies.map((x) => `${x.what} -> ${x.status}`).join('; ')}`);
      expect(bodies.filter((x) => x.what.includes(': PUT')).every((x) => x.status >= 400)).toBe(true);
      // A mount whose storage cannot be reached is not "empty": listings and reads of keys Silt never saw say retry.
      // (A missing backend bucket fails its listing; S3 answers a HEAD of a key there with a bare 404, so a GET of a
      // key is NoSuchKey.)
      const unreachable = bodies.filter((b) => b.what.startsWith('/s3-down') || b.what === '/s3-nobucket: ListObjectsV2');
      for (const x of unreachable.filter((b) => !b.what.includes(': PUT'))) expect(x.status, x.what).toBe(503);

      for (const c of [a, b]) {
        const json = await silt(c, ['mounts', '--json']);
        expect(json.code).toBe(0);
        expect(json.stdout).toContain('<redacted>');
        expect(json.stdout).not.toContain(SECRET);
        expect(json.stdout).not.toContain(ACCESS_KEY);
      }
      for (const r of cliRuns) {
        expect(r.stdout).not.toContain(SECRET);
        expect(r.stderr).not.toContain(SECRET);
      }
      for (const x of bodies) expect(x.body, x.what).not.toContain(SECRET);
      // Every line every process wrote so far, at log.level debug.
      const all = [...a.logs, ...b.logs];
      expect(all.length).toBeGreaterThan(20);
      expect(all.filter((l) => l.includes(SECRET))).toEqual([]);
      // The ufs logged the mounts it attached, redacted.
      expect(b.logs.some((l) => l.includes('mount attached') && l.includes('<redacted>'))).toBe(true);
      // The access key id is redacted too (not a secret by itself, but treated as one).
      expect(all.filter((l) => l.includes(ACCESS_KEY))).toEqual([]);
    });
  });
});
