import { LRUCache } from 'lru-cache';

export interface TierStats {
  tier: 'memory' | 'disk';
  capacityBytes: number;
  usedBytes: number;
  pages: number;
  hits: number;
  evictions: number;
}

/** Pages held in RAM, LRU by bytes. Capacity 0 disables the tier. */
export class MemoryTier {
  private readonly lru: LRUCache<string, Buffer> | undefined;
  hits = 0;
  evictions = 0;

  constructor(readonly capacityBytes: number) {
    this.lru =
      capacityBytes > 0
        ? new LRUCache<string, Buffer>({
            maxSize: capacityBytes,
            sizeCalculation: (page) => Math.max(1, page.length),
            dispose: (_page, _key, reason) => {
              if (reason === 'evict') this.evictions++;
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

  /** Pages larger than the whole tier are not kept (lru-cache refuses them). */
  set(key: string, page: Buffer): void {
    this.lru?.set(key, page);
  }

  delete(key: string): void {
    this.lru?.delete(key);
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
