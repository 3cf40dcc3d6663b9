import * as grpc from '@grpc/grpc-js';
import type { MountInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/MountInfo';
import type { MountServiceClient } from '../../../libs/grpc/generated/silt/metadata/v1/MountService';
import { mountClient, type Typed } from '../../../libs/grpc/src/clients';
import { isGrpcError, S3_CODE_KEY } from '../../../libs/grpc/src/status';
import { isSecretOption, REDACTED } from '../../../libs/mounts/src/mount-spec';
import { CliError, UsageError, type ParsedArgs } from './args';
import { renderTable } from './format';
import { describeCallError } from './grpc-cluster';
import type { ProgressStream } from './progress';

const TIMEOUT_MS = 30_000;

/** What `silt mount`, `unmount` and `mounts` need from metadata's MountService; tests use a double. */
export interface MountApi {
  mount(mountPoint: string, ufsUri: string, options: Record<string, string>): Promise<MountInfo__Output>;
  unmount(mountPoint: string): Promise<void>;
  list(): Promise<MountInfo__Output[]>;
}

/** "/data" for "data" or "/data": how a mount point is shown. */
export function displayPoint(mountPoint: string): string {
  return mountPoint.startsWith('/') ? mountPoint : `/${mountPoint}`;
}

/**
 * Checks what the CLI can about a UFS URI before sending it; the service validates the rest. Credentials inside the
 * URI (s3://KEY:SECRET@bucket) are refused without showing it: they go in --option, which is never printed.
 */
export function checkUfsUri(uri: string): string {
  if (uri === '') throw new UsageError('the UFS URI is empty (expected s3://bucket[/prefix], file:///abs/dir or /abs/dir)');
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(uri)) {
    throw new UsageError('the UFS URI must not carry credentials; give them as --option s3.accessKeyId=... --option s3.secretAccessKey=...');
  }
  return uri;
}

/** The options with every credential replaced (the service already does; this keeps it so whatever it answers). */
export function redact(options: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(options ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, isSecretOption(k) ? REDACTED : v]),
  );
}

export interface MountJson {
  mountPoint: string;
  bucket: string;
  ufsUri: string;
  options: Record<string, string>;
  fromConfig: boolean;
  mountId: string;
  createdMs: number;
}

export function mountJson(m: MountInfo__Output): MountJson {
  const mountPoint = displayPoint(m.mount_point);
  return {
    mountPoint,
    bucket: mountPoint.slice(1),
    ufsUri: m.ufs_uri,
    options: redact(m.options),
    fromConfig: m.from_config,
    mountId: m.mount_id,
    createdMs: Number(m.created_ms),
  };
}

/** "k=v,k2=v2" (sorted, credentials redacted), or "-". */
export function formatOptions(options: Record<string, string> | undefined): string {
  const entries = Object.entries(redact(options));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '-';
}

/** `silt mounts`: one row per mount, by mount point. */
export function renderMounts(mounts: readonly MountInfo__Output[]): string {
  if (mounts.length === 0) return 'no mounts (every bucket lives on the root UFS)\n';
  const rows = mounts
    .map(mountJson)
    .sort((a, b) => (a.mountPoint < b.mountPoint ? -1 : a.mountPoint > b.mountPoint ? 1 : 0))
    .map((m) => [m.mountPoint, m.ufsUri, formatOptions(m.options), m.fromConfig ? 'yes' : 'no', m.mountId]);
  return renderTable(['MOUNT POINT', 'UFS URI', 'OPTIONS', 'FROM CONFIG', 'MOUNT ID'], rows);
}

/** `silt mount`'s answer as text. */
export function mountedText(m: MountInfo__Output): string {
  const j = mountJson(m);
  let out = `mounted ${j.ufsUri} at ${j.mountPoint} (bucket "${j.bucket}", mount id ${j.mountId})\n`;
  if (Object.keys(j.options).length) out += `  options: ${formatOptions(j.options)}\n`;
  return out;
}

/** One line for a failed MountService call: "<action>: <S3 code>: <the service's message>". */
export function describeMountError(err: unknown, action: string, what: string): string {
  if (isGrpcError(err)) {
    const code = err.metadata?.get(S3_CODE_KEY)?.[0];
    if (typeof code === 'string') return `${action}: ${code}: ${err.details}`;
    if (err.code !== grpc.status.UNAVAILABLE && err.code !== grpc.status.DEADLINE_EXCEEDED && err.code !== grpc.status.UNIMPLEMENTED) {
      return `${action}: ${err.details || grpc.status[err.code]}`;
    }
  }
  return `${action}: ${describeCallError(err, what)}`;
}

/** MountService over gRPC, at the metadata address. Failures become one-line CliErrors. */
export class GrpcMounts implements MountApi {
  private readonly client: Typed<MountServiceClient>;
  private readonly what: string;

  constructor(address: string) {
    this.client = mountClient(address);
    this.what = `the metadata service at ${address}`;
  }

  async mount(mountPoint: string, ufsUri: string, options: Record<string, string>): Promise<MountInfo__Output> {
    try {
      const res = await this.client.api.Mount({ mount_point: mountPoint, ufs_uri: ufsUri, options }, { timeoutMs: TIMEOUT_MS });
      if (!res.mount) throw new Error('the metadata service answered no mount');
      return res.mount;
    } catch (err) {
      throw new CliError(describeMountError(err, `cannot mount ${ufsUri} at ${displayPoint(mountPoint)}`, this.what));
    }
  }

  async unmount(mountPoint: string): Promise<void> {
    try {
      await this.client.api.Unmount({ mount_point: mountPoint }, { timeoutMs: TIMEOUT_MS });
    } catch (err) {
      throw new CliError(describeMountError(err, `cannot unmount ${displayPoint(mountPoint)}`, this.what));
    }
  }

  async list(): Promise<MountInfo__Output[]> {
    try {
      return (await this.client.api.ListMounts({}, { timeoutMs: TIMEOUT_MS })).mounts;
    } catch (err) {
      throw new CliError(describeMountError(err, 'cannot list mounts', this.what));
    }
  }

  close(): void {
    this.client.close();
  }
}

/** Runs mount, unmount or mounts: the exit code. Errors are thrown (CliError, UsageError) for runCli to print. */
export async function runMountCommand(args: ParsedArgs, api: MountApi, print: (text: string) => void): Promise<number> {
  const json = (value: unknown) => print(JSON.stringify(value, null, 2) + '\n');
  switch (args.command) {
    case 'mount': {
      const [mountPoint, ufsUri] = args.positionals;
      const m = await api.mount(mountPoint, checkUfsUri(ufsUri), args.options);
      if (args.json) json(mountJson(m));
      else print(mountedText(m));
      return 0;
    }
    case 'unmount': {
      const mountPoint = displayPoint(args.positionals[0]);
      await api.unmount(args.positionals[0]);
      if (args.json) json({ mountPoint, unmounted: true });
      else print(`unmounted ${mountPoint}: bucket "${mountPoint.slice(1)}" is gone from the namespace; the UFS keeps its data\n`);
      return 0;
    }
    case 'mounts': {
      const mounts = await api.list();
      if (args.json) json({ mounts: mounts.map(mountJson) });
      else print(renderMounts(mounts));
      return 0;
    }
    default:
      throw new UsageError(`"${args.command}" is not a mount command`);
  }
}

/**
 * Output that never shows a credential given on the command line: each secret value is replaced by "<redacted>"
 * in everything written through it (the service redacts its answers; this covers echoes in messages too).
 */
export function scrubbing(stream: ProgressStream, secrets: readonly string[]): ProgressStream {
  const values = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return stream;
  const scrub = (s: string) => values.reduce((text, secret) => text.split(secret).join(REDACTED), s);
  return { write: (s: string) => stream.write(scrub(String(s))), isTTY: stream.isTTY, columns: stream.columns };
}
