import { describe, expect, it } from 'vitest';
import type { EvictionPolicy } from './eviction';
import { MemoryTier } from './memory-tier';

const page = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe(MemoryTier.name, () => {
  describe.each<EvictionPolicy>(['lru', 'lfu'])('%s', (policy) => {
    it('keeps pages within its capacity in bytes, whatever their sizes, and counts evictions', () => {
      const tier = new MemoryTier(1000, policy);
      const sizes = [300, 120, 450, 90, 700, 1, 333, 999, 50, 260];
      for (let i = 0; i < 40; i++) {
        tier.set(`p${i}`, page(sizes[i % sizes.length]));
        if (i % 3 === 0) tier.get(`p${i - 1}`);
        const s = tier.stats();
        expect(s.usedBytes).toBeLessThanOrEqual(1000);
      }
      const s = tier.stats();
      let held = 0;
      let pages = 0;
      for (let i = 0; i < 40; i++) {
        if (!tier.has(`p${i}`)) continue;
        pages++;
        held += tier.get(`p${i}`)!.length;
      }
      expect(s).toMatchObject({ tier: 'memory', capacityBytes: 1000, usedBytes: held, pages });
      expect(s.evictions).toBe(40 - pages);
    });

    it('refuses a page larger than the tier, dropping the page it would replace', () => {
      const removed: string[] = [];
      const tier = new MemoryTier(100, policy);
      tier.onRemove = (key) => removed.push(key);
      tier.set('a', page(60));
      tier.set('a', page(101));
      expect(tier.has('a')).toBe(false);
      expect(removed).toEqual(['a']);
      expect(tier.stats()).toMatchObject({ usedBytes: 0, pages: 0, evictions: 0 });
    });

    it('replacing a page re-counts its bytes without evicting it', () => {
      const tier = new MemoryTier(100, policy);
      tier.set('a', page(40));
      tier.set('b', page(40));
      tier.set('a', page(60));
      expect(tier.stats()).toMatchObject({ usedBytes: 100, pages: 2, evictions: 0 });
      tier.set('a', page(70)); // no longer fits beside b: b goes (a was used last, and more)
      expect(tier.has('a')).toBe(true);
      expect(tier.stats().usedBytes).toBeLessThanOrEqual(100);
    });

    it('reserved bytes (pages waiting for the disk) count against the capacity', () => {
      const tier = new MemoryTier(300, policy);
      const removed: string[] = [];
      tier.onRemove = (key) => removed.push(key);
      for (const k of ['a', 'b', 'c']) tier.set(k, page(100));
      tier.reserve(150);
      expect(removed).toEqual(['a', 'b']);
      expect(tier.stats()).toMatchObject({ usedBytes: 100, pages: 1, evictions: 2 });
      tier.set('d', page(100)); // 100 + 100 + 150 reserved > 300: c goes
      expect(removed).toEqual(['a', 'b', 'c']);
      tier.release(150);
      tier.set('e', page(100));
      tier.set('f', page(100));
      expect(tier.stats()).toMatchObject({ usedBytes: 300, pages: 3, evictions: 3 });
    });
  });

  /** A tier of four 100-byte pages: `hot` read many times, then a scan of 20 pages read once. */
  function scanAfterHot(policy: EvictionPolicy): MemoryTier {
    const tier = new MemoryTier(400, policy);
    tier.set('hot', page(100));
    for (let i = 0; i < 10; i++) tier.get('hot');
    for (let i = 0; i < 20; i++) {
      tier.set(`cold${i}`, page(100));
      tier.get(`cold${i}`); // the reader takes it once
    }
    return tier;
  }

  it('lfu: a scan of cold pages does not evict a frequently hit page', () => {
    const tier = scanAfterHot('lfu');
    expect(tier.has('hot')).toBe(true);
    expect(tier.stats()).toMatchObject({ usedBytes: 400, pages: 4, evictions: 17 });
  });

  it('lru: the same scan evicts it', () => {
    const tier = scanAfterHot('lru');
    expect(tier.has('hot')).toBe(false);
    expect(tier.stats()).toMatchObject({ usedBytes: 400, pages: 4, evictions: 17 });
  });

  it('lfu: a page hot long ago ages out once only other pages are read', () => {
    const tier = new MemoryTier(400, 'lfu', { agingPeriod: () => 40 });
    tier.set('hot', page(100));
    for (let i = 0; i < 30; i++) tier.get('hot');
    let i = 0;
    while (tier.has('hot') && i < 1000) tier.set(`cold${i++}`, page(100));
    expect(tier.has('hot')).toBe(false);
    expect(i).toBeGreaterThan(100); // it held on for several aging periods first
  });
});
