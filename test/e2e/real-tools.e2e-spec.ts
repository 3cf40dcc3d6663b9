/**
 * Real tools against a real cluster, the way teams use them: the AWS CLI (`s3 sync` both ways, `--delete`, s3api
 * part numbers) and rclone (copy with multipart, check, sync, server-side copyto, md5sum, delete, purge, rmdir).
 * rclone is installed with apt-get when missing and we are root (as the bench does for nginx); otherwise its tests
 * skip, saying why.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonClientEnv } from './helpers/python';
import { ensureRclone, rcloneEnv } from './helpers/rclone';
import { startTestCluster, type TestCluster } from './helpers/test-cluster';

const MiB = 1024 * 1024;
let cluster: TestCluster;
let tree: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Run> {
  return new Promise((done) => {
    execFile(cmd, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * MiB }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr: stderr + (err?.killed ? `\n(killed after ${timeoutMs} ms)` : '') });
    });
  });
}

function explain(r: Run, what: string): string {
  return `${what}: exit ${r.code}\nstdout:\n${r.stdout.slice(-3000)}\nstderr:\n${r.stderr.slice(-3000)}\ngateway log tail:\n${cluster.logs.slice(-15).join('\n')}`;
}

async function aws(...args: string[]): Promise<Run> {
  const r = await run('aws', ['--endpoint-url', cluster.endpoint, ...args], pythonClientEnv());
  if (r.code !== 0) throw new Error(explain(r, `aws ${args.join(' ')}`));
  return r;
}

/** Files with what tools trip over: non-ASCII names, nested directories, spaces and URL-special characters. */
const FILES: Record<string, Buffer> = {
  'a.txt': Buffer.from('hello\n'),
  'ünïcödé dir/файл.txt': Buffer.from('日本語\n'),
  'nested/deep/spa ce+plus&amp=%.txt': Buffer.from('x\n'),
  'nested/😀.txt': Buffer.from('emoji\n'),
  'big.bin': randomBytes(12 * MiB + 5),
};

function writeTree(dir: string, files: Record<string, Buffer>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

beforeAll(async () => {
  cluster = await startTestCluster();
  tree = join(cluster.dir, 'tree');
  writeTree(tree, FILES);
});

afterAll(async () => {
  await cluster?.dispose();
});

describe('AWS CLI', () => {
  it('s3 sync up and down twice: the second run of each copies nothing; --delete removes what went away', async () => {
    await aws('s3', 'mb', 's3://cli-sync');
    const up = await aws('s3', 'sync', tree, 's3://cli-sync/t', '--no-progress');
    expect(up.stdout.match(/^upload: /gm)).toHaveLength(Object.keys(FILES).length);
    expect((await aws('s3', 'sync', tree, 's3://cli-sync/t', '--no-progress')).stdout).toBe('');
    const down = join(cluster.dir, 'down');
    await aws('s3', 'sync', 's3://cli-sync/t', down, '--no-progress');
    for (const [name, body] of Object.entries(FILES)) expect(md5(readFileSync(join(down, name))), name).toBe(md5(body));
    expect((await aws('s3', 'sync', 's3://cli-sync/t', down, '--no-progress')).stdout).toBe('');
    rmSync(join(tree, 'a.txt'));
    try {
      const del = await aws('s3', 'sync', tree, 's3://cli-sync/t', '--delete', '--no-progress');
      expect(del.stdout.trim()).toBe('delete: s3://cli-sync/t/a.txt');
    } finally {
      writeFileSync(join(tree, 'a.txt'), FILES['a.txt']);
    }
    const ls = await aws('s3api', 'list-objects-v2', '--bucket', 'cli-sync', '--query', 'Contents[].Key', '--output', 'json');
    expect(JSON.parse(ls.stdout)).toEqual(Object.keys(FILES).filter((k) => k !== 'a.txt').map((k) => `t/${k}`).sort());
  });

  it('head-object reports PartsCount only with --part-number, as S3 does', async () => {
    // `s3 cp` of a 12 MiB file is a multipart upload of 8 MiB parts (the CLI's default threshold and chunk size).
    await aws('s3', 'mb', 's3://cli-parts');
    await aws('s3', 'cp', join(tree, 'big.bin'), 's3://cli-parts/big.bin', '--no-progress');
    const head = JSON.parse((await aws('s3api', 'head-object', '--bucket', 'cli-parts', '--key', 'big.bin')).stdout);
    expect(head.ETag).toMatch(/-2"$/);
    expect(head.ContentLength).toBe(FILES['big.bin'].length);
    expect(head).not.toHaveProperty('PartsCount');
    const part1 = JSON.parse((await aws('s3api', 'head-object', '--bucket', 'cli-parts', '--key', 'big.bin', '--part-number', '1')).stdout);
    expect(part1).toMatchObject({ PartsCount: 2, ContentLength: 8 * MiB, ContentRange: `bytes 0-${8 * MiB - 1}/${FILES['big.bin'].length}` });
    const out = join(cluster.dir, 'range.bin');
    const ranged = JSON.parse((await aws('s3api', 'get-object', '--bucket', 'cli-parts', '--key', 'big.bin', '--range', 'bytes=100-199', out)).stdout);
    expect(ranged).toMatchObject({ ContentLength: 100, ContentRange: `bytes 100-199/${FILES['big.bin'].length}` });
    expect(ranged).not.toHaveProperty('PartsCount');
    expect(readFileSync(out).equals(FILES['big.bin'].subarray(100, 200))).toBe(true);
  });
});

describe('rclone', () => {
  let rclonePath: string | null = null;
  let skipReason = '';
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const found = ensureRclone((m) => process.stderr.write(`${m}\n`));
    rclonePath = found.path;
    skipReason = found.note;
    const configFile = join(cluster.dir, 'rclone.conf');
    writeFileSync(configFile, '');
    env = rcloneEnv(cluster.endpoint, configFile);
  }, 240_000);

  async function rclone(...args: string[]): Promise<Run> {
    const r = await run(rclonePath!, ['--retries', '1', '--low-level-retries', '1', ...args], env);
    if (r.code !== 0) throw new Error(explain(r, `rclone ${args.join(' ')}`));
    // rclone reports trouble it recovered from (a retried call, an odd answer) as ERROR lines; there must be none.
    expect(r.stderr, `rclone ${args.join(' ')}`).not.toMatch(/ERROR|Failed/);
    return r;
  }

  it('copy (multipart), lsf, check, sync after changes, copyto, cat, md5sum, delete, purge, rmdir', async (ctx) => {
    if (!rclonePath) ctx.skip(skipReason);
    const local = join(cluster.dir, 'rtree');
    writeTree(local, FILES);
    await rclone('mkdir', 'silt:rclone-b');
    // Small cutoff and chunk size: big.bin goes up as three 5 MiB-ish parts, uploaded concurrently.
    await rclone('copy', local, 'silt:rclone-b/t', '--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M', '--s3-upload-concurrency', '4');
    const lsf = await rclone('lsf', '-R', '--files-only', 'silt:rclone-b/t');
    expect(lsf.stdout.trim().split('\n').sort()).toEqual(Object.keys(FILES).sort());
    expect((await rclone('check', local, 'silt:rclone-b/t')).stderr).toContain('0 differences found');
    expect((await rclone('check', '--download', local, 'silt:rclone-b/t')).stderr).toContain('0 differences found');

    writeFileSync(join(local, 'a.txt'), 'changed\n');
    writeFileSync(join(local, 'nested/deep/added.txt'), 'more\n');
    rmSync(join(local, 'nested/😀.txt'));
    await rclone('sync', local, 'silt:rclone-b/t');
    expect((await rclone('check', local, 'silt:rclone-b/t')).stderr).toContain('0 differences found');

    await rclone('copyto', 'silt:rclone-b/t/ünïcödé dir/файл.txt', 'silt:rclone-b/copy/ü файл.txt');
    expect((await rclone('cat', 'silt:rclone-b/copy/ü файл.txt')).stdout).toBe('日本語\n');
    await rclone('copyto', 'silt:rclone-b/t/big.bin', 'silt:rclone-b/copy/big.bin');
    const sums = (await rclone('md5sum', 'silt:rclone-b')).stdout;
    expect(sums).toContain(`${md5(FILES['big.bin'])}  copy/big.bin`);
    expect(sums).toContain(`${md5(FILES['big.bin'])}  t/big.bin`);
    expect(sums).toContain(`${md5(Buffer.from('changed\n'))}  t/a.txt`);

    await rclone('delete', 'silt:rclone-b/copy');
    await rclone('rmdir', 'silt:rclone-b/copy');
    await rclone('purge', 'silt:rclone-b/t');
    expect((await rclone('lsf', '-R', 'silt:rclone-b')).stdout).toBe('');
    await rclone('rmdir', 'silt:rclone-b');
    expect((await rclone('lsd', 'silt:')).stdout).not.toContain('rclone-b');
  });
});
