import { open, unlink, type FileHandle } from 'node:fs/promises';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { VersionChangedError } from '../errors';
import type { DiskTier } from './disk-tier';
import type { MemoryTier, TierStats } from './memory-tier';
import { pageCountOf, pageHashOf, pageKeyOf, pageLengthOf, pageSpanOf, sliceOfPage, type ObjectRef } from './page-math';

const MiB = 1024 * 1024;

/** Where missing pages come from: the bytes [offset, offset+length) of one object version, in any chunking. */
export interface PageSource {
  /** Fails with VersionChangedError if the object is no longer `ref.version`, S3Error NoSuchKey if it is gone. */
  read(ref: ObjectRef, offset: number, length: number): AsyncIterable<Buffer>;
}

/**
 * One piece of a read, in order. Memory and freshly fetched pages are buffers (`data` is exactly the bytes to send);
 * a disk page is an open file and a byte range in it, valid until the consumer asks for the next piece.
 */
export type PageSlice =
  | { tier: 'memory' | 'ufs'; data: Buffer }
  | { tier: 'disk'; file: FileHandle; start: number; end: number };

/** A tier's own counters plus its misses: lookups it could not answer (memory: then tried on disk; disk: then fetched). */
export type TierStatsWithMisses = TierStats & { misses: number };

export interface PageStoreStats {
  tiers: TierStatsWithMisses[];
  hits: number;
  misses: number;
  bytesFromUfs: number;
  bytesServed: number;
  shortCircuitHits: number;
  pagesLoaded: number;
  pagesFreed: number;
}

/** What one `load` did: pages it read from the source, pages that were cached already (or joined in flight). */
export interface LoadResult {
  pagesLoaded: number;
  pagesCached: number;
  bytesFromUfs: number;
}

export interface PageStoreOptions {
  pageSizeBytes: number;
  memory: MemoryTier;
  disk: DiskTier;
  source: PageSource;
  /** Longest run of consecutive missing pages fetched by one UFS read; bounds what one cold read buffers. */
  maxRunBytes?: number;
  /** Disk hits of objects up to this size are copied into memory: small hot objects are answered from RAM. */
  promoteMaxObjectBytes?: number;
  /** Runs of pages `load` fetches at once, across every load (default 2): bounds what prefetching holds in memory. */
  loadConcurrency?: number;
}

interface Deferred {
  key: string;
  promise: Promise<Buffer>;
  resolve(page: Buffer): void;
  reject(err: unknown): void;
}

function deferred(key: string): Deferred {
  let resolve!: (page: Buffer) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<Buffer>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // waiters may all have gone; the error is theirs, never unhandled
  return { key, promise, resolve, reject };
}

/**
 * The read path of a worker: memory tier, then disk tier, then the page source. Concurrent misses on a page share
 * one fetch (a Map of in-flight pages), and consecutive missing pages of one read are fetched by one source read.
 */
export class PageStore {
  readonly pageSizeBytes: number;
  private readonly memory: MemoryTier;
  private readonly disk: DiskTier;
  private readonly source: PageSource;
  private readonly maxRunPages: number;
  private readonly promoteMaxObjectBytes: number;
  private readonly inflight = new Map<string, Promise<Buffer>>();
  /** Pages the memory tier gave up while the disk queue still holds them: hash -> bytes reserved in the memory tier. */
  private readonly queuedOnly = new Map<string, number>();
  private hits = 0;
  private misses = 0;
  private bytesFromUfs = 0;
  private bytesServed = 0;
  private shortCircuitHits = 0;
  private memoryMisses = 0;
  private diskMisses = 0;
  private pagesLoaded = 0;
  private pagesFreed = 0;
  /** Freed pages still in the disk write queue: removed from disk as soon as their write lands. */
  private readonly freeWhenWritten = new Set<string>();
  /** Waiting for any page to leave the disk write queue (loads waiting for their writes, or for room). */
  private dequeueWaiters: Array<() => void> = [];
  private readonly loadSlots: number;
  private loadsRunning = 0;
  private readonly loadQueue: Array<() => void> = [];

  constructor(options: PageStoreOptions) {
    if (!(options.pageSizeBytes > 0)) throw new Error('cache.pageSize must be positive');
    this.pageSizeBytes = options.pageSizeBytes;
    this.memory = options.memory;
    this.disk = options.disk;
    this.source = options.source;
    this.maxRunPages = Math.max(1, Math.floor((options.maxRunBytes ?? 16 * MiB) / options.pageSizeBytes));
    this.promoteMaxObjectBytes = options.promoteMaxObjectBytes ?? 4 * MiB;
    this.loadSlots = Math.max(1, options.loadConcurrency ?? 2);
    // One budget for page buffers: a page evicted from memory but still waiting to be written to disk keeps counting
    // against the memory tier's capacity until it is written, so memory tier + write queue <= cache.memory.capacity.
    if (this.memory.capacityBytes > 0) {
      this.memory.onRemove = (key, page) => {
        const hash = pageHashOf(key);
        if (!this.disk.isQueued(hash) || this.queuedOnly.has(hash)) return;
        this.queuedOnly.set(hash, page.length);
        this.memory.reserve(page.length);
      };
    }
    this.disk.onDequeued = (hash) => {
      const bytes = this.queuedOnly.get(hash);
      if (bytes !== undefined) {
        this.queuedOnly.delete(hash);
        this.memory.release(bytes);
      }
      if (this.freeWhenWritten.delete(hash)) this.removeFromDisk(hash);
      const waiters = this.dequeueWaiters;
      this.dequeueWaiters = [];
      for (const w of waiters) w();
    };
  }

  /**
   * The bytes [offset, offset+length) of the object (length -1 = to the end), page by page.
   *
   * Before the first piece, the first page of the range that is not cached is fetched (with the pages after it), so
   * a changed version or a missing object fails the first `next()`, before a caller has sent a status line or a
   * byte. Only a change during the read itself can still fail later. An offset past the end is InvalidRange.
   */
  async *read(ref: ObjectRef, offset: number, length: number): AsyncGenerator<PageSlice> {
    const span = pageSpanOf(ref.sizeBytes, this.pageSizeBytes, offset, length);
    // Pages this read started fetching: they count as misses even once they sit in memory.
    const ownRun = await this.probe(ref, span.first, span.last);
    for (let index = span.first; index <= span.last; index++) {
      const { start, end } = sliceOfPage(span, index, this.pageSizeBytes);
      const key = pageKeyOf(ref, index);
      const expected = pageLengthOf(index, ref.sizeBytes, this.pageSizeBytes);

      let pending = ownRun.get(index);
      // Pages the probe fetched were never looked up in the tiers below: they miss both.
      if (pending) this.memoryMisses++;
      else {
        const cached = this.memory.get(key);
        if (cached && cached.length === expected) {
          this.memory.hits++;
          this.hits++;
          this.bytesServed += end - start;
          yield { tier: 'memory', data: cached.subarray(start, end) };
          continue;
        }
        this.memoryMisses++;

        const hash = pageHashOf(key);
        const file = await this.openOnDisk(hash, expected);
        if (file && ref.sizeBytes <= this.promoteMaxObjectBytes) {
          const page = await readWhole(file, expected).finally(() => file.close());
          if (page) {
            this.countDiskHit(end - start);
            this.memory.set(key, page);
            yield { tier: 'memory', data: page.subarray(start, end) };
            continue;
          }
          this.disk.remove(hash); // shorter than its size said: not a page we can trust
        } else if (file) {
          this.countDiskHit(end - start);
          try {
            yield { tier: 'disk', file, start, end };
          } finally {
            await file.close();
          }
          continue;
        }
        pending = this.inflight.get(key);
        if (!pending) {
          for (const [i, p] of this.fetchRun(ref, index, span.last)) ownRun.set(i, p);
          pending = ownRun.get(index)!;
        }
      }
      ownRun.delete(index);
      this.diskMisses++;
      this.misses++;
      const page = await pending;
      this.bytesServed += end - start;
      yield { tier: 'ufs', data: page.subarray(start, end) };
    }
  }

  /** Starts (or joins) the fetch of the first uncached page in first..last and waits for that page. */
  private async probe(ref: ObjectRef, first: number, last: number): Promise<Map<number, Promise<Buffer>>> {
    for (let index = first; index <= last; index++) {
      const key = pageKeyOf(ref, index);
      if (this.memory.has(key) || this.disk.has(pageHashOf(key))) continue;
      const joined = this.inflight.get(key);
      if (joined) {
        await joined;
        return new Map();
      }
      const run = this.fetchRun(ref, index, last);
      await run.get(index);
      return run;
    }
    return new Map();
  }

  /**
   * Pages a same-host gateway read straight from the disk tier (short-circuit): they count as disk hits and move to
   * the recent end of the disk LRU, as if this worker had served them. Unknown hashes (already evicted) are ignored.
   */
  recordShortCircuit(pageHashes: readonly string[], bytes: number): void {
    for (const hash of pageHashes) {
      if (this.disk.touch(hash) === undefined) continue;
      this.disk.hits++;
      this.hits++;
      this.shortCircuitHits++;
    }
    this.bytesServed += bytes;
  }

  stats(): PageStoreStats {
    return {
      tiers: [
        { ...this.memory.stats(), misses: this.memoryMisses },
        { ...this.disk.stats(), misses: this.diskMisses },
      ],
      shortCircuitHits: this.shortCircuitHits,
      hits: this.hits,
      misses: this.misses,
      bytesFromUfs: this.bytesFromUfs,
      bytesServed: this.bytesServed,
      pagesLoaded: this.pagesLoaded,
      pagesFreed: this.pagesFreed,
    };
  }

  /**
   * Prefetch: the pages whose first byte lies in [offset, end) (end = offset+length, or the object's end when
   * length is -1) read through into the cache, as a miss would read them, without counting hits or misses.
   *
   * Run by run: a run of missing pages (at most maxRunBytes) is fetched through the same in-flight map as reads (a
   * page another read is fetching is joined, not fetched twice), and the next run starts only once this one's pages
   * are written to the disk tier. At most `loadConcurrency` runs are fetched at once across all loads; the others
   * wait. So prefetching any amount holds a bounded number of page buffers and never floods the write queue.
   * Fails like a read: VersionChangedError, S3Error NoSuchKey.
   */
  async load(ref: ObjectRef, offset = 0, length = -1): Promise<LoadResult> {
    const P = this.pageSizeBytes;
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < -1) {
      throw new S3Error('InvalidArgument', `bad load range: offset ${offset}, length ${length}`);
    }
    const end = length === -1 ? ref.sizeBytes : Math.min(ref.sizeBytes, offset + length);
    const first = Math.ceil(offset / P);
    const last = Math.ceil(end / P) - 1;
    const result: LoadResult = { pagesLoaded: 0, pagesCached: 0, bytesFromUfs: 0 };
    let index = first;
    while (index <= last) {
      const key = pageKeyOf(ref, index);
      const hash = pageHashOf(key);
      const inMemory = this.memory.has(key);
      if (inMemory || this.disk.has(hash)) {
        // Cached; a page only in memory (its disk write skipped) is written now, so the prefetch survives eviction.
        if (inMemory && !this.disk.has(hash) && !this.disk.isQueued(hash)) {
          const page = this.memory.get(key);
          if (page) await this.persist(hash, page);
        }
        result.pagesCached++;
        index++;
        continue;
      }
      const joined = this.inflight.get(key);
      if (joined) {
        await this.persist(hash, await joined);
        result.pagesCached++;
        index++;
        continue;
      }
      await this.loadSlot();
      try {
        // Checked again: the wait for a slot may have let another load or a read take this page.
        if (this.memory.has(key) || this.disk.has(hash) || this.inflight.has(key)) continue;
        const run = this.fetchRun(ref, index, last);
        for (const [i, pending] of run) {
          const page = await pending;
          this.pagesLoaded++;
          result.pagesLoaded++;
          result.bytesFromUfs += page.length;
          await this.persist(pageHashOf(pageKeyOf(ref, i)), page);
          index = i + 1;
        }
      } finally {
        this.releaseLoadSlot();
      }
    }
    return result;
  }

  /**
   * Drops every page of the object version from both tiers; the number of pages that were cached. A page file is
   * deleted before this resolves (a same-host gateway reading page files directly no longer finds it); a page still
   * in the disk write queue is removed once its write lands. A fetch in flight at this moment still lands after it.
   */
  async free(ref: ObjectRef): Promise<number> {
    const count = pageCountOf(ref.sizeBytes, this.pageSizeBytes);
    const deletions: Promise<void>[] = [];
    let freed = 0;
    for (let index = 0; index < count; index++) {
      const key = pageKeyOf(ref, index);
      const hash = pageHashOf(key);
      let found = false;
      if (this.memory.has(key)) {
        this.memory.delete(key);
        found = true;
      }
      if (this.disk.isQueued(hash)) {
        this.freeWhenWritten.add(hash);
        found = true;
      }
      if (this.disk.has(hash)) {
        deletions.push(this.removeFromDisk(hash));
        found = true;
      }
      if (found) freed++;
    }
    await Promise.all(deletions);
    this.pagesFreed += freed;
    return freed;
  }

  /** Waits for the disk tier's write-behind queue (tests, shutdown). */
  flush(): Promise<void> {
    return this.disk.flush();
  }

  /** Forgets the page on disk and resolves once its file is gone (the tier's own unlink is not awaited). */
  private removeFromDisk(hash: string): Promise<void> {
    this.disk.remove(hash);
    // Our own unlink, awaited: either it deletes the file or it finds it already deleted; it is gone either way.
    return unlink(this.disk.pathOf(hash)).catch(() => undefined);
  }

  /**
   * Waits until a loaded page is on disk (or the disk tier gave up on it): queued pages are waited for, a page the
   * full queue refused is queued again as soon as another page leaves the queue. A tier that is off, or a page that
   * cannot fit it, leaves the page in memory only.
   */
  private async persist(hash: string, page: Buffer): Promise<void> {
    if (!this.disk.enabled || page.length > this.disk.capacityBytes) return;
    let writes = 0;
    let refusals = 0;
    while (!this.disk.has(hash)) {
      if (!this.disk.isQueued(hash)) {
        if (writes >= 2) return; // written twice and still not there (write errors): memory only
        if (this.disk.enqueueWrite(hash, page)) writes++;
        else if (this.disk.has(hash)) return;
        else if (++refusals > 120) return; // the queue stayed full for a minute: memory only
      }
      // Woken when any page leaves the queue; rechecked every 500 ms in any case.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        this.dequeueWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async loadSlot(): Promise<void> {
    if (this.loadsRunning < this.loadSlots) {
      this.loadsRunning++;
      return;
    }
    await new Promise<void>((resolve) => this.loadQueue.push(resolve));
  }

  private releaseLoadSlot(): void {
    const next = this.loadQueue.shift();
    if (next) next();
    else this.loadsRunning--;
  }

  private countDiskHit(bytes: number): void {
    this.disk.hits++;
    this.hits++;
    this.bytesServed += bytes;
  }

  /** An open page file of the expected length, or undefined (a missing or wrong file is forgotten). */
  private async openOnDisk(hash: string, expected: number): Promise<FileHandle | undefined> {
    const size = this.disk.touch(hash);
    if (size === undefined) return undefined;
    if (size !== expected) {
      this.disk.remove(hash);
      return undefined;
    }
    try {
      return await open(this.disk.pathOf(hash), 'r');
    } catch {
      this.disk.remove(hash); // evicted or deleted under us
      return undefined;
    }
  }

  /**
   * Starts one source read for page `first` and the missing pages right after it (up to `last` and the run limit),
   * registers every page of the run as in flight, and returns their promises by page index.
   */
  private fetchRun(ref: ObjectRef, first: number, last: number): Map<number, Promise<Buffer>> {
    let runLast = first;
    while (runLast < last && runLast - first + 1 < this.maxRunPages) {
      const next = pageKeyOf(ref, runLast + 1);
      if (this.memory.has(next) || this.inflight.has(next) || this.disk.has(pageHashOf(next))) break;
      runLast++;
    }
    const pages: Deferred[] = [];
    const byIndex = new Map<number, Promise<Buffer>>();
    for (let i = first; i <= runLast; i++) {
      const d = deferred(pageKeyOf(ref, i));
      this.inflight.set(d.key, d.promise);
      pages.push(d);
      byIndex.set(i, d.promise);
    }
    void this.fill(ref, first, pages);
    return byIndex;
  }

  /** Streams the run from the source and cuts it into pages as the bytes arrive; never throws. */
  private async fill(ref: ObjectRef, first: number, pages: Deferred[]): Promise<void> {
    const P = this.pageSizeBytes;
    const offset = first * P;
    const length = Math.min(ref.sizeBytes, (first + pages.length) * P) - offset;
    let done = 0;
    let page: Buffer | undefined;
    let filled = 0;
    try {
      for await (const chunk of this.source.read(ref, offset, length)) {
        let pos = 0;
        while (pos < chunk.length) {
          if (done === pages.length) throw new VersionChangedError('the object is longer than its recorded size');
          const want = pageLengthOf(first + done, ref.sizeBytes, P);
          if (filled === 0 && pos === 0 && chunk.length === want) {
            page = chunk; // the usual case (UFS chunks are page-sized): no copy
            filled = want;
            pos = want;
          } else {
            page ??= Buffer.allocUnsafeSlow(want);
            const n = chunk.copy(page, filled, pos, pos + Math.min(want - filled, chunk.length - pos));
            filled += n;
            pos += n;
          }
          if (filled === want) {
            this.complete(pages[done], page!);
            done++;
            page = undefined;
            filled = 0;
          }
        }
      }
      if (done < pages.length) throw new VersionChangedError('the object is shorter than its recorded size');
    } catch (err) {
      for (const d of pages.slice(done)) {
        this.inflight.delete(d.key);
        d.reject(err);
      }
    }
  }

  private complete(d: Deferred, page: Buffer): void {
    this.bytesFromUfs += page.length;
    // Queued first: if the memory tier gives the page up at once (its budget taken by queued pages), it is counted.
    this.disk.enqueueWrite(pageHashOf(d.key), page);
    this.memory.set(d.key, page);
    this.inflight.delete(d.key);
    d.resolve(page);
  }
}

/** The whole page file, or undefined if it is shorter than expected. */
async function readWhole(file: FileHandle, length: number): Promise<Buffer | undefined> {
  const page = Buffer.allocUnsafeSlow(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(page, filled, length - filled, filled);
    if (bytesRead === 0) return undefined;
    filled += bytesRead;
  }
  return page;
}
