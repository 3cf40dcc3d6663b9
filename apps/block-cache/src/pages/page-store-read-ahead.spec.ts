import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VersionChangedError } from '../errors';
import { bufferOf } from '../slices';
import { DiskTier } from './disk-tier';
import { MemoryTier } from './memory-tier';
import type { ObjectRef } from '../../../../libs/block-cache-client/src/page-math';
import { PageStore, type PageSlice, type PageSource } from './page-store';

const bytesOf = (b: Buffer) => `${b.length}:${createHash('sha256').update(b).digest('hex')}`;

const P = 1000;
const tick = () => new Promise((r) => setTimeout(r, 5));

/**
 * A source whose reads are recorded and, while `held`, pass their first chunk and then one chunk per `step()` (all
 * of them after `release()`): what a slow UFS looks like to the store. `active` counts reads not yet finished.
 */
class SlowSource implements PageSource {
  readonly objects = new Map<string, Buffer>();
  readonly reads: Array<{ offset: number; length: number }> = [];
  held = false;
  active = 0;
  maxActive = 0;
  failAt: number | undefined;
  private waiters: Array<() => void> = [];

  put(path: string, data: Buffer): ObjectRef {
    this.objects.set(path, data);
    return { mountId: 'root', path, version: 'v1', sizeBytes: data.length };
  }

  release(): void {
    this.held = false;
    this.step();
  }

  /** Lets every held read pass one more chunk. */
  step(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  async *read(ref: ObjectRef, offset: number, length: number): AsyncIterable<Buffer> {
    this.reads.push({ offset, length });
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      const data = this.objects.get(ref.path)!;
      const end = Math.min(data.length, offset + length);
      for (let at = offset; at < end; at += P) {
        if (at !== offset && this.held) await new Promise<void>((r) => this.waiters.push(r));
        if (this.failAt !== undefined && at >= this.failAt) throw new VersionChangedError('changed');
        await Promise.resolve();
        yield data.subarray(at, Math.min(end, at + P));
      }
    } finally {
      this.active--;
    }
  }
}

/** A consumer that takes pieces one at a time, copying their bytes. */
class Reader {
  readonly parts: Buffer[] = [];
  private readonly it: AsyncGenerator<PageSlice>;
  done = false;
  constructor(store: PageStore, ref: ObjectRef, offset = 0, length = -1) {
    this.it = store.read(ref, offset, length);
  }
  async take(n = 1): Promise<void> {
    for (let i = 0; i < n; i++) {
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        return;
      }
      this.parts.push(Buffer.from(await bufferOf(r.value)));
    }
  }
  async rest(): Promise<Buffer> {
    while (!this.done) await this.take();
    return Buffer.concat(this.parts);
  }
  async stop(): Promise<void> {
    await this.it.return(undefined);
  }
}

describe('PageStore read-ahead', () => {
  let dir: string;
  let source: SlowSource;
  let stores: PageStore[] = [];

  async function makeStore(opts: { maxRunPages?: number; aheadPages?: number; totalAheadPages?: number; memoryPages?: number } = {}) {
    const disk = new DiskTier({ dir, capacityBytes: 1000 * P });
    await disk.open();
    const store = new PageStore({
      pageSizeBytes: P,
      memory: new MemoryTier((opts.memoryPages ?? 1000) * P),
      disk,
      source,
      promoteMaxObjectBytes: 0,
      maxRunBytes: (opts.maxRunPages ?? 4) * P,
      readAheadBytes: opts.aheadPages === undefined ? undefined : opts.aheadPages * P,
      readAheadTotalBytes: opts.totalAheadPages === undefined ? undefined : opts.totalAheadPages * P,
    });
    stores.push(store);
    return store;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'silt-ahead-'));
    source = new SlowSource();
  });
  afterEach(async () => {
    source.release();
    await Promise.all(stores.map((s) => s.flush()));
    stores = [];
    await rm(dir, { recursive: true, force: true });
  });

  it('starts the next run while the current one still streams, once half of it is left to come', async () => {
    const data = randomBytes(20 * P);
    const ref = source.put('b/long', data);
    const store = await makeStore({ maxRunPages: 4, aheadPages: 8 }); // half a run = 2 pages
    source.held = true;
    const reader = new Reader(store, ref);
    await reader.take(); // page 0 is out before anything else starts
    const second = reader.take();
    await tick();
    expect(source.reads).toEqual([{ offset: 0, length: 4 * P }]); // 3 pages of run 0 still to come
    source.step(); // page 1 arrives: 2 to come, so run 1 starts before the reader is anywhere near it
    await tick();
    expect(source.reads).toEqual([
      { offset: 0, length: 4 * P },
      { offset: 4 * P, length: 4 * P },
    ]);
    expect(source.maxActive).toBe(2);
    await second;
    source.step(); // page 2 arrives (and run 1's second page): 5 pages of this read still to come, no new run
    await tick();
    expect(source.reads).toHaveLength(2);
    source.release();
    expect(bytesOf(await reader.rest())).toBe(bytesOf(data));
    // Full-length runs, each fetched once.
    expect(source.reads.map((r) => [r.offset / P, r.length / P])).toEqual([
      [0, 4],
      [4, 4],
      [8, 4],
      [12, 4],
      [16, 4],
    ]);
  });

  it('answers the first piece as soon as the first page arrives, not after its run', async () => {
    const ref = source.put('b/ttfb', randomBytes(40 * P));
    const store = await makeStore({ maxRunPages: 16 });
    source.held = true; // every read stops after its first chunk until released
    const reader = new Reader(store, ref);
    await reader.take();
    expect(reader.parts[0].length).toBe(P);
  });

  it('does not read ahead for a range within one run, nor past the end of the range', async () => {
    const data = randomBytes(40 * P);
    const ref = source.put('b/small', data);
    const store = await makeStore({ maxRunPages: 4, aheadPages: 8 });
    const small = new Reader(store, ref, 2 * P + 7, 3 * P); // pages 2..5
    expect(bytesOf(await small.rest())).toBe(bytesOf(data.subarray(2 * P + 7, 5 * P + 7)));
    expect(source.reads).toEqual([{ offset: 2 * P, length: 4 * P }]);
    const exact = new Reader(store, ref, 10 * P, 4 * P); // exactly one run
    await exact.rest();
    // A long range is read ahead only up to its own end.
    const long = new Reader(store, ref, 20 * P, 10 * P);
    expect(bytesOf(await long.rest())).toBe(bytesOf(data.subarray(20 * P, 30 * P)));
    expect(source.reads.slice(1)).toEqual([
      { offset: 10 * P, length: 4 * P },
      { offset: 20 * P, length: 4 * P },
      { offset: 24 * P, length: 4 * P },
      { offset: 28 * P, length: 2 * P },
    ]);
    expect(store.stats().bytesFromUfs).toBe(4 * P + 4 * P + 10 * P);
  });

  it('keeps the single flight: concurrent long reads of one object fetch every page once', async () => {
    const data = randomBytes(37 * P + 11);
    const ref = source.put('b/shared', data);
    const store = await makeStore({ maxRunPages: 4, aheadPages: 12 });
    const got = await Promise.all([
      new Reader(store, ref).rest(),
      new Reader(store, ref, 3 * P + 1).rest(),
      new Reader(store, ref, 9 * P, 20 * P).rest(),
      new Reader(store, ref).rest(),
    ]);
    expect(bytesOf(got[0])).toBe(bytesOf(data));
    expect(bytesOf(got[1])).toBe(bytesOf(data.subarray(3 * P + 1)));
    expect(bytesOf(got[2])).toBe(bytesOf(data.subarray(9 * P, 29 * P)));
    expect(bytesOf(got[3])).toBe(bytesOf(data));
    expect(store.stats().bytesFromUfs).toBe(data.length);
    const fetched = source.reads.reduce((n, r) => n + r.length, 0);
    expect(fetched).toBe(data.length);
  });

  it('passes over cached pages and reads ahead the missing ones around them', async () => {
    const data = randomBytes(24 * P);
    const ref = source.put('b/holes', data);
    const store = await makeStore({ maxRunPages: 4, aheadPages: 8 });
    await new Reader(store, ref, 5 * P, 2 * P).rest(); // pages 5, 6 cached
    source.reads.length = 0;
    expect(bytesOf(await new Reader(store, ref).rest())).toBe(bytesOf(data));
    expect(source.reads.map((r) => [r.offset / P, r.length / P])).toEqual([
      [0, 4],
      [4, 1],
      [7, 4],
      [11, 4],
      [15, 4],
      [19, 4],
      [23, 1],
    ]);
  });

  it('holds at most the read-ahead window of pages a slow consumer has not taken', async () => {
    const ref = source.put('b/slow', randomBytes(100 * P));
    const store = await makeStore({ maxRunPages: 4, aheadPages: 10 });
    const reader = new Reader(store, ref);
    for (let taken = 1; taken <= 60; taken++) {
      await reader.take();
      await tick(); // every fetch started so far completes: only the window bounds what is fetched
      const fetchedTo = Math.max(...source.reads.map((r) => (r.offset + r.length) / P));
      // Pages [taken - 1, taken - 1 + 10) may be started; nothing beyond.
      expect(fetchedTo).toBeLessThanOrEqual(taken - 1 + 10);
      expect(fetchedTo).toBeGreaterThanOrEqual(Math.min(100, taken)); // and the read never waits on itself
    }
    await reader.stop();
  });

  it('bounds the pages read ahead across reads, and gives back what an abandoned read held', async () => {
    const a = source.put('b/a', randomBytes(40 * P));
    const b = source.put('b/b', randomBytes(40 * P));
    const store = await makeStore({ maxRunPages: 4, aheadPages: 8, totalAheadPages: 4 });
    const ra = new Reader(store, a);
    await ra.take(2);
    await tick();
    expect(source.reads.map((r) => r.offset / P)).toEqual([0, 4]); // a's read-ahead took the whole budget
    const rb = new Reader(store, b);
    await rb.take(2);
    await tick();
    expect(source.reads.map((r) => r.offset / P)).toEqual([0, 4, 0]); // b: its first run only, no read-ahead
    await rb.take(3); // b reaches page 4: fetched when needed, as without read-ahead
    expect(source.reads.map((r) => r.offset / P)).toEqual([0, 4, 0, 4]);
    await ra.stop(); // a leaves without taking its read-ahead pages: the budget is free again
    await rb.take(); // b at page 5: reads ahead again (run 8-11, the whole budget)
    await tick();
    expect(source.reads.map((r) => r.offset / P)).toEqual([0, 4, 0, 4, 8]);
    await rb.take(3); // b at page 8: run 12-15 would exceed the budget while b still holds 8-11
    expect(source.reads.map((r) => r.offset / P)).toEqual([0, 4, 0, 4, 8]);
    await rb.rest();
  });

  it('reads ahead with the memory tier off, and gives the budget back when reads end', async () => {
    const data = randomBytes(30 * P + 5);
    const ref = source.put('b/nomem', data);
    const store = await makeStore({ maxRunPages: 4, aheadPages: 8, totalAheadPages: 8, memoryPages: 0 });
    for (let i = 0; i < 3; i++) {
      await store.free(ref);
      source.reads.length = 0;
      source.held = true;
      const reader = new Reader(store, ref);
      const pending = reader.take(2);
      await tick();
      source.step();
      await tick();
      expect(source.reads.map((r) => r.offset / P)).toEqual([0, 4]); // the budget is whole again on every pass
      source.release();
      await pending;
      expect(bytesOf(await reader.rest())).toBe(bytesOf(data));
      await store.flush();
    }
  });

  it('fails a read when a run it read ahead fails, once it reaches that run', async () => {
    const data = randomBytes(20 * P);
    const ref = source.put('b/changing', data);
    const store = await makeStore({ maxRunPages: 4, aheadPages: 8 });
    source.failAt = 6 * P;
    const reader = new Reader(store, ref);
    await reader.take(6); // pages 0..5 are whole
    expect(bytesOf(Buffer.concat(reader.parts))).toBe(bytesOf(data.subarray(0, 6 * P)));
    await expect(reader.take()).rejects.toBeInstanceOf(VersionChangedError);
    // Nothing is left in flight: a new read fetches the failed pages again.
    source.failAt = undefined;
    expect(bytesOf(await new Reader(store, ref).rest())).toBe(bytesOf(data));
  });
});
