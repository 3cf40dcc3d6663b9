import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { modelListing, randomKeys, rng } from '../testing/listing-model';
import type { ListPage, ListQuery } from './listing';
import type { ObjectRecord } from './metadata-store';
import { SqliteMetadataStore } from './sqlite-store';
import { s3CodeOf, storeRecord } from '../testing/store-fixtures';

const record = storeRecord;

const codeOf = s3CodeOf;

const entries = (page: ListPage) =>
  [...page.objects.map((o) => ({ name: o.key, prefix: false })), ...page.commonPrefixes.map((p) => ({ name: p, prefix: true }))].sort(
    (a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
  );

describe(SqliteMetadataStore.name, () => {
  let dir: string;
  let store: SqliteMetadataStore;
  const list = (q: Partial<ListQuery>, bucket = 'b') =>
    store.listObjects(bucket, { prefix: '', delimiter: '', startAfter: '', maxKeys: 1000, ...q });
  const put = (keys: string[]) => Promise.all(keys.map((k) => store.commitObject({ object: record(k) })));

  beforeEach(async () => {
    // /dev/shm when present: synchronous=FULL fsyncs every commit, and some tests commit thousands.
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'silt-metadata-'));
    store = new SqliteMetadataStore({ dataDir: dir, now: () => 1_234 });
    await store.createBucket({ name: 'b', owner: 'alice', region: 'us-east-1' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('buckets', () => {
    it('creates a bucket at the root mount, named after itself', async () => {
      expect(await store.getBucket('b')).toEqual({
        name: 'b',
        owner: 'alice',
        created_ms: 1_234,
        region: 'us-east-1',
        location: { mount_id: 'root', path: 'b' },
      });
    });

    it('tells its owner BucketAlreadyOwnedByYou and anyone else BucketAlreadyExists', async () => {
      expect(await codeOf(store.createBucket({ name: 'b', owner: 'alice', region: '' }))).toBe('BucketAlreadyOwnedByYou');
      expect(await codeOf(store.createBucket({ name: 'b', owner: 'bob', region: '' }))).toBe('BucketAlreadyExists');
    });

    it('lists buckets by name', async () => {
      await store.createBucket({ name: 'zz', owner: 'a', region: 'r' });
      await store.createBucket({ name: 'aa', owner: 'a', region: 'r' });
      expect((await store.listBuckets()).map((b) => b.name)).toEqual(['aa', 'b', 'zz']);
    });

    it('returns NoSuchBucket with the bucket name', async () => {
      const err = await store.getBucket('nope').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(S3Error);
      expect((err as S3Error).code).toBe('NoSuchBucket');
      expect((err as S3Error).details).toEqual({ BucketName: 'nope' });
      expect(await codeOf(store.deleteBucket('nope'))).toBe('NoSuchBucket');
    });

    it('refuses to delete a bucket that holds objects, then deletes it once empty', async () => {
      await put(['k']);
      expect(await codeOf(store.deleteBucket('b'))).toBe('BucketNotEmpty');
      await store.deleteObject('b', 'k');
      await store.deleteBucket('b');
      expect(await codeOf(store.getBucket('b'))).toBe('NoSuchBucket');
    });
  });

  describe('objects', () => {
    it('stores every field of the record and returns it as committed', async () => {
      const full = record('dir/ü 😀', {
        size: 2 ** 40,
        user_metadata: { color: 'blue', 'x-y': 'é' },
        system_metadata: { 'cache-control': 'no-cache' },
        checksums: { CRC32: 'AAAAAA==' },
        checksum_type: 'FULL_OBJECT',
        tags: [
          { key: 'z', value: '1' },
          { key: 'a', value: '2' },
        ],
        parts_count: 3,
      });
      const res = await store.commitObject({ object: full });
      expect(res).toEqual({ object: full, replaced: undefined });
      expect(await store.getObject('b', 'dir/ü 😀')).toEqual(full);
    });

    it('keeps a record without a location as such', async () => {
      await store.commitObject({ object: record('k', { location: null }) });
      expect((await store.getObject('b', 'k')).location).toBeNull();
    });

    it('answers NoSuchBucket before NoSuchKey', async () => {
      expect(await codeOf(store.getObject('nope', 'k'))).toBe('NoSuchBucket');
      const err = (await store.getObject('b', 'k').catch((e: unknown) => e)) as S3Error;
      expect(err.code).toBe('NoSuchKey');
      expect(err.details).toEqual({ Key: 'k' });
      expect(await codeOf(store.commitObject({ object: record('k', { bucket: 'nope' }) }))).toBe('NoSuchBucket');
    });

    it('replaces a record (last write wins) and returns the one it replaced', async () => {
      await store.commitObject({ object: record('k') });
      const second = record('k', { etag: 'etag-2', ufs_version: 'v2', size: 9 });
      const res = await store.commitObject({ object: second });
      expect(res.object).toEqual(second);
      expect(res.replaced).toEqual(record('k'));
      expect(await store.getObject('b', 'k')).toEqual(second);
    });

    it('honours If-None-Match: * only while the key is absent', async () => {
      await store.commitObject({ object: record('k'), ifNoneMatchAny: true });
      expect(await codeOf(store.commitObject({ object: record('k', { etag: 'x' }), ifNoneMatchAny: true }))).toBe('PreconditionFailed');
      expect((await store.getObject('b', 'k')).etag).toBe('etag-1');
    });

    it('honours If-Match: NoSuchKey when absent, PreconditionFailed on another ETag, commits on the same one', async () => {
      expect(await codeOf(store.commitObject({ object: record('k'), ifMatchEtag: 'etag-1' }))).toBe('NoSuchKey');
      await store.commitObject({ object: record('k') });
      expect(await codeOf(store.commitObject({ object: record('k', { etag: 'e2' }), ifMatchEtag: 'other' }))).toBe('PreconditionFailed');
      await store.commitObject({ object: record('k', { etag: 'e2' }), ifMatchEtag: '"etag-1"' }); // quoted as sent by clients
      expect((await store.getObject('b', 'k')).etag).toBe('e2');
      await store.commitObject({ object: record('k', { etag: 'e3' }), ifMatchEtag: '*' });
      expect((await store.getObject('b', 'k')).etag).toBe('e3');
    });

    it('refuses an empty key', async () => {
      expect(await codeOf(store.commitObject({ object: record('') }))).toBe('InvalidArgument');
    });

    it('deletes a record and returns it; deleting a missing key is not an error', async () => {
      await put(['k']);
      expect(await store.deleteObject('b', 'k')).toEqual(record('k'));
      expect(await store.deleteObject('b', 'k')).toBeUndefined();
      expect(await codeOf(store.deleteObject('nope', 'k'))).toBe('NoSuchBucket');
    });

    it('deletes only the expected UFS version when asked to', async () => {
      await put(['k']);
      expect(await store.deleteObject('b', 'k', 'v0')).toBeUndefined();
      expect((await store.getObject('b', 'k')).ufs_version).toBe('v1');
      expect((await store.deleteObject('b', 'k', 'v1'))?.key).toBe('k');
    });

    it('keeps keys byte-exact: NFC and NFD spellings are two objects', async () => {
      await put(['caf\u00e9', 'cafe\u0301']);
      expect((await list({})).objects.map((o) => o.key)).toEqual(['cafe\u0301', 'caf\u00e9']);
    });

    it('keeps buckets apart', async () => {
      await store.createBucket({ name: 'c', owner: 'alice', region: 'r' });
      await put(['k']);
      expect((await list({}, 'c')).objects).toEqual([]);
      expect(await codeOf(store.getObject('c', 'k'))).toBe('NoSuchKey');
    });
  });

  describe('durability', () => {
    it('still has buckets and records after close and reopen', async () => {
      await put(['a/1', 'a/2']);
      await store.deleteObject('b', 'a/1');
      store.close();
      store = new SqliteMetadataStore({ dataDir: dir });
      expect(await store.getObject('b', 'a/2')).toEqual(record('a/2'));
      expect(await codeOf(store.getObject('b', 'a/1'))).toBe('NoSuchKey');
      expect((await store.listBuckets()).map((b) => b.name)).toEqual(['b']);
    });
  });

  describe('listing', () => {
    it('returns NoSuchBucket for a missing bucket and refuses max_keys out of 0..1000', async () => {
      expect(await codeOf(list({}, 'nope'))).toBe('NoSuchBucket');
      expect(await codeOf(list({ maxKeys: -1 }))).toBe('InvalidArgument');
      expect(await codeOf(list({ maxKeys: 1001 }))).toBe('InvalidArgument');
    });

    it('returns summaries with size, ETag, time, owner and storage class', async () => {
      await put(['k']);
      expect((await list({})).objects).toEqual([
        { key: 'k', size: 3, etag: 'etag-1', last_modified_ms: 1_700_000_000_000, owner: 'alice', storage_class: 'STANDARD' },
      ]);
    });

    it('rolls up by delimiter and does not repeat a common prefix that start_after lies inside', async () => {
      await put(['a', 'a/b', 'a/c', 'b/x', 'c']);
      const page = await list({ delimiter: '/' });
      expect(entries(page).map((e) => e.name)).toEqual(['a', 'a/', 'b/', 'c']);
      const after = await list({ delimiter: '/', startAfter: 'a/b' });
      expect(entries(after).map((e) => e.name)).toEqual(['b/', 'c']);
    });

    it('orders multi-byte UTF-8 bytewise: U+FFFD before U+1F600, 0x7F before é', async () => {
      await put(['\u{1F600}', '\uFFFD', '\u007F', 'é', 'p/\u{1F600}', 'p/\uFFFD']);
      expect((await list({})).objects.map((o) => o.key)).toEqual(['p/\uFFFD', 'p/\u{1F600}', '\u007F', 'é', '\uFFFD', '\u{1F600}']);
      expect((await list({ startAfter: '\uFFFD' })).objects.map((o) => o.key)).toEqual(['\u{1F600}']);
      expect((await list({ prefix: 'p/', maxKeys: 1 })).nextMarker).toBe('p/\uFFFD');
    });

    it('bounds a prefix range correctly when the prefix ends in the highest UTF-8 bytes', async () => {
      // U+FFFF is EF BF BF and U+10FFFF is F4 8F BF BF: the successor must carry, not compare as text.
      await put(['x\uFFFF', 'x\uFFFFa', 'x\u{10FFFF}', 'x\u{10FFFF}z', 'y']);
      expect((await list({ prefix: 'x\uFFFF' })).objects.map((o) => o.key)).toEqual(['x\uFFFF', 'x\uFFFFa']);
      expect((await list({ prefix: 'x\u{10FFFF}' })).objects.map((o) => o.key)).toEqual(['x\u{10FFFF}', 'x\u{10FFFF}z']);
      const rolled = await list({ delimiter: '\uFFFF' });
      expect(entries(rolled).map((e) => e.name)).toEqual(['x\uFFFF', 'x\u{10FFFF}', 'x\u{10FFFF}z', 'y']);
    });

    it('answers max_keys 0, 1 and 1000', async () => {
      const keys = Array.from({ length: 1001 }, (_, i) => `k${String(i).padStart(4, '0')}`);
      await put(keys);
      expect(await list({ maxKeys: 0 })).toEqual({ objects: [], commonPrefixes: [], isTruncated: false, nextMarker: '' });
      const one = await list({ maxKeys: 1 });
      expect([one.objects.map((o) => o.key), one.isTruncated, one.nextMarker]).toEqual([['k0000'], true, 'k0000']);
      const full = await list({ maxKeys: 1000 });
      expect([full.objects.length, full.isTruncated, full.nextMarker]).toEqual([1000, true, 'k0999']);
      const rest = await list({ maxKeys: 1000, startAfter: full.nextMarker });
      expect([rest.objects.map((o) => o.key), rest.isTruncated]).toEqual([['k1000'], false]);
    });

    it('seeks past a common prefix holding 10k keys', async () => {
      const under = Array.from({ length: 10_000 }, (_, i) => `big/${String(i).padStart(5, '0')}`);
      await put([...under, 'a', 'big0', 'z']);
      for (const k of ['m/1', 'n/1', 'o/1']) await put([k]);
      // Count the rows SQLite hands out (the store's private scan statement, wrapped for this test only).
      let rowsRead = 0;
      const scan = store['stmt'].scanFrom;
      const iterate = scan.iterate.bind(scan);
      scan.iterate = function* (...args: Parameters<typeof iterate>) {
        for (const row of iterate(...args)) {
          rowsRead++;
          yield row;
        }
      };
      const page = await list({ delimiter: '/' });
      expect(entries(page).map((e) => e.name)).toEqual(['a', 'big/', 'big0', 'm/', 'n/', 'o/', 'z']);
      expect(page.isTruncated).toBe(false);
      expect(rowsRead).toBe(7); // one row per entry: never the 10k under big/
      const paged = await list({ delimiter: '/', maxKeys: 2, startAfter: 'big/00042' });
      expect([entries(paged).map((e) => e.name), paged.isTruncated]).toEqual([['big0', 'm/'], true]);
    });

    it('pages through random key sets exactly as the reference model lists them', async () => {
      const alphabet = ['a', 'b', '/', 'é', '\uFFFD', '\u{1F600}'];
      for (let seed = 1; seed <= 25; seed++) {
        const rand = rng(seed);
        await store.createBucket({ name: `r${seed}`, owner: 'alice', region: 'r' });
        const keys = randomKeys(rand, 1 + Math.floor(rand() * 60), alphabet);
        await Promise.all(keys.map((k) => store.commitObject({ object: record(k, { bucket: `r${seed}` }) })));
        const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
        const q = {
          prefix: pick(['', '', 'a', 'a/', '\uFFFD']),
          delimiter: pick(['', '/', '/', 'b', '\u{1F600}']),
          startAfter: pick(['', '', pick(keys), 'a/']),
          maxKeys: 1 + Math.floor(rand() * 5),
        };
        const seen: { name: string; prefix: boolean }[] = [];
        let startAfter = q.startAfter;
        for (;;) {
          const page = await store.listObjects(`r${seed}`, { ...q, startAfter });
          expect(entries(page).length).toBeLessThanOrEqual(q.maxKeys);
          seen.push(...entries(page));
          if (!page.isTruncated) break;
          startAfter = page.nextMarker;
        }
        expect(seen, `seed ${seed}: ${JSON.stringify(q)}`).toEqual(modelListing(keys, q));
      }
    });
  });
});
