import { describe, expect, it } from 'vitest';
import { memoryScan, modelListing, randomKeys, rng } from '../testing/listing-model';
import { listPage, type ListPage, type ListQuery } from './listing';

const entriesOf = (page: ListPage) =>
  [...page.objects.map((o) => ({ name: o.key, prefix: false })), ...page.commonPrefixes.map((p) => ({ name: p, prefix: true }))].sort(
    (a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
  );

function list(keys: string[], q: Partial<ListQuery>): ListPage {
  return listPage(memoryScan(keys).scan, { prefix: '', delimiter: '', startAfter: '', maxKeys: 1000, ...q });
}

/** Pages through with next_marker and returns everything seen, checking each page's bound and truncation flag. */
function listAll(keys: string[], q: Omit<ListQuery, 'startAfter'> & { startAfter?: string }) {
  const { scan } = memoryScan(keys);
  const seen: { name: string; prefix: boolean }[] = [];
  let startAfter = q.startAfter ?? '';
  for (let pages = 0; ; pages++) {
    const page = listPage(scan, { ...q, startAfter });
    const entries = entriesOf(page);
    expect(entries.length).toBeLessThanOrEqual(q.maxKeys);
    seen.push(...entries);
    if (!page.isTruncated) return seen;
    expect(entries.length).toBe(q.maxKeys);
    expect(page.nextMarker).toBe(entries[entries.length - 1].name);
    startAfter = page.nextMarker;
    if (pages > keys.length + 1) throw new Error('listing does not terminate');
  }
}

describe(listPage.name, () => {
  const keys = ['a', 'a/b', 'a/c/d', 'b/x', 'b/y', 'c', 'photos/2024/x.jpg', 'photos/2025/y.jpg', 'photos/index.html'];

  it('rolls keys up into common prefixes at the first delimiter after the prefix', () => {
    const page = list(keys, { delimiter: '/' });
    expect(page.objects.map((o) => o.key)).toEqual(['a', 'c']);
    expect(page.commonPrefixes).toEqual(['a/', 'b/', 'photos/']);
    const photos = list(keys, { prefix: 'photos/', delimiter: '/' });
    expect(photos.objects.map((o) => o.key)).toEqual(['photos/index.html']);
    expect(photos.commonPrefixes).toEqual(['photos/2024/', 'photos/2025/']);
  });

  it('accepts any delimiter string, not only "/"', () => {
    expect(list(['x--1', 'x--2', 'y'], { delimiter: '--' }).commonPrefixes).toEqual(['x--']);
  });

  it('keeps a key equal to the prefix as an object', () => {
    const page = list(['a/', 'a/b'], { prefix: 'a/', delimiter: '/' });
    expect(page.objects.map((o) => o.key)).toEqual(['a/', 'a/b']);
  });

  it('does not list again a common prefix that start_after lies inside', () => {
    const page = list(keys, { delimiter: '/', startAfter: 'a/b' });
    expect(page.commonPrefixes).toEqual(['b/', 'photos/']);
    expect(page.objects.map((o) => o.key)).toEqual(['c']);
    expect(list(keys, { delimiter: '/', startAfter: 'a/' }).commonPrefixes).toEqual(['b/', 'photos/']);
  });

  it('counts keys and common prefixes together against max_keys, and says truncated only when more follow', () => {
    const page = list(keys, { delimiter: '/', maxKeys: 3 });
    expect(entriesOf(page).map((e) => e.name)).toEqual(['a', 'a/', 'b/']);
    expect(page.isTruncated).toBe(true);
    expect(page.nextMarker).toBe('b/');
    const exact = list(keys, { delimiter: '/', maxKeys: 5 });
    expect(exact.isTruncated).toBe(false);
    expect(exact.nextMarker).toBe('photos/');
  });

  it('answers max_keys 0 with an empty, untruncated page', () => {
    expect(list(keys, { maxKeys: 0 })).toEqual({ objects: [], commonPrefixes: [], isTruncated: false, nextMarker: '' });
  });

  it('answers max_keys 1 one entry at a time', () => {
    expect(listAll(keys, { prefix: '', delimiter: '/', maxKeys: 1 }).map((e) => e.name)).toEqual(['a', 'a/', 'b/', 'c', 'photos/']);
  });

  it('seeks past a common prefix instead of reading the keys under it', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `big/${String(i).padStart(5, '0')}`);
    const m = memoryScan([...many, 'a', 'z', 'big0']);
    const page = listPage(m.scan, { prefix: '', delimiter: '/', startAfter: '', maxKeys: 1000 });
    expect(entriesOf(page).map((e) => e.name)).toEqual(['a', 'big/', 'big0', 'z']);
    expect(m.rowsRead()).toBeLessThanOrEqual(5);
    // Without a delimiter a page reads exactly one row beyond itself, to know whether it is truncated.
    const flat = memoryScan(many);
    listPage(flat.scan, { prefix: 'big/', delimiter: '', startAfter: '', maxKeys: 1000 });
    expect(flat.rowsRead()).toBe(1001);
  });

  it('orders by UTF-8 bytes, not UTF-16 code units', () => {
    const page = list(['\u{1F600}', '\uFFFD', 'z', 'é'], {});
    expect(page.objects.map((o) => o.key)).toEqual(['z', 'é', '\uFFFD', '\u{1F600}']);
    const after = list(['\u{1F600}', '\uFFFD'], { startAfter: '\uFFFD' });
    expect(after.objects.map((o) => o.key)).toEqual(['\u{1F600}']);
  });

  it('pages through random key sets exactly as the reference model lists them', () => {
    const alphabet = ['a', 'b', '/', '-', 'é', '\uFFFD', '\u{1F600}', '\u007F'];
    for (let seed = 1; seed <= 150; seed++) {
      const rand = rng(seed);
      const keys = randomKeys(rand, 1 + Math.floor(rand() * 120), alphabet);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
      const someKey = pick(keys);
      const prefix = pick(['', '', 'a', 'a/', '\uFFFD', someKey.slice(0, Math.floor(rand() * someKey.length))]);
      const delimiter = pick(['', '/', '/', 'b', 'a/', '\u{1F600}']);
      const startAfter = pick(['', '', pick(keys), pick(keys) + '/', 'a/']);
      const maxKeys = 1 + Math.floor(rand() * 7);
      const expected = modelListing(keys, { prefix, delimiter, startAfter });
      const q = { prefix, delimiter, startAfter, maxKeys };
      expect(listAll(keys, q), `seed ${seed}: ${JSON.stringify(q)}`).toEqual(expected);
    }
  });
});
