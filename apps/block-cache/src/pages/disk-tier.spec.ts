import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferOf } from '../slices';
import { DiskTier } from './disk-tier';
import type { EvictionPolicy } from './eviction';
import { MemoryTier } from './memory-tier';
import type { ObjectRef } from '../../../../libs/block-cache-client/src/page-math';
import { PageStore, type PageSource } from './page-store';

const hashOf = (name: string) => name.padStart(64, '0').replace(/[^0-9a-f]/g, 'a');

async function filesIn(dir: string): Promise<number> {
  let n = 0;
  for (const sub of await readdir(join(dir, 'pages'))) n += (await readdir(join(dir, 'pages', sub))).length;
  return n;
}

describe(DiskTier.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'silt-disk-tier-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function tier(policy: EvictionPolicy, capacityBytes: number): Promise<DiskTier> {
    const t = new DiskTier({ dir, capacityBytes, eviction: policy, writeConcurrency: 1 });
    await t.open();
    return t;
  }

  async function write(t: DiskTier, name: string, bytes: number): Promise<void> {
    expect(t.enqueueWrite(hashOf(name), Buffer.alloc(bytes, 7))).toBe(true);
    await t.flush();
  }

  describe.each<EvictionPolicy>(['lru', 'lfu'])('%s', (policy) => {
    it('keeps page files within its capacity in bytes; stats match the files', async () => {
      const t = await tier(policy, 1000);
      const sizes = [300, 120, 450, 90, 700, 1, 333, 999, 50, 260];
      for (let i = 0; i < 20; i++) {
        await write(t, `p${i}`, sizes[i % sizes.length]);
        if (i % 3 === 0) t.touch(hashOf(`p${i - 1}`));
        expect(t.stats().usedBytes).toBeLessThanOrEqual(1000);
      }
      const s = t.stats();
      expect(s.pages).toBe(await filesIn(dir));
      expect(s.evictions).toBe(20 - s.pages);
      let held = 0;
      for (let i = 0; i < 20; i++) if (t.has(hashOf(`p${i}`))) held += sizes[i % sizes.length];
      expect(s.usedBytes).toBe(held);
    });

    it('a restart still serves the pages, and a smaller capacity evicts down to it', async () => {
      const t = await tier(policy, 1000);
      for (let i = 0; i < 5; i++) await write(t, `p${i}`, 200);
      // Page files keep their write order as modification times (the rebuilt order).
      for (let i = 0; i < 5; i++) await utimes(t.pathOf(hashOf(`p${i}`)), 1000 + i, 1000 + i);
      const again = await tier(policy, 1000);
      expect(again.stats()).toMatchObject({ pages: 5, usedBytes: 1000 });
      for (let i = 0; i < 5; i++) expect(again.touch(hashOf(`p${i}`))).toBe(200);
      const smaller = await tier(policy, 600);
      expect(smaller.stats()).toMatchObject({ pages: 3, usedBytes: 600 });
      expect(smaller.has(hashOf('p0'))).toBe(false); // the oldest files went first
      expect(await filesIn(dir)).toBe(3);
    });
  });

  /** Four 100-byte pages of room: `hot` touched often, then a scan of 20 pages touched once. */
  async function scanAfterHot(policy: EvictionPolicy): Promise<DiskTier> {
    const t = await tier(policy, 400);
    await write(t, 'hot', 100);
    for (let i = 0; i < 10; i++) t.touch(hashOf('hot'));
    for (let i = 0; i < 20; i++) {
      await write(t, `cold${i}`, 100);
      t.touch(hashOf(`cold${i}`));
    }
    return t;
  }

  it('lfu: a scan of cold pages does not evict a frequently hit page', async () => {
    const t = await scanAfterHot('lfu');
    expect(t.has(hashOf('hot'))).toBe(true);
    expect(t.stats()).toMatchObject({ pages: 4, usedBytes: 400, evictions: 17 });
    expect(await filesIn(dir)).toBe(4);
  });

  it('lru: the same scan evicts it', async () => {
    const t = await scanAfterHot('lru');
    expect(t.has(hashOf('hot'))).toBe(false);
    expect(t.stats()).toMatchObject({ pages: 4, usedBytes: 400, evictions: 17 });
  });
});

/** Objects in RAM, counting the reads that reach it. */
class Source implements PageSource {
  readonly data = new Map<string, Buffer>();
  reads = 0;
  put(path: string, bytes: number): ObjectRef {
    this.data.set(path, Buffer.alloc(bytes, path.length));
    return { mountId: 'root', path, version: 'v1', sizeBytes: bytes };
  }
  async *read(ref: ObjectRef, offset: number, length: number): AsyncIterable<Buffer> {
    this.reads++;
    yield this.data.get(ref.path)!.subarray(offset, offset + length);
  }
}

describe('PageStore with cache.eviction', () => {
  const P = 1000;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'silt-eviction-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function store(policy: EvictionPolicy, source: Source) {
    const disk = new DiskTier({ dir, capacityBytes: 6 * P, eviction: policy });
    await disk.open();
    const s = new PageStore({ pageSizeBytes: P, memory: new MemoryTier(3 * P, policy), disk, source, promoteMaxObjectBytes: 0 });
    return s;
  }

  async function readAll(s: PageStore, ref: ObjectRef): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const slice of s.read(ref, 0, -1)) parts.push(Buffer.from(await bufferOf(slice)));
    return Buffer.concat(parts);
  }

  /** A one-page object read 10 times, then 30 one-page objects read once each; then the hot object again. */
  async function hotAfterScan(policy: EvictionPolicy): Promise<{ reads: number; restarted: number }> {
    const source = new Source();
    const s = await store(policy, source);
    const hot = source.put('hot', P);
    for (let i = 0; i < 10; i++) await readAll(s, hot);
    for (let i = 0; i < 30; i++) {
      await readAll(s, source.put(`cold/${i}`, P));
      await s.flush();
    }
    const before = source.reads;
    expect((await readAll(s, hot)).equals(source.data.get('hot')!)).toBe(true);
    const reads = source.reads - before;
    // A new worker on the same directory serves what the disk tier held, without reading the source again.
    await s.flush();
    const again = await store(policy, source);
    const atRestart = source.reads;
    await readAll(again, source.put('cold/29', P));
    return { reads, restarted: source.reads - atRestart };
  }

  it('lfu: the hot page survives a scan in both tiers (no source read), and a restart serves from disk', async () => {
    expect(await hotAfterScan('lfu')).toEqual({ reads: 0, restarted: 0 });
  });

  it('lru: the scan pushes the hot page out of both tiers (read again from the source)', async () => {
    expect(await hotAfterScan('lru')).toEqual({ reads: 1, restarted: 0 });
  });
});
