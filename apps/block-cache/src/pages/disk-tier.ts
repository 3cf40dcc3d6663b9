import { mkdir, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pageFileOf, pagesDirOf } from '../../../../libs/block-cache-client/src/page-math';
import { evictionIndexOf, type EvictionIndex, type EvictionPolicy, type LfuOptions } from './eviction';
import type { TierStats } from './memory-tier';

const MiB = 1024 * 1024;

export interface DiskTierOptions {
  /** The tier's directory: `pages/<2 hex>/<sha256 of the page key>` plus `tmp/` for writes in progress. */
  dir: string;
  /** 0 disables the tier. */
  capacityBytes: number;
  /** Bytes of pages waiting to be written; a page that would exceed it is not written (memory must not grow). */
  writeQueueBytes?: number;
  /** Page files written at once. */
  writeConcurrency?: number;
  /** `cache.eviction`: which page goes first when the tier is full (default lru). */
  eviction?: EvictionPolicy;
  /** LFU aging (tests). */
  lfu?: LfuOptions;
}

/**
 * Pages as files, evicted by bytes in `cache.eviction` order. The index maps page hash to size in eviction order
 * (eviction.ts: LRU, or LFU with aging), so it costs one short string and one number per page (plus a bucket
 * pointer under LFU). A file is written under `tmp/` and renamed into place, so a page file is always whole; at
 * start the index is rebuilt by scanning `pages/`, oldest modification first. Use counts are not persisted: after a
 * restart every page starts at one use (LFU then evicts in write order, as LRU does), and earns its count again.
 */
export class DiskTier {
  private readonly index: EvictionIndex<number>;
  private readonly queue: Array<{ hash: string; page: Buffer }> = [];
  private readonly queued = new Set<string>();
  private queuedBytes = 0;
  private writing = 0;
  private idleWaiters: Array<() => void> = [];
  private tmpCounter = 0;
  private usedBytes = 0;
  hits = 0;
  evictions = 0;
  /** Pages not written because the queue was full. */
  writesSkipped = 0;
  /** Page writes that failed (disk full, directory removed, ...): the page simply is not on disk. */
  writeErrors = 0;
  /** Called when a queued page leaves the queue (written, failed); its buffer is no longer held here. */
  onDequeued?: (hash: string, page: Buffer) => void;

  readonly capacityBytes: number;
  private readonly dir: string;
  private readonly pagesDir: string;
  private readonly tmpDir: string;
  private readonly writeQueueBytes: number;
  private readonly writeConcurrency: number;

  constructor(options: DiskTierOptions) {
    this.capacityBytes = options.capacityBytes;
    this.dir = options.dir;
    this.pagesDir = pagesDirOf(options.dir);
    this.tmpDir = join(options.dir, 'tmp');
    this.writeQueueBytes = options.writeQueueBytes ?? 64 * MiB;
    this.writeConcurrency = options.writeConcurrency ?? 2;
    this.index = evictionIndexOf<number>(options.eviction ?? 'lru', options.lfu);
  }

  get enabled(): boolean {
    return this.capacityBytes > 0;
  }

  /** Creates the layout, drops unfinished writes and rebuilds the index from the page files already there. */
  async open(): Promise<void> {
    if (!this.enabled) return;
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    const found: Array<{ hash: string; size: number; mtimeMs: number }> = [];
    const subdirs = Array.from({ length: 256 }, (_, i) => join(this.pagesDir, i.toString(16).padStart(2, '0')));
    await Promise.all(
      subdirs.map(async (sub) => {
        await mkdir(sub, { recursive: true });
        for (const name of await readdir(sub)) {
          if (!/^[0-9a-f]{64}$/.test(name)) continue;
          const s = await stat(join(sub, name)).catch(() => undefined);
          if (s?.isFile()) found.push({ hash: name, size: s.size, mtimeMs: s.mtimeMs });
        }
      }),
    );
    found.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const f of found) {
      this.index.set(f.hash, f.size);
      this.usedBytes += f.size;
    }
    this.evictUntilFits(0); // the capacity may have shrunk since the last run
  }

  has(hash: string): boolean {
    return this.index.has(hash);
  }

  /** Whether the page waits in the write-behind queue (or is being written): its buffer is held until then. */
  isQueued(hash: string): boolean {
    return this.queued.has(hash);
  }

  /** The page's size if it is on disk, counted as a use (LRU: made most recent; LFU: one more hit). */
  touch(hash: string): number | undefined {
    return this.index.use(hash);
  }

  pathOf(hash: string): string {
    return pageFileOf(this.dir, hash);
  }

  /** Forgets a page whose file turned out missing or wrong, and deletes the file. */
  remove(hash: string): void {
    const size = this.index.delete(hash);
    if (size === undefined) return;
    this.usedBytes -= size;
    unlink(this.pathOf(hash)).catch(() => undefined);
  }

  /** Queues a write-behind of the page; false when it was skipped (tier off, already there, or queue full). */
  enqueueWrite(hash: string, page: Buffer): boolean {
    if (!this.enabled || page.length > this.capacityBytes || this.index.has(hash) || this.queued.has(hash)) return false;
    if (this.queuedBytes + page.length > this.writeQueueBytes) {
      this.writesSkipped++;
      return false;
    }
    this.queue.push({ hash, page });
    this.queued.add(hash);
    this.queuedBytes += page.length;
    this.pump();
    return true;
  }

  /** Resolves once every queued write has landed (tests, shutdown). */
  flush(): Promise<void> {
    if (this.queue.length === 0 && this.writing === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stats(): TierStats {
    return {
      tier: 'disk',
      capacityBytes: this.capacityBytes,
      usedBytes: this.usedBytes,
      pages: this.index.size,
      hits: this.hits,
      evictions: this.evictions,
    };
  }

  private pump(): void {
    while (this.writing < this.writeConcurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.writing++;
      this.write(job.hash, job.page)
        .catch(() => {
          this.writeErrors++;
        })
        .finally(() => {
          this.writing--;
          this.queued.delete(job.hash);
          this.queuedBytes -= job.page.length;
          this.onDequeued?.(job.hash, job.page);
          this.pump();
          if (this.queue.length === 0 && this.writing === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const w of waiters) w();
          }
        });
    }
  }

  private async write(hash: string, page: Buffer): Promise<void> {
    const tmp = join(this.tmpDir, `${hash}.${process.pid}.${this.tmpCounter++}`);
    let reserved = false;
    try {
      await writeFile(tmp, page);
      // Reserve the bytes before the rename, so concurrent writers never overshoot the capacity together.
      this.evictUntilFits(page.length);
      this.usedBytes += page.length;
      reserved = true;
      await rename(tmp, this.pathOf(hash));
    } catch (err) {
      if (reserved) this.usedBytes -= page.length;
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    this.index.set(hash, page.length);
  }

  /** Drops pages in eviction order until `incoming` more bytes fit. Open readers keep their file until they close. */
  private evictUntilFits(incoming: number): void {
    while (this.index.size > 0 && this.usedBytes + incoming > this.capacityBytes) {
      const [hash, size] = this.index.pop()!;
      this.usedBytes -= size;
      this.evictions++;
      unlink(this.pathOf(hash)).catch(() => undefined);
    }
  }
}
