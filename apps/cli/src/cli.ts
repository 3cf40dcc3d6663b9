import { ConfigError, loadConfig } from '../../../libs/config/src/schema';
import type { WorkerInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import { CliError, MOUNT_COMMANDS, parseArgs, parseTarget, secretValues, USAGE, UsageError, type ParsedArgs, type Target } from './args';
import { formatBytes, formatDuration, renderStats, renderWorkers, statsJson, workerJson, type WorkerStats } from './format';
import { GrpcCluster } from './grpc-cluster';
import { runFree, runLoad, type Failure, type FreeSummary, type LoadSummary } from './jobs';
import { ringKeyOf } from './load-planner';
import { GrpcMounts, runMountCommand, scrubbing } from './mounts';
import { ProgressBar, type ProgressStream } from './progress';

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** The local cluster's metadata address: metadata.host:metadata.port of the configuration (file, SILT_* env). */
export function defaultMetadataAddress(env: NodeJS.ProcessEnv): string {
  const config = loadConfig({ env });
  const host = config['metadata.host'];
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${config['metadata.port']}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const where = (bucket: string, prefix: string) => `${bucket}/${prefix}`;

function failureLine(verb: string, total: number, failed: Failure[]): string {
  const f = failed[0];
  return `${failed.length} of ${plural(total, 'object')} failed to ${verb} (first: ${f.key}: ${f.error})`;
}

function loadText(s: LoadSummary): string {
  if (s.objects === 0) return `nothing to load: no objects under ${where(s.bucket, s.prefix)}\n`;
  let out =
    `loaded ${plural(s.loaded, 'object')} of ${s.objects} (${formatBytes(s.bytes)}) under ${where(s.bucket, s.prefix)} in ${formatDuration(s.elapsedMs)}: ` +
    `${plural(s.pagesLoaded, 'page')} read from the ufs (${formatBytes(s.bytesFromUfs)}), ${s.pagesCached} already cached\n`;
  for (const [id, w] of Object.entries(s.workers).sort(([a], [b]) => (a < b ? -1 : 1))) {
    out += `  ${id}: ${plural(w.objects, 'object')}, ${plural(w.pagesLoaded, 'page')} loaded, ${w.pagesCached} already cached\n`;
  }
  if (s.skipped) out += `  ${plural(s.skipped, 'object')} skipped (deleted since listed)\n`;
  return out;
}

function freeText(s: FreeSummary): string {
  if (s.objects === 0) return `nothing to free: no objects under ${where(s.bucket, s.prefix)}\n`;
  if (Object.keys(s.workers).length === 0) return `nothing to free: no live block-cache workers\n`;
  const perWorker = Object.entries(s.workers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, w]) => `${id}: ${w.pagesFreed}`)
    .join(', ');
  let out = `freed ${plural(s.freed, 'object')} of ${s.objects} (${formatBytes(s.bytes)}) under ${where(s.bucket, s.prefix)} in ${formatDuration(s.elapsedMs)}: ${plural(s.pagesFreed, 'page')} dropped (${perWorker})\n`;
  if (s.skipped) out += `  ${plural(s.skipped, 'object')} skipped (deleted since listed)\n`;
  return out;
}

async function run(args: ParsedArgs, io: CliIo, cluster: GrpcCluster, target: Target | undefined): Promise<number> {
  const print = (text: string) => io.stdout.write(text);
  const json = (value: unknown) => print(JSON.stringify(value, null, 2) + '\n');
  await cluster.connect();

  switch (args.command) {
    case 'workers': {
      const workers = cluster.workers();
      if (args.json) json({ workers: workers.map(workerJson) });
      else print(renderWorkers(workers));
      return 0;
    }

    case 'where': {
      const { bucket, rest: key } = target!;
      const record = await cluster.record(bucket, key);
      // A key not written yet is placed by the path the root mount would give it.
      const ringKey = record ? ringKeyOf(record) : `${bucket}/${key}`;
      const order = cluster.order(ringKey);
      if (order.length === 0) throw new CliError('no live block-cache workers');
      const owner: WorkerInfo__Output = order[0];
      if (args.json) {
        json({ bucket, key, exists: record !== undefined, ringKey, owner: workerJson(owner), order: order.map((w) => w.worker_id) });
      } else {
        print(
          `${bucket}/${key}${record ? '' : ' (no such object yet; placed by the path it would have)'} -> ${owner.worker_id} (${owner.host}:${owner.grpc_port})\n` +
            `failover order: ${order.map((w) => w.worker_id).join(', ')}\n`,
        );
      }
      return 0;
    }

    case 'stats': {
      const all: WorkerStats[] = await Promise.all(
        cluster.workers().map(async (worker) => {
          try {
            return { worker, stats: await cluster.stats(worker) };
          } catch (err) {
            return { worker, error: (err as Error).message };
          }
        }),
      );
      const s = statsJson(all);
      if (args.json) json(s);
      else print(renderStats(s));
      if (s.unreachable.length) {
        io.stderr.write(`silt: ${plural(s.unreachable.length, 'worker')} did not answer (first: ${s.unreachable[0].workerId}: ${s.unreachable[0].error})\n`);
        return 1;
      }
      return 0;
    }

    case 'load':
    case 'free': {
      const { bucket, rest: prefix } = target!;
      const progress = new ProgressBar(io.stderr, args.command, args.progress && !args.json);
      let summary: LoadSummary | FreeSummary;
      try {
        summary =
          args.command === 'load'
            ? await runLoad(cluster, bucket, prefix, { concurrency: args.concurrency }, progress)
            : await runFree(cluster, bucket, prefix, { concurrency: args.concurrency }, progress);
      } finally {
        progress.done();
      }
      if (args.json) json(summary);
      else print(args.command === 'load' ? loadText(summary as LoadSummary) : freeText(summary as FreeSummary));
      if (summary.failed.length) {
        io.stderr.write(`silt: ${failureLine(args.command, summary.objects, summary.failed)}\n`);
        return 1;
      }
      return 0;
    }

    default:
      throw new UsageError(`unknown command "${args.command}"`);
  }
}

/** `silt` with these arguments: the exit code (0 done, 1 failed, 2 bad usage). Never throws, never prints a stack. */
export async function runCli(argv: readonly string[], rawIo: CliIo = defaultIo()): Promise<number> {
  // Credentials given as --option values never reach the terminal, whatever echoes them.
  const secrets = secretValues(argv);
  const io: CliIo = { ...rawIo, stdout: scrubbing(rawIo.stdout, secrets), stderr: scrubbing(rawIo.stderr, secrets) };
  const fail = (err: unknown): number => {
    if (err instanceof UsageError) {
      io.stderr.write(`silt: ${err.message} (see silt --help)\n`);
      return 2;
    }
    const message = err instanceof CliError || err instanceof ConfigError ? err.message : `${err instanceof Error ? err.message : String(err)}`;
    io.stderr.write(`silt: ${message.split('\n')[0]}\n`);
    return 1;
  };

  let args: ParsedArgs;
  let target: Target | undefined;
  let address: string;
  try {
    args = parseArgs(argv);
    if (args.command === 'help') {
      io.stdout.write(USAGE + '\n');
      return 0;
    }
    if (args.command === 'load' || args.command === 'free') target = parseTarget(args.positionals[0], false);
    if (args.command === 'where') target = parseTarget(args.positionals[0], true);
    address = args.metadata ?? defaultMetadataAddress(io.env);
  } catch (err) {
    return fail(err);
  }

  if (MOUNT_COMMANDS.has(args.command)) {
    const mounts = new GrpcMounts(address);
    try {
      return await runMountCommand(args, mounts, (text) => io.stdout.write(text));
    } catch (err) {
      return fail(err);
    } finally {
      mounts.close();
    }
  }

  const cluster = new GrpcCluster(address);
  try {
    return await run(args, io, cluster, target);
  } catch (err) {
    return fail(err);
  } finally {
    cluster.close();
  }
}
