import { open, unlink, type FileHandle } from 'node:fs/promises';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { VersionChangedError } from '../errors';
import type { DiskTier } from './disk-tier';
import type { MemoryTier, TierStats } from './memory-tier';
import { pageCountOf, pageHashOf, pageKeyOf, pageLengthOf, pageSpanOf, sliceOfPage, type ObjectRef, type PageSpan } from '../../../../libs/block-cache-client/src/page-math';

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
  /** Longest run of consecutive missing pages fetched by one UFS read (default 16 MiB). */
  maxRunBytes?: number;
  /**
   * Read-ahead of a read longer than one run (default 2 x maxRunBytes; 0 = off): its next run is fetched before the
   * reader reaches it (when half a run of its bytes is still to come), so the first-byte latency of each run hides
   * behind the transfer of the one before. At most this many bytes from the page being served are read ahead: it
   * bounds the pages one read has started but not yet taken.
   */
  readAheadBytes?: number;
  /**
   * Pages read-ahead started and their reads have not taken yet, across all reads (default 2 x readAheadBytes): a
   * read finding it spent fetches its next run when it gets there, as without read-ahead. Bounds what many long
   * cold reads with slow consumers hold.
   */
  readAheadTotalBytes?: number;
  /** Disk hits of objects up to this size are copied into memory: small hot objects are answered from RAM. */
  promoteMaxObjectBytes?: number;
  /** Runs of pages `load` fetches at once, across every load (default 2): bounds what prefetching holds in memory. */
  loadConcurrency?: number;
}

/** The read-ahead state of one read (pages [first..last] of `ref`). */
interface ReadAhead {
  ref: ObjectRef;
  last: number;
  /** The read's own fetches by page index: pages it started and has not taken. */
  own: Map<number, Promise<Buffer>>;
  /** The first page read-ahead has not looked at yet. */
  next: number;
  /** The page the read serves now. */
  index: number;
  /** Pages read ahead and not taken yet (counted in readAheadHeld). */
  held: Set<number>;
  /** Pages of the read's own runs that have not arrived yet. */
  inTransit: number;
  /** Read-ahead may start runs: from the read's second piece until it ends. */
  open: boolean;
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
  /** Pages [i, i + readAheadPages) may be in flight while a long read serves page i; 0 = no read-ahead. */
  private readonly readAheadPages: number;
  private readonly readAheadTotalPages: number;
  /** A long read starts its next run once no more than this many of its pages are still to come (half a run). */
  private readonly readAheadLeadPages: number;
  /** Pages read-ahead started that their reads hold and have not taken yet (<= readAheadTotalPages). */
  private readAheadHeld = 0;
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
    const readAheadBytes = options.readAheadBytes ?? 2 * this.maxRunPages * options.pageSizeBytes;
    // At least one whole run ahead, or none: a window shorter than a run would cut the read-ahead into tiny runs.
    this.readAheadPages = readAheadBytes > 0 ? Math.max(this.maxRunPages, Math.floor(readAheadBytes / options.pageSizeBytes)) : 0;
    this.readAheadLeadPages = Math.max(1, Math.floor(this.maxRunPages / 2));
    this.readAheadTotalPages = Math.floor((options.readAheadTotalBytes ?? 2 * this.readAheadPages * options.pageSizeBytes) / options.pageSizeBytes);
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
    // A read longer than one run fetches ahead of itself, once its first page is out (so that page is not slowed).
    let ahead: ReadAhead | undefined;
    if (this.readAheadPages > 0 && span.last - span.first + 1 > this.maxRunPages) {
      ahead = { ref, last: span.last, own: ownRun, next: span.first, index: span.first, held: new Set(), inTransit: 0, open: false };
      this.track(ahead, ownRun);
    }
    try {
      yield* this.serve(ref, span, ownRun, ahead);
    } finally {
      // Pages read ahead that this read will not take (it failed or its consumer left) stay in the tiers, unheld.
      if (ahead) {
        ahead.open = false;
        this.readAheadHeld -= ahead.held.size;
      }
    }
  }

  private async *serve(ref: ObjectRef, span: PageSpan, ownRun: Map<number, Promise<Buffer>>, ahead: ReadAhead | undefined): AsyncGenerator<PageSlice> {
    for (let index = span.first; index <= span.last; index++) {
      // From the second piece on: the first goes out before anything else is started.
      if (ahead && index > span.first) {
        ahead.index = index;
        ahead.open = true;
        this.readAhead(ahead);
      }
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
        // A fetch may have landed the page while we looked on disk (it leaves the in-flight map for the memory tier
        // in one step): joined, as if it were still in flight, rather than fetched again.
        const landed = pending ? undefined : this.memory.get(key);
        if (landed && landed.length === expected) pending = Promise.resolve(landed);
        if (!pending) {
          const run = this.fetchRun(ref, index, span.last);
          for (const [i, p] of run) ownRun.set(i, p);
          if (ahead) this.track(ahead, run);
          pending = ownRun.get(index)!;
        }
      }
      ownRun.delete(index);
      if (ahead?.held.delete(index)) this.readAheadHeld--;
      this.diskMisses++;
      this.misses++;
      const page = await pending;
      this.bytesServed += end - start;
      yield { tier: 'ufs', data: page.subarray(start, end) };
    }
  }

  /**
   * Read-ahead of a long read: starts the next run of missing pages (from `ahead.next` on) once the pages this read
   * still waits for from the source are down to readAheadLeadPages, so the next run's first-byte latency overlaps
   * the end of the current one and the link never idles between runs, while runs mostly follow one another rather
   * than share the link (runs started together end together, and then all wait for the next first byte). Checked as
   * the reader moves and as its pages arrive. A run starts only if it fits whole in [index, index + readAheadPages)
   * (or ends the read) and in what is left of readAheadTotalPages: a read holds at most readAheadPages pages it
   * started and has not taken, all reads together at most readAheadTotalPages read ahead. Cached pages and pages in
   * flight (this read's, or another read's: single flight) are passed over.
   */
  private readAhead(ahead: ReadAhead): void {
    const { ref, last, own } = ahead;
    const limit = ahead.index + this.readAheadPages; // exclusive
    let next = Math.max(ahead.next, ahead.index);
    while (next <= last) {
      const runPages = Math.min(this.maxRunPages, last - next + 1);
      if (next + runPages > limit) break;
      const key = pageKeyOf(ref, next);
      if (own.has(next) || this.inflight.has(key) || this.memory.has(key) || this.disk.has(pageHashOf(key))) {
        next++;
        continue;
      }
      if (ahead.inTransit > this.readAheadLeadPages) break; // enough of this read's bytes still to come
      if (this.readAheadHeld + runPages > this.readAheadTotalPages) break; // spent: tried again later
      const run = this.fetchRun(ref, next, last);
      for (const [i, p] of run) {
        own.set(i, p);
        if (ahead.held.has(i)) continue;
        ahead.held.add(i);
        this.readAheadHeld++;
      }
      this.track(ahead, run);
      next += run.size;
    }
    ahead.next = next;
  }

  /** Counts the run's pages as in transit for the read until each arrives (or fails), re-checking read-ahead then. */
  private track(ahead: ReadAhead, run: Map<number, Promise<Buffer>>): void {
    const arrived = () => {
      ahead.inTransit--;
      if (ahead.open) this.readAhead(ahead);
    };
    for (const p of run.values()) {
      ahead.inTransit++;
      p.then(arrived, arrived);
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
  private async fill(ref: ObjectRef, first: number, pages: Array<Deferred | undefined>): Promise<void> {
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
            this.complete(pages[done]!, page!);
            // The run keeps no page it delivered: a page stays alive only while a reader or a tier holds it.
            pages[done] = undefined;
            done++;
            page = undefined;
            filled = 0;
          }
        }
      }
      if (done < pages.length) throw new VersionChangedError('the object is shorter than its recorded size');
    } catch (err) {
      for (const d of pages.slice(done)) {
        if (!d) continue;
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
