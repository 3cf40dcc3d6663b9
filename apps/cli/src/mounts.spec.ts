import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type { MountInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/MountInfo';
import { S3_CODE_KEY } from '../../../libs/grpc/src/status';
import { CliError, parseArgs, UsageError } from './args';
import { runCli } from './cli';
import {
  checkUfsUri,
  describeMountError,
  formatOptions,
  mountedText,
  mountJson,
  renderMounts,
  runMountCommand,
  scrubbing,
  type MountApi,
} from './mounts';

const info = (over: Partial<MountInfo__Output> = {}): MountInfo__Output => ({
  mount_id: 'm-0a1b2c3d4e5f',
  mount_point: '/s3-mount',
  ufs_uri: 's3://their-bucket/prefix',
  options: { 's3.forcePathStyle': 'true', 's3.endpoint': 'http://127.0.0.1:5000', 's3.secretAccessKey': '<redacted>' },
  created_ms: 1_700_000_000_000,
  from_config: false,
  ...over,
});

/** A MountService double: a mount table in memory, the calls it got. */
class FakeMounts implements MountApi {
  readonly table = new Map<string, MountInfo__Output>();
  readonly calls: unknown[] = [];
  async mount(mountPoint: string, ufsUri: string, options: Record<string, string>) {
    this.calls.push(['mount', mountPoint, ufsUri, options]);
    const point = mountPoint.startsWith('/') ? mountPoint : `/${mountPoint}`;
    if (this.table.has(point)) throw new CliError(`cannot mount ${ufsUri} at ${point}: InvalidBucketState: ${point} is already a mount point`);
    // Like the service: credentials come back redacted.
    const m = info({ mount_point: point, ufs_uri: ufsUri, options: Object.fromEntries(Object.entries(options).map(([k, v]) => [k, /secret|accesskey/i.test(k) ? '<redacted>' : v])) });
    this.table.set(point, m);
    return m;
  }
  async unmount(mountPoint: string) {
    this.calls.push(['unmount', mountPoint]);
    if (!this.table.delete(mountPoint.startsWith('/') ? mountPoint : `/${mountPoint}`)) throw new CliError(`cannot unmount ${mountPoint}: NoSuchBucket: not a mount point`);
  }
  async list() {
    return [...this.table.values()];
  }
}

async function runWith(api: MountApi, argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runMountCommand(parseArgs(argv), api, (s) => (out += s));
  return { code, out };
}

describe('mount rendering', () => {
  it('shows options sorted as k=v, credentials redacted even when the answer carried them, "-" for none', () => {
    expect(formatOptions(info().options)).toBe('s3.endpoint=http://127.0.0.1:5000,s3.forcePathStyle=true,s3.secretAccessKey=<redacted>');
    expect(formatOptions({ 's3.accessKeyId': 'AKID', 's3.sessionToken': 'tok' })).toBe('s3.accessKeyId=<redacted>,s3.sessionToken=<redacted>');
    expect(formatOptions({})).toBe('-');
  });

  it('renders the mount table: MOUNT POINT, UFS URI, OPTIONS, FROM CONFIG, MOUNT ID, by mount point', () => {
    const text = renderMounts([info(), info({ mount_id: 'm-local', mount_point: '/localmnt', ufs_uri: 'file:///srv/data', options: {}, from_config: true })]);
    const opts = 's3.endpoint=http://127.0.0.1:5000,s3.forcePathStyle=true,s3.secretAccessKey=<redacted>';
    const row = (...c: string[]) => [c[0].padEnd(11), c[1].padEnd(24), c[2].padEnd(opts.length), c[3].padEnd(11), c[4]].join('  ') + '\n';
    expect(text).toBe(
      row('MOUNT POINT', 'UFS URI', 'OPTIONS', 'FROM CONFIG', 'MOUNT ID') +
        row('/localmnt', 'file:///srv/data', '-', 'yes', 'm-local') +
        row('/s3-mount', 's3://their-bucket/prefix', opts, 'no', 'm-0a1b2c3d4e5f'),
    );
    expect(renderMounts([])).toBe('no mounts (every bucket lives on the root UFS)\n');
  });

  it('answers a mount as a line (and its options), and as JSON', () => {
    expect(mountedText(info())).toBe(
      'mounted s3://their-bucket/prefix at /s3-mount (bucket "s3-mount", mount id m-0a1b2c3d4e5f)\n' +
        '  options: s3.endpoint=http://127.0.0.1:5000,s3.forcePathStyle=true,s3.secretAccessKey=<redacted>\n',
    );
    expect(mountedText(info({ options: {} }))).toBe('mounted s3://their-bucket/prefix at /s3-mount (bucket "s3-mount", mount id m-0a1b2c3d4e5f)\n');
    expect(mountJson(info({ mount_point: 'x', options: { 's3.secretAccessKey': 'LEAK' } }))).toEqual({
      mountPoint: '/x',
      bucket: 'x',
      ufsUri: 's3://their-bucket/prefix',
      options: { 's3.secretAccessKey': '<redacted>' },
      fromConfig: false,
      mountId: 'm-0a1b2c3d4e5f',
      createdMs: 1_700_000_000_000,
    });
  });
});

describe('mount errors', () => {
  const grpcError = (code: grpc.status, details: string, s3?: string) => {
    const metadata = new grpc.Metadata();
    if (s3) metadata.set(S3_CODE_KEY, s3);
    return Object.assign(new Error(details), { code, details, metadata });
  };

  it('puts the service S3 code and message on one line', () => {
    expect(describeMountError(grpcError(grpc.status.ALREADY_EXISTS, 'A bucket named "demo" already exists; a mount point needs a free name.', 'BucketAlreadyExists'), 'cannot mount /d at /demo', 'm')).toBe(
      'cannot mount /d at /demo: BucketAlreadyExists: A bucket named "demo" already exists; a mount point needs a free name.',
    );
    expect(describeMountError(grpcError(grpc.status.UNAVAILABLE, 'No connection established'), 'cannot list mounts', 'the metadata service at h:1')).toBe(
      'cannot list mounts: cannot reach the metadata service at h:1',
    );
    expect(describeMountError(grpcError(grpc.status.INTERNAL, 'boom'), 'cannot unmount /x', 'm')).toBe('cannot unmount /x: boom');
  });

  it('refuses a UFS URI with credentials in it without showing them', () => {
    expect(checkUfsUri('s3://b/p')).toBe('s3://b/p');
    expect(checkUfsUri('/abs/dir')).toBe('/abs/dir');
    expect(checkUfsUri('file:///abs/dir')).toBe('file:///abs/dir');
    expect(() => checkUfsUri('s3://AKID:SUPERSECRET@b/p')).toThrow(UsageError);
    try {
      checkUfsUri('s3://AKID:SUPERSECRET@b/p');
    } catch (err) {
      expect((err as Error).message).not.toContain('SUPERSECRET');
    }
    expect(() => checkUfsUri('')).toThrow(UsageError);
  });
});

describe('runMountCommand', () => {
  it('mounts, lists and unmounts, as text and JSON', async () => {
    const api = new FakeMounts();
    const mounted = await runWith(api, ['mount', '/localmnt', '/srv/data']);
    expect(mounted).toEqual({ code: 0, out: 'mounted /srv/data at /localmnt (bucket "localmnt", mount id m-0a1b2c3d4e5f)\n' });
    const s3 = await runWith(api, ['mount', '/s3-mount', 's3://b/p', '--option', 's3.accessKeyId=AKID', '--option=s3.secretAccessKey=SUPERSECRET', '--json']);
    expect(JSON.parse(s3.out)).toMatchObject({ mountPoint: '/s3-mount', ufsUri: 's3://b/p', options: { 's3.accessKeyId': '<redacted>', 's3.secretAccessKey': '<redacted>' } });
    expect(api.calls[1]).toEqual(['mount', '/s3-mount', 's3://b/p', { 's3.accessKeyId': 'AKID', 's3.secretAccessKey': 'SUPERSECRET' }]);

    const list = await runWith(api, ['mounts', '--json']);
    expect((JSON.parse(list.out) as { mounts: Array<{ mountPoint: string }> }).mounts.map((m) => m.mountPoint)).toEqual(['/localmnt', '/s3-mount']);
    expect((await runWith(api, ['mounts'])).out).toMatch(/^MOUNT POINT\s+UFS URI\s+OPTIONS\s+FROM CONFIG\s+MOUNT ID\n\/localmnt\s+\/srv\/data\s+-\s+no/);

    expect(await runWith(api, ['unmount', 'localmnt'])).toEqual({ code: 0, out: 'unmounted /localmnt: bucket "localmnt" is gone from the namespace; the UFS keeps its data\n' });
    expect(JSON.parse((await runWith(api, ['unmount', '/s3-mount', '--json'])).out)).toEqual({ mountPoint: '/s3-mount', unmounted: true });
    expect((await runWith(api, ['mounts'])).out).toBe('no mounts (every bucket lives on the root UFS)\n');
    await expect(runWith(api, ['unmount', '/nope'])).rejects.toThrow(CliError);
  });
});

describe('credentials never reach the output', () => {
  it('scrubs secret values from whatever is written', () => {
    let out = '';
    const s = scrubbing({ write: (x: string) => (out += x) }, ['SUPERSECRET', '']);
    s.write('error at s3://SUPERSECRET-b: SUPERSECRET!\n');
    expect(out).toBe('error at s3://<redacted>-b: <redacted>!\n');
    const plain = { write: () => true };
    expect(scrubbing(plain, [])).toBe(plain);
  });

  it('runCli: exit 2 for bad usage, exit 1 with one line when metadata cannot be reached, no secret either way', async () => {
    const run = async (argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {} });
      return { code, stdout, stderr };
    };
    const usage = await run(['mount', '/m', 's3://b', '--option', 's3.secretAccessKey=', 'SUPERSECRET']);
    expect(usage).toEqual({ code: 2, stdout: '', stderr: 'silt: mount takes 2 arguments (<mount-point> <ufs-uri>), got 3 (see silt --help)\n' });
    expect((await run(['mount', '/m', 's3://b', '--option', 's3.secretAccessKey'])).code).toBe(2);

    // Port 1: nothing listens. The URI echoes the secret in the error line; it comes out redacted.
    const down = await run(['mount', '/m', 's3://SUPERSECRET-b', '--option', 's3.accessKeyId=AKID', '--option', 's3.secretAccessKey=SUPERSECRET', '--metadata', '127.0.0.1:1']);
    expect(down.code).toBe(1);
    expect(down.stdout).toBe('');
    expect(down.stderr).toBe('silt: cannot mount s3://<redacted>-b at /m: cannot reach the metadata service at 127.0.0.1:1\n');
    const list = await run(['mounts', '--metadata', '127.0.0.1:1']);
    expect(list).toEqual({ code: 1, stdout: '', stderr: 'silt: cannot list mounts: cannot reach the metadata service at 127.0.0.1:1\n' });
  });
});
