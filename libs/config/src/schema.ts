import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const UNITS: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3, tb: 1e12, tib: 1024 ** 4 };
const DURATIONS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** A number, or a string of a number and a unit from `units` ("64MiB", "5s"); bare strings use `bareUnit`. */
function withUnits(units: Record<string, number>, bareUnit: string, min: number, example: string) {
  return z.union([z.number().int().min(min), z.string()]).transform((v, ctx) => {
    if (typeof v === 'number') return v;
    if (min < 0 && v.trim() === String(min)) return min;
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
    const unit = units[(m?.[2] || bareUnit).toLowerCase()];
    if (!m || unit === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a valid value: "${v}" (e.g. ${example})` });
      return z.NEVER;
    }
    return Math.round(Number(m[1]) * unit);
  });
}

/** A byte size. */
const bytes = withUnits(UNITS, 'b', 0, '1048576, "64MiB"');
/** A duration in ms; -1 where "never" is meaningful. */
const duration = withUnits(DURATIONS, 'ms', -1, '5000, "5s", "7d", -1');

const bool = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
const port = z.coerce.number().int().min(0).max(65535);
const host = z.string().min(1);

/**
 * Every configuration key, flat and dotted as in the seed's properties, with its default. Documented here and in
 * the README; nothing else reads process.env.
 */
export const CONFIG_SCHEMA = z
  .object({
    's3.host': host.default('127.0.0.1'), // where the S3 facade listens
    's3.port': port.default(29998),
    's3.processes': z.coerce.number().int().min(0).max(64).default(0), // gateway processes sharing the port; 0 = one per core (max 4)
    's3.region': z.string().default('us-east-1'), // answered by GetBucketLocation and stored on new buckets
    // Domains served virtual-hosted style, comma-separated: `<bucket>.<domain>` addresses that bucket, the domain
    // itself is path style. '' = path style only (and `<x>.localhost` / AWS endpoint Hosts are refused)
    's3.domain': z
      .string()
      .default('')
      .refine((v) => v.split(',').every((d) => d.trim() === '' || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(d.trim())), 'must be a comma list of DNS names (e.g. "s3.silt.local")'),
    's3.redirect.enabled': bool.default('false'), // 307 GETs to the owning worker's read port (boto3 does not follow)
    // HMAC key of redirect URLs, the same on every gateway and worker (never logged); '' = SILT_REDIRECT_SECRET if set,
    // else a key derived from the cluster addresses (not secret; a warning at start)
    's3.redirect.secret': z.string().default(''),
    's3.redirect.expiry': duration.default('60s').refine((v) => v > 0, 'must be positive'), // how long a redirect URL stays valid
    's3.keepAlive.enabled': bool.default('true'),
    's3.keepAlive.idleTimeout': duration.default('60s'), // 0 = no idle timeout, as in the seed
    's3.auth.defaultUser': z.string().default('silt'), // user for requests without credentials (SIMPLE auth)
    's3.tagging.restrictions.enabled': bool.default('true'),
    's3.metadata.maxSize': bytes.default(2048), // user metadata cap (names without the prefix + values, UTF-8)
    's3.multipart.minPartSize': bytes.default('5MiB'), // every part but the last must be at least this (EntityTooSmall)
    'multipart.expiry': duration.default('7d'), // uploads (and their staged parts) older than this are reaped
    'multipart.reaper.interval': duration.default('1h'),
    // Parts of one size are written straight into their place in one file, so Complete copies nothing (local UFS);
    // false: every part is its own file and Complete concatenates them.
    'multipart.assembleInPlace': bool.default('true'),
    // Mounts applied at every start of the metadata service: [{ "point": "/s3-mount", "uri": "s3://bucket/prefix",
    // "options": { "s3.endpoint": "http://...", "s3.forcePathStyle": "true", ... } }] (a JSON string in the environment).
    mounts: z
      .union([z.string(), z.array(z.unknown())])
      .default('[]')
      .transform((v, ctx) => {
        let list: unknown = v;
        if (typeof v === 'string') {
          try {
            list = JSON.parse(v || '[]');
          } catch {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not JSON' });
            return z.NEVER;
          }
        }
        const parsed = z
          .array(z.object({ point: z.string(), uri: z.string(), options: z.record(z.string()).default({}) }).strict())
          .safeParse(list);
        if (!parsed.success) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `each mount is { point, uri, options? }: ${parsed.error.issues[0]?.message}` });
          return z.NEVER;
        }
        return parsed.data;
      }),
    // How stale Silt's view of a UFS may get: -1 = load once, never again; 0 = check the UFS on every listing and
    // every read that is not cached; else listings re-list the UFS and reads re-stat it after this long.
    'metadata.sync.interval': duration.default('5s'),
    // false: Silt's index is all there is (Silt the only writer of its UFS; or a metadata service used without a ufs)
    'metadata.sync.enabled': bool.default('true'),
    's3.listing.directoriesAsObjects': bool.default('false'),
    's3.maxHeaderSize': bytes.default('16KiB'),
    'metadata.host': host.default('127.0.0.1'),
    'metadata.port': port.default(29991),
    'metadata.store': z.enum(['embedded', 'postgres']).default('embedded'),
    // '' = <dataDir>/metadata (the per-service directories derive from `dataDir` unless set themselves)
    'metadata.dataDir': z.string().default(''),
    'cache.host': host.default('127.0.0.1'),
    'cache.port': port.default(29992),
    'cache.httpPort': port.default(29997), // the worker's HTTP read port (bulk bytes, redirects)
    'cache.pageSize': bytes.default('1MiB'),
    'cache.memory.capacity': bytes.default('48MiB'), // with the disk write queue inside this budget, keeps a worker under 200 MiB RSS
    'cache.disk.dir': z.string().default(''), // '' = <dataDir>/cache
    'cache.disk.capacity': bytes.default('8GiB'),
    'cache.shortCircuit.enabled': bool.default('true'), // a gateway reads a same-host worker's disk pages directly
    'cache.eviction': z.enum(['lru', 'lfu']).default('lru'),
    'cache.workerId': z.string().default(''), // empty = "<cache.host>:<cache.port>"
    'cache.advertiseHost': z.string().default(''), // the host others reach this worker at; empty = cache.host
    'cache.heartbeat.interval': duration.default('1s'), // how often a worker tells metadata it is alive
    'metadata.worker.timeout': duration.default('4s'), // a worker silent this long leaves the ring
    'ufs.host': host.default('127.0.0.1'),
    'ufs.port': port.default(29993),
    'ufs.root': z.string().default(''), // the root mount: a local directory; '' = <dataDir>/ufs
    'ufs.fsync': bool.default('true'), // fsync each object (and its directory) before a write is acknowledged
    // A simulated remote store under every mount (benchmarks): each read's first byte and each stat wait the latency,
    // read bytes are paced to the bandwidth (one token bucket per mount, shared by its parallel reads; 0 = no cap).
    'ufs.slow.enabled': bool.default('false'),
    'ufs.slow.firstByteLatency': duration.default('20ms').refine((v) => v >= 0, 'must not be negative'),
    'ufs.slow.bandwidth': bytes.default('100MiB'), // bytes per second
    // The base directory of a node's state: metadata.dataDir, ufs.root and cache.disk.dir default to its metadata/,
    // ufs/ and cache/ (`npm start`: cache-<n>/ per worker); a per-service key that is set wins over it.
    dataDir: z.string().min(1).default('./data'),
    'log.level': z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // HTTP/2 window of every gRPC connection (clients; servers per connection, per stream at most 2 MiB): grpc-js's
    // default 64 KiB caps a stream at ~0.2x HTTP.
    'grpc.flowControlWindow': bytes.default('32MiB'),
  })
  .strict()
  .transform((c) => ({
    ...c,
    'metadata.dataDir': c['metadata.dataDir'] || join(c.dataDir, 'metadata'),
    'ufs.root': c['ufs.root'] || join(c.dataDir, 'ufs'),
    'cache.disk.dir': c['cache.disk.dir'] || join(c.dataDir, 'cache'),
  }));

export type SiltConfig = z.output<typeof CONFIG_SCHEMA>;
export type ConfigKey = keyof SiltConfig;

/** `s3.keepAlive.idleTimeout` -> `SILT_S3_KEEP_ALIVE_IDLE_TIMEOUT`. */
export function envNameOf(key: string): string {
  return 'SILT_' + key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/\./g, '_').toUpperCase();
}

/** Turns `{ s3: { port: 1 } }` or `{ "s3.port": 1 }` into flat dotted keys. */
function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = value;
  }
  return out;
}

export class ConfigError extends Error {}

/**
 * Loads the configuration: defaults < JSON file (`SILT_CONFIG` or `file`) < environment < explicit overrides.
 * Unknown keys and bad values fail at start with one message naming every problem.
 */
export function loadConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Record<string, unknown> } = {},
): SiltConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.SILT_CONFIG;
  let fromFile: Record<string, unknown> = {};
  if (file) {
    try {
      fromFile = flatten(JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const key of Object.keys(CONFIG_SCHEMA.innerType().shape)) {
    const value = env[envNameOf(key)];
    if (value !== undefined) fromEnv[key] = value;
  }
  const result = CONFIG_SCHEMA.safeParse({ ...fromFile, ...fromEnv, ...(options.overrides ?? {}) });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return result.data;
}
