import { describe, expect, it } from 'vitest';
import type { GetStatsResponse__Output } from '../../../libs/grpc/generated/silt/blockcache/v1/GetStatsResponse';
import type { WorkerInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import { formatBytes, formatDuration, formatRatio, hitRatio, renderStats, renderTable, renderWorkers, statsJson } from './format';

const MiB = 1024 * 1024;
const worker = (id: string, port: number): WorkerInfo__Output => ({ worker_id: id, host: '127.0.0.1', grpc_port: port, http_port: port + 1, last_heartbeat_ms: 1_000, data_dir: `/data/${id}` });
const stats = (id: string, hits: number, misses: number, fromUfs: number): GetStatsResponse__Output => ({
  worker_id: id,
  tiers: [
    { tier: 'memory', capacity_bytes: 48 * MiB, used_bytes: 12 * MiB, pages: 12, hits: hits - 2, misses: misses + 2, evictions: 3 },
    { tier: 'disk', capacity_bytes: 8 * 1024 * MiB, used_bytes: 20 * MiB, pages: 20, hits: 2, misses, evictions: 0 },
  ],
  hits,
  misses,
  bytes_from_ufs: fromUfs,
  bytes_served: 0,
  short_circuit_hits: 1,
  pages_loaded: 20,
  pages_freed: 0,
});

describe('formatting', () => {
  it('writes sizes, durations and ratios compactly', () => {
    expect([0, 1023, 1024, 1536, 48 * MiB, 8 * 1024 * MiB].map(formatBytes)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '48.0 MiB', '8.0 GiB']);
    expect([400, 12_000, 185_000, 3_720_000].map(formatDuration)).toEqual(['0.4s', '12s', '3m05s', '1h02m']);
    expect(hitRatio(0, 0)).toBeNull();
    expect(formatRatio(hitRatio(6, 1))).toBe('85.7%');
    expect(formatRatio(null)).toBe('-');
  });

  it('renders a table with aligned columns, numbers to the right, no trailing spaces', () => {
    const t = renderTable(['NAME', 'N', 'NOTE'], [['a', '1', ''], ['longer', '100', 'x']], ['left', 'right', 'left']);
    expect(t).toBe('NAME      N  NOTE\na         1\nlonger  100  x\n');
  });
});

describe('stats', () => {
  const all = [
    { worker: worker('worker-0', 1000), stats: stats('worker-0', 30, 10, 40 * MiB) },
    { worker: worker('worker-1', 2000), stats: stats('worker-1', 10, 0, 0) },
    { worker: worker('worker-2', 3000), error: 'cannot reach worker worker-2 (127.0.0.1:3000)' },
  ];

  it('sums workers and tiers, keeps hit ratios per tier and worker, and lists who did not answer', () => {
    const s = statsJson(all);
    expect(s.workers.map((w) => [w.workerId, w.address, w.hitRatio])).toEqual([
      ['worker-0', '127.0.0.1:1000', 0.75],
      ['worker-1', '127.0.0.1:2000', 1],
    ]);
    expect(s.workers[0].tiers[0]).toEqual({ tier: 'memory', capacityBytes: 48 * MiB, usedBytes: 12 * MiB, pages: 12, hits: 28, misses: 12, hitRatio: 0.7, evictions: 3 });
    expect(s.totals).toMatchObject({ hits: 40, misses: 10, hitRatio: 0.8, bytesFromUfs: 40 * MiB, pagesLoaded: 40, shortCircuitHits: 2 });
    expect(s.totals.tiers.map((t) => [t.tier, t.pages, t.hits, t.misses, t.capacityBytes])).toEqual([
      ['memory', 24, 36, 14, 96 * MiB],
      ['disk', 40, 4, 10, 16 * 1024 * MiB],
    ]);
    expect(s.unreachable).toEqual([{ workerId: 'worker-2', address: '127.0.0.1:3000', error: 'cannot reach worker worker-2 (127.0.0.1:3000)' }]);
  });

  it('renders one row per worker and tier, an "all" row per worker, totals, then the unreachable', () => {
    const text = renderStats(statsJson(all));
    expect(text).toBe(
      [
        'WORKER    TIER    CAPACITY      USED  PAGES  HITS  MISSES  HIT RATIO  EVICTIONS  FROM UFS',
        'worker-0  memory  48.0 MiB  12.0 MiB     12    28      12      70.0%          3',
        'worker-0  disk     8.0 GiB  20.0 MiB     20     2      10      16.7%          0',
        'worker-0  all                                  30      10      75.0%             40.0 MiB',
        'worker-1  memory  48.0 MiB  12.0 MiB     12     8       2      80.0%          3',
        'worker-1  disk     8.0 GiB  20.0 MiB     20     2       0     100.0%          0',
        'worker-1  all                                  10       0     100.0%                  0 B',
        'total     memory  96.0 MiB  24.0 MiB     24    36      14      72.0%          6',
        'total     disk    16.0 GiB  40.0 MiB     40     4      10      28.6%          0',
        'total     all                                  40      10      80.0%             40.0 MiB',
        'worker-2 (127.0.0.1:3000): unreachable: cannot reach worker worker-2 (127.0.0.1:3000)',
        '',
      ].join('\n'),
    );
    expect(renderStats(statsJson([]))).toBe('no live workers answered\n');
  });
});

describe('renderWorkers', () => {
  it('lists the ring by worker id with addresses and heartbeat age', () => {
    expect(renderWorkers([worker('worker-1', 2000), worker('worker-0', 1000)], 3_500)).toBe(
      [
        'WORKER    GRPC            HTTP            HEARTBEAT  DATA DIR',
        'worker-0  127.0.0.1:1000  127.0.0.1:1001  2.5s ago   /data/worker-0',
        'worker-1  127.0.0.1:2000  127.0.0.1:2001  2.5s ago   /data/worker-1',
        '',
      ].join('\n'),
    );
    expect(renderWorkers([])).toBe('no live workers\n');
  });
});
