import { describe, expect, it } from 'vitest';
import { envNameOf, loadConfig } from '../../../../../libs/config/src/schema';
import type { ObjectReader, ObjectStat, StagedWrite, UfsAdapter } from '../ufs-adapter';
import { SlowUfsAdapter, withSlowUfs } from './slow-adapter';
import { TokenBucket } from './token-bucket';

const KiB = 1024;
const MiB = 1024 * KiB;

/** An in-memory adapter whose readers say when they were closed and when a read's iterator was finished. */
class MemoryAdapter implements Partial<UfsAdapter> {
  readonly objects = new Map<string, Buffer>();
  readonly events: string[] = [];
  failAfterChunks = Infinity;

  async stat(bucket: string, key: string): Promise<ObjectStat | undefined> {
    const b = this.objects.get(`${bucket}/${key}`);
    return b && { size: b.length, version: 'v1', lastModifiedMs: 0 };
  }

  async openRead(bucket: string, key: string): Promise<ObjectReader> {
    const bytes = this.objects.get(`${bucket}/${key}`)!;
    const events = this.events;
    const failAfter = this.failAfterChunks;
    return {
      stat: { size: bytes.length, version: 'v1', lastModifiedMs: 0 },
      async *read(offset: number, length: number, chunkBytes: number) {
        const end = length < 0 ? bytes.length : Math.min(bytes.length, offset + length);
        let n = 0;
        try {
          for (let pos = offset; pos < end; pos += chunkBytes) {
            if (n++ >= failAfter) throw new Error('disk on fire');
            yield bytes.subarray(pos, Math.min(end, pos + chunkBytes));
          }
        } finally {
          events.push('read finished');
        }
      },
      async close() {
        events.push('closed');
      },
    };
  }

  async beginWrite(): Promise<StagedWrite> {
    this.events.push('beginWrite');
    return { write: async () => undefined, commit: async () => ({ size: 0, version: 'w', lastModifiedMs: 0 }), abort: async () => undefined };
  }
}

function slow(inner: MemoryAdapter, firstByteLatencyMs: number, bandwidth: number): SlowUfsAdapter {
  return new SlowUfsAdapter(inner as unknown as UfsAdapter, { firstByteLatencyMs, bandwidth });
}

/** Reads the whole object, noting when each chunk arrived (ms after the call). */
async function timedRead(reader: ObjectReader, chunkBytes: number, offset = 0, length = -1) {
  const start = performance.now();
  const chunks: Buffer[] = [];
  const at: number[] = [];
  for await (const c of reader.read(offset, length, chunkBytes)) {
    chunks.push(c);
    at.push(performance.now() - start);
  }
  return { chunks, at, total: performance.now() - start };
}

const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff));

describe(TokenBucket.name, () => {
  it('lets the burst through, then charges every byte at the rate, concurrent takers queueing in order', () => {
    let now = 0;
    const b = new TokenBucket(1000, 100, () => now); // 1000 B/s, 100 B burst
    expect(b.reserve(100)).toBe(0);
    expect(b.reserve(50)).toBeCloseTo(50); // 50 B of debt = 50 ms
    expect(b.reserve(50)).toBeCloseTo(100); // queued behind the first
    now = 100; // 100 B refilled: the debt is paid
    expect(b.reserve(10)).toBeCloseTo(10);
    now = 10_000; // a long idle spell refills only up to the burst
    expect(b.reserve(100)).toBe(0);
    expect(b.reserve(1)).toBeCloseTo(1);
  });

  it('takes back refunded bytes', () => {
    const now = 0;
    const b = new TokenBucket(1000, 0, () => now);
    expect(b.reserve(100)).toBeCloseTo(100);
    b.refund(100);
    expect(b.reserve(10)).toBeCloseTo(10);
  });
});

describe(SlowUfsAdapter.name, () => {
  it('waits the latency once per read, before the first byte, and adds nothing between chunks', async () => {
    const inner = new MemoryAdapter();
    inner.objects.set('b/k', pattern(10 * KiB));
    const adapter = slow(inner, 60, 0);
    const t0 = performance.now();
    const reader = await adapter.openRead('b', 'k');
    expect(performance.now() - t0).toBeLessThan(30); // openRead itself adds nothing
    const first = await timedRead(reader, 2 * KiB);
    expect(first.chunks).toHaveLength(5);
    expect(first.at[0]).toBeGreaterThanOrEqual(58);
    expect(first.at[4] - first.at[0]).toBeLessThan(50); // far below a second latency per chunk (4 x 60 ms)
    // A second read of the same opened object is another request to the store: the latency again.
    const second = await timedRead(reader, 4 * KiB, 1000, 100);
    expect(second.at[0]).toBeGreaterThanOrEqual(58);
    expect(second.total).toBeLessThan(60 + 60); // once, not twice
    await reader.close();
  });

  it('waits the latency on stat', async () => {
    const inner = new MemoryAdapter();
    inner.objects.set('b/k', pattern(10));
    const adapter = slow(inner, 50, 0);
    const t0 = performance.now();
    expect(await adapter.stat('b', 'k')).toMatchObject({ size: 10, version: 'v1' });
    expect(await adapter.stat('b', 'nope')).toBeUndefined();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(98);
  });

  it('paces read bytes to the bandwidth', async () => {
    const inner = new MemoryAdapter();
    inner.objects.set('b/k', pattern(MiB));
    const adapter = slow(inner, 0, 4 * MiB); // 4 MiB/s, burst 64 KiB: 1 MiB takes ~234 ms
    const reader = await adapter.openRead('b', 'k');
    const { total } = await timedRead(reader, 64 * KiB);
    const expected = ((MiB - 64 * KiB) / (4 * MiB)) * 1000;
    expect(total).toBeGreaterThanOrEqual(expected * 0.95);
    expect(total).toBeLessThan(expected * 2.5); // loose: a loaded 2-core box runs timers late
    await reader.close();
  });

  it('shares the bandwidth between parallel reads of the adapter, like one link', async () => {
    const inner = new MemoryAdapter();
    inner.objects.set('b/a', pattern(512 * KiB));
    inner.objects.set('b/b', pattern(512 * KiB));
    const adapter = slow(inner, 0, 4 * MiB);
    const t0 = performance.now();
    const readers = await Promise.all([adapter.openRead('b', 'a'), adapter.openRead('b', 'b')]);
    await Promise.all(readers.map((r) => timedRead(r, 64 * KiB)));
    const total = performance.now() - t0;
    const expected = ((MiB - 64 * KiB) / (4 * MiB)) * 1000; // 1 MiB through the one link
    expect(total).toBeGreaterThanOrEqual(expected * 0.95);
    expect(total).toBeLessThan(expected * 2.5); // loose: a loaded 2-core box runs timers late
  });

  it('passes the inner chunks through unchanged: same boundaries, same bytes, ranges respected', async () => {
    const inner = new MemoryAdapter();
    const bytes = pattern(300 * KiB + 123);
    inner.objects.set('b/k', bytes);
    const adapter = slow(inner, 1, 64 * MiB);
    const reader = await adapter.openRead('b', 'k');
    const whole = await timedRead(reader, 64 * KiB);
    expect(whole.chunks.map((c) => c.length)).toEqual([65536, 65536, 65536, 65536, 45179]);
    expect(Buffer.concat(whole.chunks).equals(bytes)).toBe(true);
    const part = await timedRead(reader, 1000, 5, 2500);
    expect(part.chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(Buffer.concat(part.chunks).equals(bytes.subarray(5, 2505))).toBe(true);
    await reader.close();
  });

  it('finishes the inner read when the consumer stops early, and closes the inner reader on close', async () => {
    const inner = new MemoryAdapter();
    inner.objects.set('b/k', pattern(64 * KiB));
    const adapter = slow(inner, 1, 0);
    const reader = await adapter.openRead('b', 'k');
    for await (const chunk of reader.read(0, -1, 1024)) {
      expect(chunk.length).toBe(1024);
      break;
    }
    expect(inner.events).toEqual(['read finished']);
    await reader.close();
    expect(inner.events).toEqual(['read finished', 'closed']);
  });

  it('close ends a read waiting for the link (it throws) and closes the inner reader', async () => {
    const inner = new MemoryAdapter();
    inner.objects.set('b/k', pattern(MiB));
    const adapter = slow(inner, 0, 256 * KiB); // 1 MiB would take ~4 s
    const reader = await adapter.openRead('b', 'k');
    const t0 = performance.now();
    const reading = timedRead(reader, 128 * KiB).then(
      () => 'completed',
      (err: Error) => `failed: ${err.name}`,
    );
    await new Promise((r) => setTimeout(r, 50));
    await reader.close();
    expect(await reading).toMatch(/^failed: Abort/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(inner.events).toContain('closed');
    expect(inner.events).toContain('read finished');
    // A closed reader's reads fail at once, without waiting the latency.
    await expect(timedRead(reader, 1024)).rejects.toThrow();
  });

  it('close ends a read waiting for its first byte', async () => {
    const inner = new MemoryAdapter();
    inner.objects.set('b/k', pattern(10));
    const adapter = slow(inner, 5_000, 0);
    const reader = await adapter.openRead('b', 'k');
    const t0 = performance.now();
    const reading = timedRead(reader, 1024).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 20));
    await reader.close();
    expect(await reading).toBeInstanceOf(Error);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('passes inner errors through', async () => {
    const inner = new MemoryAdapter();
    inner.objects.set('b/k', pattern(10 * KiB));
    inner.failAfterChunks = 2;
    const adapter = slow(inner, 1, 0);
    const reader = await adapter.openRead('b', 'k');
    await expect(timedRead(reader, KiB)).rejects.toThrow('disk on fire');
    await reader.close();
  });

  it('lets writes through without delay', async () => {
    const inner = new MemoryAdapter();
    const adapter = slow(inner, 5_000, 1);
    const t0 = performance.now();
    const staged = await adapter.beginWrite('b', 'k');
    await staged.write(Buffer.alloc(MiB));
    await staged.commit();
    expect(performance.now() - t0).toBeLessThan(500);
    expect(inner.events).toEqual(['beginWrite']);
  });
});

describe('ufs.slow configuration', () => {
  it('is off by default: 20 ms first-byte latency and 100 MiB/s when enabled', () => {
    const config = loadConfig({ env: {} });
    expect(config['ufs.slow.enabled']).toBe(false);
    expect(config['ufs.slow.firstByteLatency']).toBe(20);
    expect(config['ufs.slow.bandwidth']).toBe(100 * MiB);
    const inner = new MemoryAdapter() as unknown as UfsAdapter;
    expect(withSlowUfs(inner, config)).toBe(inner);
  });

  it('reads the keys from the environment and wraps the adapter when enabled', () => {
    const env = {
      [envNameOf('ufs.slow.enabled')]: 'true',
      [envNameOf('ufs.slow.firstByteLatency')]: '5ms',
      [envNameOf('ufs.slow.bandwidth')]: '10MiB',
    };
    expect(Object.keys(env)).toEqual(['SILT_UFS_SLOW_ENABLED', 'SILT_UFS_SLOW_FIRST_BYTE_LATENCY', 'SILT_UFS_SLOW_BANDWIDTH']);
    const config = loadConfig({ env });
    const wrapped = withSlowUfs(new MemoryAdapter() as unknown as UfsAdapter, config);
    expect(wrapped).toBeInstanceOf(SlowUfsAdapter);
    expect((wrapped as SlowUfsAdapter).link.options).toEqual({ firstByteLatencyMs: 5, bandwidth: 10 * MiB });
  });

  it('refuses a negative latency', () => {
    expect(() => loadConfig({ env: {}, overrides: { 'ufs.slow.firstByteLatency': -1 } })).toThrow(/ufs\.slow\.firstByteLatency/);
  });
});
