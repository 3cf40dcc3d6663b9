/**
 * Mount management end to end: the built `silt` CLI (bin/silt.js, a child process) against a real cluster. A local
 * directory mounted at /localmnt becomes a bucket S3 clients see (and cannot delete); mount points are refused over
 * a mounted point or an existing bucket; an S3 mount's credentials never come back out of the CLI, in text or JSON;
 * unmount drops the bucket and leaves the directory alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteBucketCommand, GetObjectCommand, HeadBucketCommand, ListBucketsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, s3Error } from './helpers/s3';
import { startTestCluster, type TestCluster } from './helpers/test-cluster';
import { siltCli, type CliRun } from './helpers/silt-cli';

const SECRET = 'SUPERSECRET';



interface MountJson {
  mountPoint: string;
  bucket: string;
  ufsUri: string;
  options: Record<string, string>;
  fromConfig: boolean;
  mountId: string;
}

describe('silt mount / unmount / mounts against a real cluster', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  let metadata: string;
  let localDir: string;
  let otherDir: string;

  const cli = siltCli(() => metadata);
  const silt = cli.run;
  const siltJson = cli.json;

  const mounts = async () => (await siltJson<{ mounts: MountJson[] }>(['mounts'])).mounts;
  const bucketNames = async () => ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);

  /** A failure: exit 1, nothing on stdout, exactly one line on stderr. */
  function expectOneLineFailure(r: CliRun): string {
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^silt: [^\n]+\n$/);
    return r.stderr;
  }

  beforeAll(async () => {
    cluster = await startTestCluster({ extra: { 'metadata.sync.interval': '1s' } });
    metadata = `${cluster.layout.host}:${cluster.layout.metadataPort}`;
    s3 = cluster.client();
    localDir = mkdtempSync(join(tmpdir(), 'silt-mount-local-'));
    mkdirSync(join(localDir, 'docs'));
    writeFileSync(join(localDir, 'docs', 'hello.txt'), 'hello from a mounted directory\n');
    otherDir = mkdtempSync(join(tmpdir(), 'silt-mount-other-'));
  });

  afterAll(async () => {
    await cluster?.dispose();
    for (const d of [localDir, otherDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('mounts a local directory at /localmnt; silt mounts lists it, as text and JSON', async () => {
    expect(await mounts()).toEqual([]);
    const r = await silt(['mount', '/localmnt', localDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^mounted ${localDir} at /localmnt \\(bucket "localmnt", mount id m-[0-9a-f]+\\)\n$`));

    const list = await mounts();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ mountPoint: '/localmnt', bucket: 'localmnt', ufsUri: localDir, options: {}, fromConfig: false });
    const text = await silt(['mounts']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^MOUNT POINT\s+UFS URI\s+OPTIONS\s+FROM CONFIG\s+MOUNT ID$/);
    expect(lines[1]).toMatch(new RegExp(`^/localmnt\\s+${localDir}\\s+-\\s+no\\s+${list[0].mountId}$`));
  });

  it('the mount point is a bucket S3 clients list and cannot delete (409 InvalidBucketState)', async () => {
    expect(await bucketNames()).toContain('localmnt');
    await s3.send(new HeadBucketCommand({ Bucket: 'localmnt' }));
    expect(await s3Error(s3.send(new DeleteBucketCommand({ Bucket: 'localmnt' })))).toEqual({ name: 'InvalidBucketState', status: 409 });
    expect(await bucketNames()).toContain('localmnt');
  });

  it('serves the directory\'s files through the gateway', async () => {
    const res = await s3.send(new GetObjectCommand({ Bucket: 'localmnt', Key: 'docs/hello.txt' }));
    expect((await bytesOf(res.Body)).toString()).toBe('hello from a mounted directory\n');
  });

  it('a file overwritten, added or deleted in the directory behind Silt\'s back is seen after the sync interval', async () => {
    const read = async (key: string) => (await bytesOf((await s3.send(new GetObjectCommand({ Bucket: 'localmnt', Key: key }))).Body)).toString();
    expect(await read('docs/hello.txt')).toBe('hello from a mounted directory\n'); // cached now
    writeFileSync(join(localDir, 'docs', 'hello.txt'), 'changed behind Silt\'s back, longer than before\n');
    writeFileSync(join(localDir, 'docs', 'added.txt'), 'new');
    await new Promise((r) => setTimeout(r, 1_300)); // metadata.sync.interval is 1s in this cluster
    expect(await read('docs/hello.txt')).toBe('changed behind Silt\'s back, longer than before\n');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'localmnt', Prefix: 'docs/' }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual(['docs/added.txt', 'docs/hello.txt']);
    rmSync(join(localDir, 'docs', 'added.txt'));
    await new Promise((r) => setTimeout(r, 1_300));
    expect(await s3Error(s3.send(new GetObjectCommand({ Bucket: 'localmnt', Key: 'docs/added.txt' })))).toEqual({ name: 'NoSuchKey', status: 404 });
    writeFileSync(join(localDir, 'docs', 'hello.txt'), 'hello from a mounted directory\n'); // as the later tests expect
  });

  it('refuses a second mount at the same point, and a mount over an existing bucket, with one clear line', async () => {
    const again = expectOneLineFailure(await silt(['mount', '/localmnt', `file://${otherDir}`]));
    expect(again).toContain(`cannot mount file://${otherDir} at /localmnt: InvalidBucketState:`);
    expect(again).toContain('already a mount point');
    // The same mount again is not a conflict.
    expect((await silt(['mount', '/localmnt', localDir])).code).toBe(0);
    expect((await mounts()).map((m) => m.ufsUri)).toEqual([localDir]);

    await s3.send(new CreateBucketCommand({ Bucket: 'plainbucket' }));
    const taken = expectOneLineFailure(await silt(['mount', '/plainbucket', `file://${otherDir}`]));
    expect(taken).toContain(`cannot mount file://${otherDir} at /plainbucket: BucketAlreadyExists:`);
    expect((await mounts()).map((m) => m.mountPoint)).toEqual(['/localmnt']);
  });

  it('an S3 mount keeps its credentials to itself: "<redacted>" in every listing, the secret nowhere in the output', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'upstream' }));
    const options = [
      `--option=s3.endpoint=${cluster.endpoint}`,
      '--option', 's3.forcePathStyle=true',
      '--option', 's3.region=us-east-1',
      '--option', 's3.accessKeyId=testuser',
      '--option', `s3.secretAccessKey=${SECRET}`,
    ];
    const outputs: CliRun[] = [];
    const mounted = await silt(['mount', '/s3-mount', 's3://upstream/some/prefix', ...options]);
    outputs.push(mounted);
    expect(mounted.stderr).toBe('');
    expect(mounted.code).toBe(0);
    expect(mounted.stdout).toContain('mounted s3://upstream/some/prefix at /s3-mount');
    expect(mounted.stdout).toContain('s3.secretAccessKey=<redacted>');

    const text = await silt(['mounts']);
    outputs.push(text);
    expect(text.code).toBe(0);
    const row = text.stdout.split('\n').find((l) => l.startsWith('/s3-mount'));
    expect(row).toMatch(/^\/s3-mount\s+s3:\/\/upstream\/some\/prefix\s+\S*s3\.accessKeyId=<redacted>\S*s3\.secretAccessKey=<redacted>\s+no\s+m-[0-9a-f]+$/);
    expect(row).toContain(`s3.endpoint=${cluster.endpoint}`);

    const json = await silt(['mounts', '--json']);
    outputs.push(json);
    const s3Mount = (JSON.parse(json.stdout) as { mounts: MountJson[] }).mounts.find((m) => m.mountPoint === '/s3-mount');
    expect(s3Mount?.options).toEqual({
      's3.accessKeyId': '<redacted>',
      's3.endpoint': cluster.endpoint,
      's3.forcePathStyle': 'true',
      's3.region': 'us-east-1',
      's3.secretAccessKey': '<redacted>',
    });

    // Mounting it again as JSON (the same mount: answered, not refused), and a failing one that names the secret's option.
    const again = await silt(['mount', '/s3-mount', 's3://upstream/some/prefix', ...options, '--json']);
    outputs.push(again);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as MountJson).options['s3.secretAccessKey']).toBe('<redacted>');
    const clash = await silt(['mount', '/s3-mount', 's3://upstream/other', ...options]);
    outputs.push(clash);
    expectOneLineFailure(clash);
    const malformed = await silt(['mount', '/s3-2', 's3://upstream', '--option', `s3.secretAccessKey:${SECRET}`]);
    outputs.push(malformed);
    expect(malformed.code).toBe(2);

    for (const o of outputs) {
      expect(o.stdout).not.toContain(SECRET);
      expect(o.stderr).not.toContain(SECRET);
    }
    expect(await bucketNames()).toContain('s3-mount');
  });

  it('refuses an unknown option with the service\'s message, exit 1; bad usage exits 2', async () => {
    const local = expectOneLineFailure(await silt(['mount', '/other', otherDir, '--option', 's3.region=x']));
    expect(local).toContain('InvalidArgument: Unknown option "s3.region" for a local mount');
    const typo = expectOneLineFailure(await silt(['mount', '/other', 's3://upstream', '--option', 's3.endpiont=http://127.0.0.1:5000']));
    expect(typo).toContain('InvalidArgument: Unknown option "s3.endpiont" for a s3 mount');
    expect((await mounts()).map((m) => m.mountPoint)).toEqual(['/localmnt', '/s3-mount']);

    for (const args of [['mount'], ['mount', '/x'], ['unmount'], ['mounts', 'extra'], ['mount', '/x', '/tmp', '--option', 's3.region'], ['mount', '/x', '/tmp', '--option', '=v']]) {
      const r = await silt(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^silt: .+ \(see silt --help\)\n$/);
    }
    const notMounted = expectOneLineFailure(await silt(['unmount', '/plainbucket']));
    expect(notMounted).toContain('cannot unmount /plainbucket: NoSuchBucket:');
  });

  it('unmount removes the mount and its bucket; the directory keeps its files', async () => {
    const r = await silt(['unmount', '/localmnt']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('unmounted /localmnt: bucket "localmnt" is gone from the namespace; the UFS keeps its data\n');
    expect((await mounts()).map((m) => m.mountPoint)).toEqual(['/s3-mount']);
    expect(await bucketNames()).not.toContain('localmnt');
    expect((await s3Error(s3.send(new HeadBucketCommand({ Bucket: 'localmnt' })))).status).toBe(404);
    expect(existsSync(join(localDir, 'docs', 'hello.txt'))).toBe(true);
    expect(readFileSync(join(localDir, 'docs', 'hello.txt'), 'utf8')).toBe('hello from a mounted directory\n');

    expect(await siltJson<unknown>(['unmount', '/s3-mount'])).toEqual({ mountPoint: '/s3-mount', unmounted: true });
    expect(await mounts()).toEqual([]);
    expect((await silt(['mounts'])).stdout).toBe('no mounts (every bucket lives on the root UFS)\n');
    expectOneLineFailure(await silt(['unmount', '/localmnt']));
  });
});
