import { LRUCache } from 'lru-cache';

export interface TierStats {
  tier: 'memory' | 'disk';
  capacityBytes: number;
  usedBytes: number;
  pages: number;
  hits: number;
  evictions: number;
}

/**
 * Pages held in RAM, LRU by bytes. Capacity 0 disables the tier.
 *
 * The capacity is a budget for page bytes the process holds, not only for the pages in the LRU: bytes `reserve`d by
 * others (pages evicted from here that the disk tier's write queue still holds) count against it, and the LRU gives up
 * its least recently used pages to make room for them. So memory tier + write-behind queue stay within the capacity.
 */
export class MemoryTier {
  private readonly lru: LRUCache<string, Buffer> | undefined;
  private reservedBytes = 0;
  /** Inside an lru-cache call (its dispose may reserve): fit() runs after it, not inside it. */
  private busy = false;
  hits = 0;
  evictions = 0;
  /** Called with every page the LRU gives up (evicted for room, or deleted); may `reserve` its bytes. */
  onRemove?: (key: string, page: Buffer) => void;

  constructor(readonly capacityBytes: number) {
    this.lru =
      capacityBytes > 0
        ? new LRUCache<string, Buffer>({
            maxSize: capacityBytes,
            sizeCalculation: (page) => Math.max(1, page.length),
            dispose: (page, key, reason) => {
              if (reason === 'evict') this.evictions++;
              if (reason === 'evict' || reason === 'delete') this.onRemove?.(key, page);
            },
          })
        : undefined;
  }

  /** The page, made most recently used. */
  get(key: string): Buffer | undefined {
    return this.lru?.get(key);
  }

  has(key: string): boolean {
    return this.lru?.has(key) ?? false;
  }

  /**
   * Pages larger than the whole tier are not kept (lru-cache refuses them). A page is kept as its own allocation:
   * one that is a small view of a much larger buffer (a slice of a bigger network message) is copied first, so the
   * bytes the tier counts are the bytes it keeps alive.
   */
  set(key: string, page: Buffer): void {
    if (!this.lru) return;
    if (page.buffer.byteLength - page.length > Math.max(4096, page.length >> 4)) page = Buffer.from(page);
    this.busy = true;
    try {
      this.lru.set(key, page);
    } finally {
      this.busy = false;
    }
    this.fit();
  }

  delete(key: string): void {
    if (!this.lru) return;
    this.busy = true;
    try {
      this.lru.delete(key);
    } finally {
      this.busy = false;
    }
    this.fit();
  }

  /** `bytes` held elsewhere now count against the capacity: least recently used pages go until they fit. */
  reserve(bytes: number): void {
    if (!this.lru) return;
    this.reservedBytes += bytes;
    if (!this.busy) this.fit();
  }

  /** Gives back bytes taken by `reserve`. */
  release(bytes: number): void {
    this.reservedBytes = Math.max(0, this.reservedBytes - bytes);
  }

  private fit(): void {
    // pop() evicts (dispose runs, and may reserve more); the loop ends when the LRU is empty at the latest.
    this.busy = true;
    try {
      while (this.lru!.size > 0 && this.lru!.calculatedSize + this.reservedBytes > this.capacityBytes) this.lru!.pop();
    } finally {
      this.busy = false;
    }
  }

  stats(): TierStats {
    return {
      tier: 'memory',
      capacityBytes: this.capacityBytes,
      usedBytes: this.lru?.calculatedSize ?? 0,
      pages: this.lru?.size ?? 0,
      hits: this.hits,
      evictions: this.evictions,
    };
  }
}
