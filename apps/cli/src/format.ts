import type { GetStatsResponse__Output } from '../../../libs/grpc/generated/silt/blockcache/v1/GetStatsResponse';
import type { WorkerInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 0 B, 1023 B, 1.0 KiB, 48.0 MiB, 8.0 GiB. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${Math.max(0, Math.round(n || 0))} B`;
  let unit = 0;
  let v = n;
  while (v >= 1024 && unit < UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${v.toFixed(1)} ${UNITS[unit]}`;
}

/** 0.4s, 12s, 3m05s, 1h02m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)}s`;
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** hits / (hits + misses), or null before the first lookup. */
export function hitRatio(hits: number, misses: number): number | null {
  return hits + misses === 0 ? null : hits / (hits + misses);
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? '-' : `${(ratio * 100).toFixed(1)}%`;
}

export type Align = 'left' | 'right';

/**
 * A plain-text table: a header row, columns two spaces apart, each as wide as its widest cell; `right` columns
 * (numbers) are right-aligned. Trailing spaces are trimmed.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    headers
      .map((_, c) => {
        const cell = cells[c] ?? '';
        return align[c] === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** One worker's stats as `silt stats` got them: the reply, or why there is none. */
export interface WorkerStats {
  worker: WorkerInfo__Output;
  stats?: GetStatsResponse__Output;
  error?: string;
}

export interface TierJson {
  tier: string;
  capacityBytes: number;
  usedBytes: number;
  pages: number;
  hits: number;
  misses: number;
  hitRatio: number | null;
  evictions: number;
}

export interface WorkerJson {
  workerId: string;
  address: string;
  tiers: TierJson[];
  hits: number;
  misses: number;
  hitRatio: number | null;
  bytesFromUfs: number;
  bytesServed: number;
  shortCircuitHits: number;
  pagesLoaded: number;
  pagesFreed: number;
}

export interface StatsJson {
  workers: WorkerJson[];
  /** Sums over the workers that answered (tiers summed by name). */
  totals: Omit<WorkerJson, 'workerId' | 'address'>;
  unreachable: Array<{ workerId: string; address: string; error: string }>;
}

const addressOf = (w: WorkerInfo__Output) => `${w.host}:${w.grpc_port}`;

/** The JSON of `silt stats --json`: per worker and tier, totals, and the workers that did not answer. */
export function statsJson(all: readonly WorkerStats[]): StatsJson {
  const workers: WorkerJson[] = [];
  const unreachable: StatsJson['unreachable'] = [];
  for (const { worker, stats, error } of all) {
    if (!stats) {
      unreachable.push({ workerId: worker.worker_id, address: addressOf(worker), error: error ?? 'no answer' });
      continue;
    }
    workers.push({
      workerId: stats.worker_id || worker.worker_id,
      address: addressOf(worker),
      tiers: stats.tiers.map((t) => ({
        tier: t.tier,
        capacityBytes: t.capacity_bytes,
        usedBytes: t.used_bytes,
        pages: t.pages,
        hits: t.hits,
        misses: t.misses,
        hitRatio: hitRatio(t.hits, t.misses),
        evictions: t.evictions,
      })),
      hits: stats.hits,
      misses: stats.misses,
      hitRatio: hitRatio(stats.hits, stats.misses),
      bytesFromUfs: stats.bytes_from_ufs,
      bytesServed: stats.bytes_served,
      shortCircuitHits: stats.short_circuit_hits,
      pagesLoaded: stats.pages_loaded,
      pagesFreed: stats.pages_freed,
    });
  }
  const tiers = new Map<string, TierJson>();
  for (const w of workers) {
    for (const t of w.tiers) {
      const sum = tiers.get(t.tier) ?? { tier: t.tier, capacityBytes: 0, usedBytes: 0, pages: 0, hits: 0, misses: 0, hitRatio: null, evictions: 0 };
      sum.capacityBytes += t.capacityBytes;
      sum.usedBytes += t.usedBytes;
      sum.pages += t.pages;
      sum.hits += t.hits;
      sum.misses += t.misses;
      sum.evictions += t.evictions;
      sum.hitRatio = hitRatio(sum.hits, sum.misses);
      tiers.set(t.tier, sum);
    }
  }
  const sum = (f: (w: WorkerJson) => number) => workers.reduce((n, w) => n + f(w), 0);
  const hits = sum((w) => w.hits);
  const misses = sum((w) => w.misses);
  return {
    workers,
    totals: {
      tiers: [...tiers.values()],
      hits,
      misses,
      hitRatio: hitRatio(hits, misses),
      bytesFromUfs: sum((w) => w.bytesFromUfs),
      bytesServed: sum((w) => w.bytesServed),
      shortCircuitHits: sum((w) => w.shortCircuitHits),
      pagesLoaded: sum((w) => w.pagesLoaded),
      pagesFreed: sum((w) => w.pagesFreed),
    },
    unreachable,
  };
}

/**
 * `silt stats`: one row per worker and tier, then an "all" row per worker (its hits and misses as a whole, and the
 * bytes it read from the ufs), then the cluster's totals when there is more than one worker.
 */
export function renderStats(s: StatsJson): string {
  const headers = ['WORKER', 'TIER', 'CAPACITY', 'USED', 'PAGES', 'HITS', 'MISSES', 'HIT RATIO', 'EVICTIONS', 'FROM UFS'];
  const align: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];
  const rows: string[][] = [];
  const block = (name: string, w: Omit<WorkerJson, 'workerId' | 'address'>) => {
    for (const t of w.tiers) {
      rows.push([name, t.tier, formatBytes(t.capacityBytes), formatBytes(t.usedBytes), String(t.pages), String(t.hits), String(t.misses), formatRatio(t.hitRatio), String(t.evictions), '']);
    }
    rows.push([name, 'all', '', '', '', String(w.hits), String(w.misses), formatRatio(w.hitRatio), '', formatBytes(w.bytesFromUfs)]);
  };
  for (const w of s.workers) block(w.workerId, w);
  if (s.workers.length > 1) block('total', s.totals);
  let out = s.workers.length ? renderTable(headers, rows, align) : 'no live workers answered\n';
  for (const u of s.unreachable) out += `${u.workerId} (${u.address}): unreachable: ${u.error}\n`;
  return out;
}

/** `silt workers`: the live workers, by id. */
export function renderWorkers(workers: readonly WorkerInfo__Output[], now = Date.now()): string {
  if (workers.length === 0) return 'no live workers\n';
  const rows = [...workers]
    .sort((a, b) => (a.worker_id < b.worker_id ? -1 : a.worker_id > b.worker_id ? 1 : 0))
    .map((w) => [w.worker_id, addressOf(w), w.http_port ? `${w.host}:${w.http_port}` : '-', w.last_heartbeat_ms ? `${formatDuration(now - w.last_heartbeat_ms)} ago` : '-', w.data_dir || '-']);
  return renderTable(['WORKER', 'GRPC', 'HTTP', 'HEARTBEAT', 'DATA DIR'], rows);
}

export function workerJson(w: WorkerInfo__Output) {
  return { workerId: w.worker_id, host: w.host, grpcPort: w.grpc_port, httpPort: w.http_port, lastHeartbeatMs: w.last_heartbeat_ms, dataDir: w.data_dir };
}
