import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, unlink, writeFile, mkdir } from 'node:fs/promises';
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

/** Buffers compared by length and digest: vitest's deep equality walks a Buffer byte by byte (seconds per MiB). */
const bytesOf = (b: Buffer) => `${b.length}:${createHash('sha256').update(b).digest('hex')}`;

const P = 1000; // odd on purpose: nothing may assume powers of two

/** A PageSource over Buffers, counting reads; `gate` holds every read until released; `chunkBytes` re-chunks. */
class FakePageSource implements PageSource {
  readonly objects = new Map<string, { version: string; data: Buffer }>();
  readonly reads: Array<{ path: string; offset: number; length: number }> = [];
  chunkBytes = 333;
  gate: Promise<void> | undefined;
  failWith: Error | undefined;

  put(path: string, version: string, data: Buffer): ObjectRef {
    this.objects.set(path, { version, data });
    return { mountId: 'root', path, version, sizeBytes: data.length };
  }

  async *read(ref: ObjectRef, offset: number, length: number): AsyncIterable<Buffer> {
    this.reads.push({ path: ref.path, offset, length });
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    const obj = this.objects.get(ref.path);
    if (!obj) throw new S3Error('NoSuchKey');
    if (obj.version !== ref.version) throw new VersionChangedError('changed');
    const end = Math.min(obj.data.length, offset + length);
    for (let at = offset; at < end; at += this.chunkBytes) yield obj.data.subarray(at, Math.min(end, at + this.chunkBytes));
  }
}

async function readAll(store: PageStore, ref: ObjectRef, offset = 0, length = -1): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const slice of store.read(ref, offset, length)) parts.push(Buffer.from(await bufferOf(slice)));
  return Buffer.concat(parts);
}

describe(PageStore.name, () => {
  let dir: string;
  let source: FakePageSource;
  let stores: PageStore[] = [];

  function makeStore(opts: { memoryPages?: number; diskPages?: number; writeQueueBytes?: number; promote?: number; maxRunBytes?: number } = {}) {
    const memory = new MemoryTier((opts.memoryPages ?? 100) * P);
    const disk = new DiskTier({ dir, capacityBytes: (opts.diskPages ?? 100) * P, writeQueueBytes: opts.writeQueueBytes });
    const store = new PageStore({
      pageSizeBytes: P,
      memory,
      disk,
      source,
      promoteMaxObjectBytes: opts.promote ?? 0,
      maxRunBytes: opts.maxRunBytes,
    });
    stores.push(store);
    return { store, memory, disk };
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'silt-pages-'));
    source = new FakePageSource();
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.flush()));
    stores = [];
    await rm(dir, { recursive: true, force: true });
  });

  it('returns exactly the bytes of any range, cold and warm, across page edges and the short last page', async () => {
    const data = randomBytes(10 * P + 123);
    const ref = source.put('b/k', 'v1', data);
    const { store, disk } = makeStore();
    await disk.open();
    const ranges: Array<[number, number]> = [[0, -1], [0, 1], [P - 1, 2], [P, P], [10 * P, -1], [10 * P + 122, 1], [3 * P + 7, 4 * P], [5, 100 * P], [data.length, -1]];
    for (const [offset, length] of ranges) {
      const end = length === -1 ? data.length : Math.min(data.length, offset + length);
      expect(bytesOf(await readAll(store, ref, offset, length))).toBe(bytesOf(data.subarray(offset, end)));
    }
  });

  it('reads nothing and fetches nothing for a zero-size object', async () => {
    const ref = source.put('b/empty', 'v1', Buffer.alloc(0));
    const { store, disk } = makeStore();
    await disk.open();
    expect((await readAll(store, ref)).length).toBe(0);
    expect(source.reads).toHaveLength(0);
  });

  it('fetches a run of consecutive missing pages with one source read, and only the pages a range needs', async () => {
    const data = randomBytes(20 * P);
    const ref = source.put('b/big', 'v1', data);
    const { store, disk, memory } = makeStore();
    await disk.open();
    await readAll(store, ref, 2 * P + 5, 3 * P); // pages 2..5
    expect(source.reads).toEqual([{ path: 'b/big', offset: 2 * P, length: 4 * P }]);
    memory.delete(pageKeyOf(ref, 7));
    await readAll(store, ref, 0, 10 * P); // 0,1 missing; 2..5 cached; 6..9 missing
    expect(source.reads.slice(1)).toEqual([
      { path: 'b/big', offset: 0, length: 2 * P },
      { path: 'b/big', offset: 6 * P, length: 4 * P },
    ]);
  });

  it('caps a run at maxRunBytes', async () => {
    const ref = source.put('b/big', 'v1', randomBytes(10 * P));
    const { store, disk } = makeStore({ maxRunBytes: 4 * P });
    await disk.open();
    await readAll(store, ref);
    expect(source.reads.map((r) => r.length)).toEqual([4 * P, 4 * P, 2 * P]);
  });

  it('coalesces N concurrent reads of one cold page into one fetch', async () => {
    const data = randomBytes(P);
    const ref = source.put('b/hot', 'v1', data);
    const { store, disk } = makeStore();
    await disk.open();
    let release!: () => void;
    source.gate = new Promise((r) => (release = r));
    const readers = Array.from({ length: 20 }, () => readAll(store, ref));
    await new Promise((r) => setTimeout(r, 10));
    release();
    for (const got of await Promise.all(readers)) expect(bytesOf(got)).toBe(bytesOf(data));
    expect(source.reads).toHaveLength(1);
    expect(store.stats().bytesFromUfs).toBe(P);
  });

  it('fetches every page of overlapping concurrent cold reads once', async () => {
    const data = randomBytes(12 * P);
    const ref = source.put('b/o', 'v1', data);
    const { store, disk } = makeStore();
    await disk.open();
    const got = await Promise.all([readAll(store, ref), readAll(store, ref, 3 * P), readAll(store, ref, 5 * P + 1, P)]);
    expect(bytesOf(got[0])).toBe(bytesOf(data));
    expect(bytesOf(got[1])).toBe(bytesOf(data.subarray(3 * P)));
    expect(store.stats().bytesFromUfs).toBe(data.length);
  });

  it('never serves a cached version for another version', async () => {
    const ref1 = source.put('b/k', 'v1', Buffer.alloc(3 * P, 1));
    const { store, disk } = makeStore();
    await disk.open();
    await readAll(store, ref1);
    const ref2 = source.put('b/k', 'v2', Buffer.alloc(3 * P, 2));
    expect(bytesOf(await readAll(store, ref2))).toBe(bytesOf(Buffer.alloc(3 * P, 2)));
    expect(source.reads).toHaveLength(2);
    // v1's pages are still v1's (the gateway only asks for them while metadata says v1)
    expect(bytesOf(await readAll(store, ref1))).toBe(bytesOf(Buffer.alloc(3 * P, 1)));
  });

  it('passes a version change and a missing object through, and forgets the failed fetch', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(2 * P));
    const { store, disk } = makeStore();
    await disk.open();
    await expect(readAll(store, { ...ref, version: 'v0' })).rejects.toBeInstanceOf(VersionChangedError);
    await expect(readAll(store, { ...ref, path: 'b/none' })).rejects.toMatchObject({ code: 'NoSuchKey' });
    source.failWith = new Error('ufs down');
    await expect(readAll(store, ref)).rejects.toThrow('ufs down');
    source.failWith = undefined;
    expect((await readAll(store, ref)).length).toBe(2 * P); // a new fetch, not the failed promise
  });

  it('fails a read on its first piece when a later page needs the UFS and the version changed', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(4 * P));
    const { store, disk } = makeStore();
    await disk.open();
    await readAll(store, ref, 0, 2 * P); // pages 0 and 1 cached
    source.put('b/k', 'v2', randomBytes(4 * P));
    const pages = store.read(ref, 0, -1);
    await expect(pages.next()).rejects.toBeInstanceOf(VersionChangedError); // before any cached byte is handed out
    expect(source.reads.at(-1)).toEqual({ path: 'b/k', offset: 2 * P, length: 2 * P });
  });

  it('treats an object shorter than its recorded size as changed', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(2 * P));
    const { store, disk } = makeStore();
    await disk.open();
    await expect(readAll(store, { ...ref, sizeBytes: 3 * P })).rejects.toBeInstanceOf(VersionChangedError);
  });

  it('evicts least recently used pages by bytes in memory', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(5 * P));
    const { store, disk, memory } = makeStore({ memoryPages: 3, diskPages: 0 });
    await disk.open();
    await readAll(store, ref);
    const s = memory.stats();
    expect(s).toMatchObject({ pages: 3, usedBytes: 3 * P, evictions: 2 });
    expect(memory.has(pageKeyOf(ref, 0))).toBe(false);
    expect(memory.has(pageKeyOf(ref, 4))).toBe(true);
    expect(store.stats().misses).toBe(5);
    await readAll(store, ref, 4 * P);
    expect(store.stats().hits).toBe(1);
  });

  it('evicts least recently used pages by bytes on disk, deleting their files', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(5 * P));
    const { store, disk } = makeStore({ memoryPages: 0, diskPages: 3 });
    await disk.open();
    await readAll(store, ref, 0, 2 * P);
    await store.flush();
    await readAll(store, ref, 0, P); // page 0 becomes most recently used
    await readAll(store, ref, 2 * P, 2 * P);
    await store.flush();
    expect(disk.stats()).toMatchObject({ pages: 3, usedBytes: 3 * P, evictions: 1 });
    expect(disk.has(pageHashOf(pageKeyOf(ref, 1)))).toBe(false);
    expect(disk.has(pageHashOf(pageKeyOf(ref, 0)))).toBe(true);
    const files = (await Promise.all((await readdir(join(dir, 'pages'))).map((d) => readdir(join(dir, 'pages', d))))).flat();
    expect(files).toHaveLength(3);
  });

  it('rebuilds the disk index after a restart and serves from it without fetching', async () => {
    const data = randomBytes(4 * P + 10);
    const ref = source.put('b/k', 'v1', data);
    const first = makeStore({ memoryPages: 0 });
    await first.disk.open();
    await readAll(first.store, ref);
    await first.store.flush();
    await mkdir(join(dir, 'tmp'), { recursive: true });
    await writeFile(join(dir, 'tmp', 'half-written'), 'x'); // a crash mid-write leaves this
    const again = makeStore({ memoryPages: 0 });
    await again.disk.open();
    expect(again.disk.stats()).toMatchObject({ pages: 5, usedBytes: data.length });
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    source.failWith = new Error('must not fetch');
    expect(bytesOf(await readAll(again.store, ref))).toBe(bytesOf(data));
    expect(again.store.stats()).toMatchObject({ hits: 5, misses: 0 });
    expect(again.disk.stats().hits).toBe(5);
  });

  it('refetches a page whose file vanished or has the wrong size', async () => {
    const data = randomBytes(3 * P);
    const ref = source.put('b/k', 'v1', data);
    const { store, disk } = makeStore({ memoryPages: 0 });
    await disk.open();
    await readAll(store, ref);
    await store.flush();
    await unlink(disk.pathOf(pageHashOf(pageKeyOf(ref, 1))));
    await writeFile(disk.pathOf(pageHashOf(pageKeyOf(ref, 2))), 'short');
    const restarted = makeStore({ memoryPages: 0 });
    await restarted.disk.open();
    expect(bytesOf(await readAll(restarted.store, ref))).toBe(bytesOf(data));
    expect(restarted.store.stats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('skips disk writes when the write queue is full instead of buffering more', async () => {
    const ref = source.put('b/k', 'v1', randomBytes(10 * P));
    const { store, disk } = makeStore({ writeQueueBytes: 2 * P });
    await disk.open();
    await readAll(store, ref);
    await store.flush();
    expect(disk.writesSkipped).toBeGreaterThan(0);
    expect(disk.stats().pages + disk.writesSkipped).toBe(10);
  });

  it('copies disk hits of small objects into memory, and streams large ones from their files', async () => {
    const small = source.put('b/small', 'v1', randomBytes(2 * P));
    const large = source.put('b/large', 'v1', randomBytes(6 * P));
    const { store, disk, memory } = makeStore({ memoryPages: 20, promote: 4 * P });
    await disk.open();
    await readAll(store, small);
    await readAll(store, large);
    await store.flush();
    for (let i = 0; i < 2; i++) memory.delete(pageKeyOf(small, i));
    for (let i = 0; i < 6; i++) memory.delete(pageKeyOf(large, i));
    const tiers: string[] = [];
    for await (const s of store.read(small, 0, -1)) tiers.push(s.tier);
    for await (const s of store.read(large, 0, -1)) tiers.push(s.tier);
    expect(tiers).toEqual(['memory', 'memory', 'disk', 'disk', 'disk', 'disk', 'disk', 'disk']);
    expect(memory.has(pageKeyOf(small, 0))).toBe(true);
    expect(memory.has(pageKeyOf(large, 0))).toBe(false);
  });
});
