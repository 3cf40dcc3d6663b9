import { evictionIndexOf, type EvictionIndex, type EvictionPolicy, type LfuOptions } from './eviction';

export interface TierStats {
  tier: 'memory' | 'disk';
  capacityBytes: number;
  usedBytes: number;
  pages: number;
  hits: number;
  evictions: number;
}

/** The bytes a page counts for: at least 1, so empty pages still have a cost. */
const sizeOf = (page: Buffer) => Math.max(1, page.length);

/**
 * Pages held in RAM, evicted by bytes in `cache.eviction` order (LRU, or LFU with aging: see eviction.ts). Capacity
 * 0 disables the tier.
 *
 * The capacity is a budget for page bytes the process holds, not only for the pages in the tier: bytes `reserve`d
 * by others (pages evicted from here that the disk tier's write queue still holds) count against it, and the tier
 * gives up pages in eviction order to make room for them. So memory tier + write-behind queue stay within the
 * capacity.
 */
export class MemoryTier {
  private readonly index: EvictionIndex<Buffer> | undefined;
  private usedBytes = 0;
  private reservedBytes = 0;
  /** Inside an eviction (onRemove may reserve): fit() runs after it, not inside it. */
  private busy = false;
  hits = 0;
  evictions = 0;
  /** Called with every page the tier gives up (evicted for room, or deleted); may `reserve` its bytes. */
  onRemove?: (key: string, page: Buffer) => void;

  constructor(
    readonly capacityBytes: number,
    readonly policy: EvictionPolicy = 'lru',
    lfu: LfuOptions = {},
  ) {
    this.index = capacityBytes > 0 ? evictionIndexOf<Buffer>(policy, lfu) : undefined;
  }

  /** The page, counted as a use (LRU: made most recent; LFU: one more hit). */
  get(key: string): Buffer | undefined {
    return this.index?.use(key);
  }

  has(key: string): boolean {
    return this.index?.has(key) ?? false;
  }

  /**
   * Pages larger than the whole tier are not kept (and drop the page they would replace). A page is kept as its own
   * allocation: one that is a small view of a much larger buffer (a slice of a bigger network message) is copied
   * first, so the bytes the tier counts are the bytes it keeps alive. A new page gets its room before it goes in:
   * the pages evicted for it are older (LRU) or less used (LFU) ones, never the page itself.
   */
  set(key: string, page: Buffer): void {
    if (!this.index) return;
    if (page.buffer.byteLength - page.length > Math.max(4096, page.length >> 4)) page = Buffer.from(page);
    const size = sizeOf(page);
    if (size > this.capacityBytes) {
      this.delete(key);
      return;
    }
    const old = this.index.peek(key);
    if (old) {
      this.usedBytes += size - sizeOf(old);
      this.index.set(key, page);
    } else {
      this.busy = true;
      try {
        while (this.index.size > 0 && this.usedBytes + size + this.reservedBytes > this.capacityBytes) this.evictOne();
      } finally {
        this.busy = false;
      }
      this.index.set(key, page);
      this.usedBytes += size;
    }
    this.fit();
  }

  delete(key: string): void {
    if (!this.index) return;
    const page = this.index.delete(key);
    if (!page) return;
    this.usedBytes -= sizeOf(page);
    this.busy = true;
    try {
      this.onRemove?.(key, page);
    } finally {
      this.busy = false;
    }
    this.fit();
  }

  /** `bytes` held elsewhere now count against the capacity: pages go, in eviction order, until they fit. */
  reserve(bytes: number): void {
    if (!this.index) return;
    this.reservedBytes += bytes;
    if (!this.busy) this.fit();
  }

  /** Gives back bytes taken by `reserve`. */
  release(bytes: number): void {
    this.reservedBytes = Math.max(0, this.reservedBytes - bytes);
  }

  private evictOne(): void {
    const [key, page] = this.index!.pop()!;
    this.usedBytes -= sizeOf(page);
    this.evictions++;
    this.onRemove?.(key, page);
  }

  private fit(): void {
    // An eviction may reserve more (onRemove); the loop ends when the tier is empty at the latest.
    this.busy = true;
    try {
      while (this.index!.size > 0 && this.usedBytes + this.reservedBytes > this.capacityBytes) this.evictOne();
    } finally {
      this.busy = false;
    }
  }

  stats(): TierStats {
    return {
      tier: 'memory',
      capacityBytes: this.capacityBytes,
      usedBytes: this.usedBytes,
      pages: this.index?.size ?? 0,
      hits: this.hits,
      evictions: this.evictions,
    };
  }
}
