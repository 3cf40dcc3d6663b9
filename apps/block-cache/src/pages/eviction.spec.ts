import { describe, expect, it } from 'vitest';
import { LfuIndex, LruIndex, type EvictionIndex } from './eviction';

const drain = (index: EvictionIndex<number>) => {
  const keys: string[] = [];
  for (let e = index.pop(); e; e = index.pop()) keys.push(e[0]);
  return keys;
};

describe(LruIndex.name, () => {
  it('pops least recently used first; use and set refresh, has and peek do not', () => {
    const lru = new LruIndex<number>();
    for (const k of ['a', 'b', 'c', 'd']) lru.set(k, 1);
    lru.use('a');
    lru.has('b');
    lru.peek('b');
    lru.set('c', 2);
    expect(lru.delete('zz')).toBeUndefined();
    expect(drain(lru)).toEqual(['b', 'd', 'a', 'c']);
    expect(lru.size).toBe(0);
    expect(lru.pop()).toBeUndefined();
  });
});

describe(LfuIndex.name, () => {
  it('pops least frequently used first, least recently used among equals', () => {
    const lfu = new LfuIndex<number>({ agingPeriod: () => Infinity });
    for (const k of ['a', 'b', 'c', 'd', 'e']) lfu.set(k, 1);
    lfu.use('a');
    lfu.use('a');
    lfu.use('c');
    lfu.use('b');
    lfu.set('e', 7); // a replace counts as a use
    expect(lfu.frequencyOf('a')).toBe(3);
    expect(lfu.peek('e')).toBe(7);
    expect(drain(lfu)).toEqual(['d', 'c', 'b', 'e', 'a']);
  });

  it('keeps its buckets consistent through deletes of any key', () => {
    const lfu = new LfuIndex<number>({ agingPeriod: () => Infinity });
    for (const k of ['a', 'b', 'c']) lfu.set(k, 1);
    lfu.use('b');
    lfu.use('c');
    lfu.use('c');
    expect(lfu.delete('b')).toBe(1); // its bucket (2 uses) empties and leaves the list
    lfu.use('a'); // to 2: a bucket is created again between 1 and 3
    lfu.set('d', 1);
    expect(lfu.delete('d')).toBe(1);
    expect(drain(lfu)).toEqual(['a', 'c']);
  });

  it('ages: counts are halved every period, so a page hot long ago loses to pages hit since', () => {
    const lfu = new LfuIndex<number>({ agingPeriod: () => 10 });
    lfu.set('old', 1);
    for (let i = 0; i < 8; i++) lfu.use('old'); // 9 uses: one short of the period
    expect(lfu.frequencyOf('old')).toBe(9);
    lfu.set('new', 1); // the 10th use: every count halves
    expect(lfu.agings).toBe(1);
    expect(lfu.frequencyOf('old')).toBe(4);
    expect(lfu.frequencyOf('new')).toBe(1);
    for (let i = 0; i < 10; i++) lfu.use('new'); // second aging: new 11 -> 5, old 4 -> 2
    for (let i = 0; i < 10; i++) lfu.use('new'); // third aging: new 15 -> 7, old 2 -> 1
    expect(lfu.agings).toBe(3);
    expect(lfu.frequencyOf('old')).toBe(1);
    expect(lfu.pop()?.[0]).toBe('old');
  });

  it('ages on inserts too: a stream of misses cannot be kept out forever by pages hot once', () => {
    // Capacity of 4 entries, kept by the caller as the tiers do: make room (pop) before inserting.
    const lfu = new LfuIndex<number>(); // default period: max(64, 10 x entries)
    for (const k of ['h1', 'h2', 'h3', 'h4']) {
      lfu.set(k, 1);
      for (let i = 0; i < 40; i++) lfu.use(k);
    }
    const evicted: string[] = [];
    for (let i = 0; i < 400 && evicted.filter((k) => k.startsWith('h')).length < 4; i++) {
      if (lfu.size >= 4) evicted.push(lfu.pop()![0]);
      lfu.set(`cold${i}`, 1);
    }
    expect(evicted.filter((k) => k.startsWith('h')).sort()).toEqual(['h1', 'h2', 'h3', 'h4']);
  });

  it('ordering holds over many random operations (checked against a slow model)', () => {
    const lfu = new LfuIndex<number>({ agingPeriod: () => Infinity });
    const model = new Map<string, { freq: number; last: number }>();
    let clock = 0;
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let step = 0; step < 5000; step++) {
      const key = `k${rand(40)}`;
      const op = rand(10);
      if (op < 4) {
        if (lfu.use(key) !== undefined) model.set(key, { freq: model.get(key)!.freq + 1, last: ++clock });
      } else if (op < 7) {
        const m = model.get(key);
        lfu.set(key, 1);
        model.set(key, { freq: (m?.freq ?? 0) + 1, last: ++clock });
      } else if (op < 8) {
        lfu.delete(key);
        model.delete(key);
      } else if (model.size > 0) {
        const expected = [...model].sort((a, b) => a[1].freq - b[1].freq || a[1].last - b[1].last)[0][0];
        expect(lfu.pop()?.[0]).toBe(expected);
        model.delete(expected);
      }
      expect(lfu.size).toBe(model.size);
    }
  });
});
