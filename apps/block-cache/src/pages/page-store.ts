import { open, type FileHandle } from 'node:fs/promises';
import { VersionChangedError } from '../errors';
import type { DiskTier } from './disk-tier';
import type { MemoryTier, TierStats } from './memory-tier';
import { pageHashOf, pageKeyOf, pageLengthOf, pageSpanOf, sliceOfPage, type ObjectRef } from './page-math';

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

export interface PageStoreStats {
  tiers: TierStats[];
  hits: number;
  misses: number;
  bytesFromUfs: number;
  bytesServed: number;
  shortCircuitHits: number;
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

  constructor(options: PageStoreOptions) {
    if (!(options.pageSizeBytes > 0)) throw new Error('cache.pageSize must be positive');
    this.pageSizeBytes = options.pageSizeBytes;
    this.memory = options.memory;
    this.disk = options.disk;
    this.source = options.source;
    this.maxRunPages = Math.max(1, Math.floor((options.maxRunBytes ?? 16 * MiB) / options.pageSizeBytes));
    this.promoteMaxObjectBytes = options.promoteMaxObjectBytes ?? 4 * MiB;
    // One budget for page buffers: a page evicted from memory but still waiting to be written to disk keeps counting
    // against the memory tier's capacity until it is written, so memory tier + write queue <= cache.memory.capacity.
    if (this.memory.capacityBytes > 0) {
      this.memory.onRemove = (key, page) => {
        const hash = pageHashOf(key);
        if (!this.disk.isQueued(hash) || this.queuedOnly.has(hash)) return;
        this.queuedOnly.set(hash, page.length);
        this.memory.reserve(page.length);
      };
      this.disk.onDequeued = (hash) => {
        const bytes = this.queuedOnly.get(hash);
        if (bytes === undefined) return;
        this.queuedOnly.delete(hash);
        this.memory.release(bytes);
      };
    }
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
      if (!pending) {
        const cached = this.memory.get(key);
        if (cached && cached.length === expected) {
          this.memory.hits++;
          this.hits++;
          this.bytesServed += end - start;
          yield { tier: 'memory', data: cached.subarray(start, end) };
          continue;
        }

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
      tiers: [this.memory.stats(), this.disk.stats()],
      shortCircuitHits: this.shortCircuitHits,
      hits: this.hits,
      misses: this.misses,
      bytesFromUfs: this.bytesFromUfs,
      bytesServed: this.bytesServed,
    };
  }

  /** Waits for the disk tier's write-behind queue (tests, shutdown). */
  flush(): Promise<void> {
    return this.disk.flush();
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
