// Test support: a reference model of S3 listing and an in-memory range scan (no store), both on Buffer.compare order.
import { startsWith, utf8 } from '../store/byte-keys';
import type { ListQuery, ListRow, RangeScan } from '../store/listing';

export function sortUtf8(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => Buffer.compare(utf8(a), utf8(b)));
}

/** Every entry of a listing after startAfter, in order (S3's semantics, computed the slow obvious way). */
export function modelListing(keys: Iterable<string>, q: Omit<ListQuery, 'maxKeys'>): { name: string; prefix: boolean }[] {
  const prefix = utf8(q.prefix);
  const delimiter = utf8(q.delimiter);
  const startAfter = utf8(q.startAfter);
  const out: { name: string; prefix: boolean }[] = [];
  for (const k of sortUtf8(keys)) {
    const kb = utf8(k);
    if (!startsWith(kb, prefix)) continue;
    const at = delimiter.length ? kb.indexOf(delimiter, prefix.length) : -1;
    const entry = at >= 0 ? kb.subarray(0, at + delimiter.length) : kb;
    if (entry.compare(startAfter) <= 0) continue;
    const name = entry.toString('utf8');
    const last = out[out.length - 1];
    if (last && last.name === name && last.prefix === at >= 0) continue;
    out.push({ name, prefix: at >= 0 });
  }
  return out;
}

/** A RangeScan over a sorted in-memory key set that counts the rows it hands out. */
export function memoryScan(keys: Iterable<string>): { scan: RangeScan; rowsRead: () => number; queries: () => number } {
  const sorted = sortUtf8(keys).map(utf8);
  let rows = 0;
  let queries = 0;
  const scan: RangeScan = function* (from, to, limit) {
    queries++;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].compare(from) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, n = 0; i < sorted.length && n < limit; i++, n++) {
      if (to && sorted[i].compare(to) >= 0) return;
      rows++;
      const row: ListRow = { key: sorted[i], size: 1, etag: 'e', last_modified_ms: 0, owner: 'o', storage_class: 'STANDARD' };
      yield row;
    }
  };
  return { scan, rowsRead: () => rows, queries: () => queries };
}

/** A deterministic PRNG (mulberry32), so a failing random case can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomKeys(rand: () => number, count: number, alphabet: string[], maxLen = 6): string[] {
  const keys = new Set<string>();
  while (keys.size < count) {
    const len = 1 + Math.floor(rand() * maxLen);
    let k = '';
    for (let i = 0; i < len; i++) k += alphabet[Math.floor(rand() * alphabet.length)];
    keys.add(k);
  }
  return [...keys];
}
