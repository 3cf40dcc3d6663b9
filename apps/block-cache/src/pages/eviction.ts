/** `cache.eviction`: which page a full tier gives up first. */
export type EvictionPolicy = 'lru' | 'lfu';

/**
 * The pages of one tier in eviction order, each with a value (the page, or its size). The tiers keep the byte
 * accounting and decide how much to evict; the index only decides *which* page goes next. Every operation is O(1)
 * (LFU's aging is O(n) once every ~10n uses: amortised O(1)).
 */
export interface EvictionIndex<V> {
  readonly size: number;
  /** Whether the key is held; not a use. */
  has(key: string): boolean;
  /** The value, not counted as a use. */
  peek(key: string): V | undefined;
  /** The value, counted as a use (LRU: now the most recent; LFU: one more hit). */
  use(key: string): V | undefined;
  /** Adds the key (its first use) or replaces its value (counted as a use). */
  set(key: string, value: V): void;
  delete(key: string): V | undefined;
  /** Removes and returns the entry to evict next, or undefined when empty. */
  pop(): [key: string, value: V] | undefined;
}

export interface LfuOptions {
  /**
   * Uses (hits and inserts) between two agings, given the number of entries; default max(64, 10 x entries), as
   * Caffeine's TinyLFU resets its sketch every 10 x maximum size.
   */
  agingPeriod?: (entries: number) => number;
}

export function evictionIndexOf<V>(policy: EvictionPolicy, options: LfuOptions = {}): EvictionIndex<V> {
  return policy === 'lfu' ? new LfuIndex<V>(options) : new LruIndex<V>();
}

/** Least recently used first: a Map whose insertion order is the recency order (a use re-inserts). */
export class LruIndex<V> implements EvictionIndex<V> {
  private readonly map = new Map<string, V>();

  get size(): number {
    return this.map.size;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  peek(key: string): V | undefined {
    return this.map.get(key);
  }

  use(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
  }

  delete(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) this.map.delete(key);
    return value;
  }

  pop(): [string, V] | undefined {
    for (const entry of this.map) {
      this.map.delete(entry[0]);
      return entry;
    }
    return undefined;
  }
}

/** One frequency: the keys used exactly `freq` times (since the last aging), least recently used first. */
interface Bucket {
  freq: number;
  keys: Set<string>;
  prev: Bucket | undefined;
  next: Bucket | undefined;
}

interface LfuEntry<V> {
  value: V;
  bucket: Bucket;
}

/**
 * Least frequently used first, ties broken least recently used first: the O(1) LFU of Shah, Mitra and Matani (2010)
 * — a list of frequency buckets in increasing order, each a Set in recency order, so a use moves a key to the next
 * bucket and the victim is the first key of the first bucket.
 *
 * Plain LFU lets a page that was hot once stay forever (its count only grows) and keeps new pages out once the
 * tier is full of such pages. So counts age: every `agingPeriod` uses (hits *and* inserts, so a stream of misses
 * ages the counts too) every count is halved, keeping at least 1 — the reset of TinyLFU. A page last hit C times
 * is back to the count of a new page after about log2(C) periods without hits, and then goes like any cold page.
 * Pages halved into the same count keep their order: the one with the lower count before aging goes first.
 *
 * A new key enters with count 1 after the tier made room for it (the tiers evict before they insert), so a scan of
 * pages read once replaces other pages read once and leaves the pages hit since alone.
 */
export class LfuIndex<V> implements EvictionIndex<V> {
  private readonly entries = new Map<string, LfuEntry<V>>();
  private head: Bucket | undefined;
  private uses = 0;
  private readonly agingPeriod: (entries: number) => number;
  /** Agings so far (tests, diagnostics). */
  agings = 0;

  constructor(options: LfuOptions = {}) {
    this.agingPeriod = options.agingPeriod ?? ((n) => Math.max(64, 10 * n));
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** The key's count since the last aging (tests, diagnostics); 0 when absent. */
  frequencyOf(key: string): number {
    return this.entries.get(key)?.bucket.freq ?? 0;
  }

  use(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.promote(key, entry);
    this.tick();
    return entry.value;
  }

  set(key: string, value: V): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.value = value;
      this.promote(key, entry);
    } else {
      let first = this.head;
      if (!first || first.freq !== 1) first = this.insertBucket(1, undefined, first);
      first.keys.add(key);
      this.entries.set(key, { value, bucket: first });
    }
    this.tick();
  }

  delete(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.unlinkKey(key, entry.bucket);
    return entry.value;
  }

  pop(): [string, V] | undefined {
    const bucket = this.head;
    if (!bucket) return undefined;
    const key = bucket.keys.values().next().value as string;
    const entry = this.entries.get(key)!;
    this.entries.delete(key);
    this.unlinkKey(key, bucket);
    return [key, entry.value];
  }

  /** Moves the key from its bucket to the bucket of one more use (created right after it if missing). */
  private promote(key: string, entry: LfuEntry<V>): void {
    const from = entry.bucket;
    let to = from.next;
    if (!to || to.freq !== from.freq + 1) to = this.insertBucket(from.freq + 1, from, to);
    to.keys.add(key);
    entry.bucket = to;
    this.unlinkKey(key, from);
  }

  private insertBucket(freq: number, prev: Bucket | undefined, next: Bucket | undefined): Bucket {
    const bucket: Bucket = { freq, keys: new Set(), prev, next };
    if (prev) prev.next = bucket;
    else this.head = bucket;
    if (next) next.prev = bucket;
    return bucket;
  }

  private unlinkKey(key: string, bucket: Bucket): void {
    bucket.keys.delete(key);
    if (bucket.keys.size > 0) return;
    if (bucket.prev) bucket.prev.next = bucket.next;
    else this.head = bucket.next;
    if (bucket.next) bucket.next.prev = bucket.prev;
  }

  private tick(): void {
    if (++this.uses < this.agingPeriod(this.entries.size)) return;
    this.uses = 0;
    this.age();
  }

  /** Halves every count (at least 1), rebuilding the buckets; lower old counts first within a new bucket. */
  private age(): void {
    this.agings++;
    const old = this.head;
    this.head = undefined;
    let tail: Bucket | undefined;
    for (let b = old; b; b = b.next) {
      const freq = Math.max(1, b.freq >> 1);
      // Old buckets are visited in increasing count, so the new count is never below the tail's.
      if (!tail || tail.freq !== freq) tail = this.insertBucket(freq, tail, undefined);
      for (const key of b.keys) {
        tail.keys.add(key);
        this.entries.get(key)!.bucket = tail;
      }
    }
  }
}
