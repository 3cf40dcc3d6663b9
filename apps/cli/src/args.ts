import { isSecretOption } from '../../../libs/mounts/src/mount-spec';

/** A command line `silt` cannot run: exit code 2, one line naming the problem. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure while running a command: exit code 1, one line. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export const COMMANDS = ['load', 'free', 'stats', 'workers', 'where', 'mount', 'unmount', 'mounts', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

export const MOUNT_COMMANDS: ReadonlySet<Command> = new Set(['mount', 'unmount', 'mounts']);

// Option names whose values are credentials: the metadata service's rule, one definition for both (libs/mounts).
export { isSecretOption };

export interface ParsedArgs {
  command: Command;
  positionals: string[];
  /** host:port of the metadata service; undefined = the configuration's metadata.host:metadata.port. */
  metadata?: string;
  json: boolean;
  /** load / free: objects in flight at once. */
  concurrency: number;
  /** load / free: draw the progress bar on stderr. */
  progress: boolean;
  /** mount: the UFS options, `--option key=value` (repeatable). */
  options: Record<string, string>;
}

export const DEFAULT_CONCURRENCY = 8;

export const USAGE = `Usage: silt <command> [arguments] [options]

Cache:
  load <bucket>[/prefix]   prefetch every object under the prefix into the cache of the worker that owns it
  free <bucket>[/prefix]   drop every cached page of those objects from every live worker
  stats                    cache per worker and tier: capacity, used, pages, hits, misses, hit ratio,
                           evictions, bytes read from the ufs
  workers                  the ring: live block-cache workers
  where <bucket>/<key>     the worker that owns a key, and the failover order after it

Mounts:
  mount <mount-point> <ufs-uri> [--option key=value]...
                           attach a UFS location at a top-level path: the bucket of that name serves its keys.
                           <ufs-uri> is s3://bucket[/prefix], file:///abs/dir or /abs/dir. S3 options:
                           s3.endpoint, s3.region, s3.accessKeyId, s3.secretAccessKey, s3.sessionToken,
                           s3.forcePathStyle (credentials are never printed)
  unmount <mount-point>    detach it: its bucket leaves the namespace, the UFS keeps its data
  mounts                   the mount table

Options:
  --metadata <host:port>   the metadata service (default: metadata.host:metadata.port of the configuration,
                           SILT_CONFIG / SILT_METADATA_HOST / SILT_METADATA_PORT; 127.0.0.1:29991)
  --json                   JSON on stdout instead of text
  --concurrency <n>        load, free: objects in flight at once (default ${DEFAULT_CONCURRENCY})
  --no-progress            load, free: no progress bar on stderr
  --option <key=value>     mount: a UFS option (repeatable; also --option=key=value)
  -h, --help               this help

A prefix is an S3 key prefix (a plain string match, not a directory): "silt load photos/2024" loads keys of bucket
"photos" starting with "2024". Exit codes: 0 done, 1 failed, 2 bad usage.`;

/** Positional arguments each command takes: [min, max]. */
const ARITY: Record<Command, [number, number]> = {
  load: [1, 1],
  free: [1, 1],
  stats: [0, 0],
  workers: [0, 0],
  where: [1, 1],
  mount: [2, 2],
  unmount: [1, 1],
  mounts: [0, 0],
  help: [0, 1],
};

const PROGRESS_COMMANDS: ReadonlySet<Command> = new Set(['load', 'free']);

function isCommand(s: string): s is Command {
  return (COMMANDS as readonly string[]).includes(s);
}

/** host:port with a port in 1..65535 (an IPv6 host in brackets: [::1]:29991). */
export function parseAddress(value: string): string {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new UsageError(`--metadata wants host:port, got "${value}"`);
  return value;
}

/**
 * One `--option key=value`. The value may be a credential, so no error here ever shows it: a malformed option is
 * named only when it looks like an option name (s3.region), never echoed otherwise.
 */
export function parseMountOption(raw: string): [string, string] {
  const eq = raw.indexOf('=');
  if (eq === -1) {
    if (/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/.test(raw)) throw new UsageError(`--option ${raw} has no value (expected --option ${raw}=<value>)`);
    throw new UsageError(`an --option has no "=" (expected --option key=value)`);
  }
  if (eq === 0) throw new UsageError('an --option has an empty name (expected --option key=value)');
  return [raw.slice(0, eq), raw.slice(eq + 1)];
}

/**
 * The values of credential options anywhere in the command line (`--option s3.secretAccessKey=...`), well-formed
 * or not, so the CLI can keep them out of everything it prints.
 */
export function secretValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let raw: string | undefined;
    if (argv[i] === '--') break;
    if (argv[i] === '--option') raw = argv[++i];
    else if (argv[i].startsWith('--option=')) raw = argv[i].slice('--option='.length);
    const eq = raw?.indexOf('=') ?? -1;
    if (raw === undefined || eq <= 0) continue;
    const value = raw.slice(eq + 1);
    if (value && isSecretOption(raw.slice(0, eq))) out.push(value);
  }
  return out;
}

/**
 * Parses `silt` arguments: the command first (or `-h`/`--help` alone), options anywhere, `--opt value` or
 * `--opt=value`, `--` ends the options. Throws UsageError on anything it cannot run.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  let metadata: string | undefined;
  let json = false;
  let concurrency: number | undefined;
  let progress: boolean | undefined;
  let help = false;
  let optionsDone = false;
  const options = new Map<string, string>();

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (optionsDone || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsDone = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${name} needs a value`);
      i++;
      return next;
    };
    const flag = () => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
    };
    switch (name) {
      case '-h':
      case '--help':
        flag();
        help = true;
        break;
      case '--json':
        flag();
        json = true;
        break;
      case '--no-progress':
        flag();
        progress = false;
        break;
      case '--metadata':
        metadata = parseAddress(value());
        break;
      case '--concurrency': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1 || n > 256) throw new UsageError(`--concurrency wants a number from 1 to 256, got "${v}"`);
        concurrency = n;
        break;
      }
      case '--option': {
        const [key, v] = parseMountOption(value());
        if (options.has(key)) throw new UsageError(`--option ${key} is given twice`);
        options.set(key, v);
        break;
      }
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }

  if (help) return { command: 'help', positionals: [], metadata, json, concurrency: DEFAULT_CONCURRENCY, progress: false, options: {} };
  const [word, ...rest] = positionals;
  if (word === undefined) throw new UsageError('no command given');
  if (!isCommand(word)) throw new UsageError(`unknown command "${word}"`);
  const [min, max] = ARITY[word];
  if (rest.length < min && word === 'mount') throw new UsageError('mount needs a mount point and a UFS URI: silt mount <mount-point> <ufs-uri> [--option key=value]...');
  if (rest.length < min && word === 'unmount') throw new UsageError('unmount needs a mount point: silt unmount <mount-point>');
  if (rest.length < min) throw new UsageError(`${word} needs ${min === 1 ? 'an argument' : `${min} arguments`}`);
  // A stray word after mount may be a credential (--option s3.secretAccessKey= SECRET): counted, never shown.
  if (rest.length > max && word === 'mount') throw new UsageError(`mount takes 2 arguments (<mount-point> <ufs-uri>), got ${rest.length}`);
  if (rest.length > max) throw new UsageError(`${word} takes ${max === 0 ? 'no arguments' : `at most ${max} argument${max === 1 ? '' : 's'}`}, got "${rest.slice(max).join(' ')}"`);
  if (!PROGRESS_COMMANDS.has(word)) {
    if (concurrency !== undefined) throw new UsageError(`--concurrency applies to load and free, not ${word}`);
    if (progress !== undefined) throw new UsageError(`--no-progress applies to load and free, not ${word}`);
  }
  if (options.size > 0 && word !== 'mount') throw new UsageError(`--option applies to mount, not ${word}`);
  return { command: word, positionals: rest, metadata, json, concurrency: concurrency ?? DEFAULT_CONCURRENCY, progress: progress ?? true, options: Object.fromEntries(options) };
}

export interface Target {
  bucket: string;
  /** Key prefix for load/free, the key for where; may be empty for load/free. */
  rest: string;
}

/** `bucket[/prefix]` (an `s3://` in front is accepted). `where` needs a key after the bucket. */
export function parseTarget(value: string, needKey: boolean): Target {
  const v = value.startsWith('s3://') ? value.slice(5) : value;
  const slash = v.indexOf('/');
  const bucket = slash === -1 ? v : v.slice(0, slash);
  const rest = slash === -1 ? '' : v.slice(slash + 1);
  if (!bucket) throw new UsageError(`"${value}" names no bucket (expected <bucket>${needKey ? '/<key>' : '[/prefix]'})`);
  if (needKey && !rest) throw new UsageError(`"${value}" names no key (expected <bucket>/<key>)`);
  return { bucket, rest };
}
