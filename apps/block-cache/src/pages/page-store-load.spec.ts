import { createHash, randomBytes } from 'node:crypto';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { VersionChangedError } from '../errors';
import { bufferOf } from '../slices';
import { DiskTier } from './disk-tier';
import { MemoryTier } from './memory-tier';
import { pageHashOf, pageKeyOf, type ObjectRef } from '../../../../libs/block-cache-client/src/page-math';
import { PageStore, type PageSource } from './page-store';

const bytesOf = (b: Buffer) => `${b.length}:${createHash('sha256').update(b).digest('hex')}`;
const P = 1000;

/** A PageSource over Buffers, counting reads and the largest number of reads open at once. */
class FakePageSource implements PageSource {
  readonly objects = new Map<string, { version: string; data: Buffer }>();
  readonly reads: Array<{ path: string; offset: number; length: number }> = [];
  open = 0;
  maxOpen = 0;
  gate: Promise<void> | undefined;

  put(path: string, version: string, data: Buffer): ObjectRef {
    this.objects.set(path, { version, data });
    return { mountId: 'root', path, version, sizeBytes: data.length };
  }

  async *read(ref: ObjectRef, offset: number, length: number): AsyncIterable<Buffer> {
    this.reads.push({ path: ref.path, offset, length });
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    try {
      if (this.gate) await this.gate;
      await new Promise((r) => setTimeout(r, 1));
      const obj = this.objects.get(ref.path);
      if (!obj) throw new S3Error('NoSuchKey');
      if (obj.version !== ref.version) throw new VersionChangedError('changed');
      const end = Math.min(obj.data.length, offset + length);
      for (let at = offset; at < end; at += 400) yield obj.data.subarray(at, Math.min(end, at + 400));
    } finally {
      this.open--;
    }
  }
}

async function readAll(store: PageStore, ref: ObjectRef, offset = 0, length = -1): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const slice of store.read(ref, offset, length)) parts.push(Buffer.from(await bufferOf(slice)));
  return Buffer.concat(parts);
}

const exists = (path: string) => access(path).then(() => true, () => false);

describe('PageStore load and free', () => {
  let dir: string;
  let source: FakePageSource;
  let stores: PageStore[] = [];

  async function makeStore(opts: { memoryPages?: number; diskPages?: number; writeQueueBytes?: number; maxRunBytes?: number; loadConcurrency?: number } = {}) {
    const memory = new MemoryTier((opts.memoryPages ?? 100) * P);
    const disk = new DiskTier({ dir, capacityBytes: (opts.diskPages ?? 100) * P, writeQueueBytes: opts.writeQueueBytes });
    await disk.open();
    const store = new PageStore({ pageSizeBytes: P, memory, disk, source, promoteMaxObjectBytes: 0, maxRunBytes: opts.maxRunBytes, loadConcurrency: opts.loadConcurrency });
    stores.push(store);
    return { store, memory, disk };
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'silt-load-'));
    source = new FakePageSource();
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.flush()));
    stores = [];
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every page onto disk before answering, then reads are all hits with nothing from the source', async () => {
    const data = randomBytes(7 * P + 10);
    const ref = source.put('b/k', 'v1', data);
    const { store, disk } = await makeStore({ memoryPages: 2, maxRunBytes: 3 * P });
    expect(await store.load(ref)).toEqual({ pagesLoaded: 8, pagesCached: 0, bytesFromUfs: data.length });
    for (let i = 0; i < 8; i++) expect(disk.has(pageHashOf(pageKeyOf(ref, i)))).toBe(true); // no flush needed
    expect(source.reads.map((r) => r.length)).toEqual([3 * P, 3 * P, 2 * P + 10 - P]);
    expect(store.stats()).toMatchObject({ hits: 0, misses: 0, bytesFromUfs: data.length, pagesLoaded: 8 });

    expect(bytesOf(await readAll(store, ref))).toBe(bytesOf(data));
    expect(store.stats()).toMatchObject({ hits: 8, misses: 0, bytesFromUfs: data.length });
    expect(source.reads).toHaveLength(3);
    expect(await store.load(ref)).toEqual({ pagesLoaded: 0, pagesCached: 8, bytesFromUfs: 0 });
  });

  it('loads the pages whose first byte lies in the range, so consecutive ranges split an object exactly', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(10 * P));
    const { store } = await makeStore();
    const a = await store.load(ref, 0, 2500); // pages 0, 1, 2
    const b = await store.load(ref, 2500, 2500); // pages 3, 4
    const c = await store.load(ref, 5000, -1); // pages 5..9
    expect([a.pagesLoaded, b.pagesLoaded, c.pagesLoaded]).toEqual([3, 2, 5]);
    expect(a.pagesCached + b.pagesCached + c.pagesCached).toBe(0);
    expect(await store.load(ref, 10 * P, -1)).toEqual({ pagesLoaded: 0, pagesCached: 0, bytesFromUfs: 0 });
    expect((await store.load(source.put('b/empty', 'v1', Buffer.alloc(0)))).pagesLoaded).toBe(0);
  });

  it('shares the single flight with reads: a page being read is joined, not fetched again', async () => {
    const data = randomBytes(4 * P);
    const ref = source.put('b/k', 'v1', data);
    const { store } = await makeStore();
    let release!: () => void;
    source.gate = new Promise((r) => (release = r));
    const reading = readAll(store, ref);
    const loads = [store.load(ref), store.load(ref)];
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect(bytesOf(await reading)).toBe(bytesOf(data));
    for (const r of await Promise.all(loads)) expect(r).toEqual({ pagesLoaded: 0, pagesCached: 4, bytesFromUfs: 0 });
    expect(source.reads).toHaveLength(1);
    expect(store.stats().bytesFromUfs).toBe(4 * P);
  });

  it('fetches at most loadConcurrency runs at once across many loads', async () => {
    const refs = Array.from({ length: 8 }, (_, i) => source.put(`b/k${i}`, 'v1', randomBytes(3 * P)));
    const { store } = await makeStore({ loadConcurrency: 2, maxRunBytes: 2 * P });
    const results = await Promise.all(refs.map((r) => store.load(r)));
    expect(results.reduce((n, r) => n + r.pagesLoaded, 0)).toBe(24);
    expect(source.maxOpen).toBeLessThanOrEqual(2);
    expect(source.reads).toHaveLength(16);
  });

  it('waits for room in a full disk write queue instead of leaving pages off disk', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(12 * P));
    const { store, disk } = await makeStore({ writeQueueBytes: 2 * P, maxRunBytes: 4 * P, memoryPages: 0 });
    await store.load(ref);
    expect(disk.stats().pages).toBe(12);
  });

  it('fails like a read on a changed or missing object, and forgets the failed fetch', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(2 * P));
    const { store } = await makeStore();
    await expect(store.load({ ...ref, version: 'v0' })).rejects.toBeInstanceOf(VersionChangedError);
    await expect(store.load({ ...ref, path: 'b/none' })).rejects.toMatchObject({ code: 'NoSuchKey' });
    expect((await store.load(ref)).pagesLoaded).toBe(2);
    await expect(store.load(ref, -1, 5)).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('frees every page of one version from both tiers and deletes the files before answering', async () => {
    const data = randomBytes(5 * P);
    const ref = source.put('b/k', 'v1', data);
    const other = source.put('b/other', 'v1', randomBytes(2 * P));
    const { store, memory, disk } = await makeStore({ memoryPages: 3 });
    await store.load(ref);
    await store.load(other);
    const files = [0, 1, 2, 3, 4].map((i) => disk.pathOf(pageHashOf(pageKeyOf(ref, i))));
    expect(await store.free({ ...ref, version: 'v0' })).toBe(0); // another version: nothing of it is cached
    expect(await store.free(ref)).toBe(5);
    for (const f of files) expect(await exists(f)).toBe(false);
    for (let i = 0; i < 5; i++) expect(memory.has(pageKeyOf(ref, i))).toBe(false);
    expect(disk.stats().pages).toBe(2); // the other object stays
    expect(store.stats().pagesFreed).toBe(5);
    expect(await store.free(ref)).toBe(0);

    expect(bytesOf(await readAll(store, ref))).toBe(bytesOf(data)); // a read after free misses again
    expect(store.stats()).toMatchObject({ misses: 5, hits: 0 });
  });

  it('removes a freed page that was still waiting in the disk write queue once it is written', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(3 * P));
    const { store, disk } = await makeStore();
    await readAll(store, ref); // pages queued for write-behind, maybe not written yet
    expect(await store.free(ref)).toBe(3);
    await store.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect(disk.stats().pages).toBe(0);
    const pages = (await Promise.all((await readdir(join(dir, 'pages'))).map((d) => readdir(join(dir, 'pages', d))))).flat();
    expect(pages).toEqual([]);
  });

  it('counts misses per tier: memory misses go to disk, disk misses go to the source', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(4 * P));
    const { store, memory } = await makeStore();
    await readAll(store, ref); // 4 misses in both tiers
    await store.flush();
    memory.delete(pageKeyOf(ref, 0));
    await readAll(store, ref); // page 0: memory miss, disk hit; 1..3 memory hits
    const [m, d] = store.stats().tiers;
    expect(m).toMatchObject({ tier: 'memory', hits: 3, misses: 5 });
    expect(d).toMatchObject({ tier: 'disk', hits: 1, misses: 4 });
  });
});
