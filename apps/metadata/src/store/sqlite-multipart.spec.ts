import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { rng } from '../testing/listing-model';
import { modelUploadListing, type ModelEntry, type ModelUpload } from '../testing/upload-model';
import type { ObjectRecord } from './metadata-store';
import type { ListUploadsQuery, Part, UploadRef, UploadsPage } from './multipart-store';
import { SqliteMultipartStore } from './sqlite-multipart';
import { SqliteMetadataStore } from './sqlite-store';

const MiB = 1024 * 1024;

function composed(key: string, over: Partial<ObjectRecord> = {}): ObjectRecord {
  return {
    bucket: 'b',
    key,
    size: 5 * MiB + 1,
    etag: 'abc-2',
    last_modified_ms: 1_700_000_000_000,
    content_type: 'video/mp4',
    user_metadata: { camera: 'x' },
    system_metadata: {},
    checksums: { CRC32: 'AAAAAA==' },
    checksum_type: 'COMPOSITE',
    location: { mount_id: 'root', path: `b/${key}` },
    ufs_version: 'v-mp',
    tags: [{ key: 't', value: '1' }],
    owner: 'alice',
    parts_count: 2,
    storage_class: 'STANDARD',
    part_sizes: [5 * MiB, 1],
    parts: [],
    ...over,
  };
}

const part = (n: number, over: Partial<Part> = {}): Part => ({
  part_number: n,
  size: 5 * MiB,
  etag: `etag-${n}`,
  last_modified_ms: 1_000 + n,
  checksums: { CRC32: `c${n}` },
  location: { mount_id: 'root', path: `.staging/u/${n}` },
  ufs_version: `pv${n}`,
  ...over,
});

async function errorOf(p: Promise<unknown>): Promise<S3Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof S3Error)) throw new Error(`expected an S3Error, got ${String(err)}`);
  return err;
}

describe(SqliteMultipartStore.name, () => {
  let dir: string;
  let clock: number;
  let store: SqliteMetadataStore;
  let mp: SqliteMultipartStore;
  const open = () => {
    store = new SqliteMetadataStore({ dataDir: dir, now: () => clock });
    mp = store.multipart;
  };
  const create = (key: string, over = {}) => mp.createUpload({ bucket: 'b', key, owner: 'alice', ...over });
  const ref = (u: { upload_id: string; key: string; bucket?: string }): UploadRef => ({ bucket: u.bucket ?? 'b', key: u.key, uploadId: u.upload_id });
  const partRows = () => {
    const db = new Database(join(dir, 'metadata.db'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM parts').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'silt-multipart-'));
    clock = 10_000;
    open();
    await store.createBucket({ name: 'b', owner: 'alice', region: 'us-east-1' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('CreateUpload', () => {
    it('assigns an unguessable URL-safe id, the time and ACTIVE, and stores everything else', async () => {
      const u = await create('movies/😀.mp4', {
        upload_id: 'chosen-by-caller',
        state: 'COMPLETED',
        initiated_ms: 1,
        content_type: 'video/mp4',
        user_metadata: { a: '1' },
        system_metadata: { 'cache-control': 'no-cache' },
        tags: [{ key: 'k', value: 'v' }],
        checksum_algorithm: 'CRC32',
        checksum_type: 'COMPOSITE',
        location: { mount_id: 'root', path: 'b/movies/😀.mp4' },
        storage_class: 'STANDARD',
      });
      expect(u.upload_id).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(u).toEqual({
        upload_id: u.upload_id,
        bucket: 'b',
        key: 'movies/😀.mp4',
        initiated_ms: 10_000,
        owner: 'alice',
        content_type: 'video/mp4',
        user_metadata: { a: '1' },
        system_metadata: { 'cache-control': 'no-cache' },
        tags: [{ key: 'k', value: 'v' }],
        checksum_algorithm: 'CRC32',
        checksum_type: 'COMPOSITE',
        state: 'ACTIVE',
        location: { mount_id: 'root', path: 'b/movies/😀.mp4' },
        result: null,
        storage_class: 'STANDARD',
      });
      expect(await mp.getUpload(ref(u))).toEqual(u);
      expect((await create('movies/😀.mp4')).upload_id).not.toBe(u.upload_id);
    });

    it('needs the bucket and a key', async () => {
      expect((await errorOf(mp.createUpload({ bucket: 'nope', key: 'k' }))).code).toBe('NoSuchBucket');
      expect((await errorOf(mp.createUpload({ bucket: 'b', key: '' }))).code).toBe('InvalidArgument');
    });
  });

  describe('GetUpload', () => {
    it('answers NoSuchUpload {UploadId} for an unknown id, another key’s id, another bucket and an aborted upload', async () => {
      const u = await create('k');
      await store.createBucket({ name: 'other', owner: 'alice', region: '' });
      for (const r of [
        { bucket: 'b', key: 'k', uploadId: 'unknown' },
        { bucket: 'b', key: 'k2', uploadId: u.upload_id },
        { bucket: 'other', key: 'k', uploadId: u.upload_id },
      ]) {
        const err = await errorOf(mp.getUpload(r));
        expect([err.code, err.details]).toEqual(['NoSuchUpload', { UploadId: r.uploadId }]);
      }
      await mp.abortUpload(ref(u));
      expect((await errorOf(mp.getUpload(ref(u)))).code).toBe('NoSuchUpload');
      expect((await errorOf(mp.getUpload({ bucket: 'gone', key: 'k', uploadId: u.upload_id }))).code).toBe('NoSuchBucket');
    });

    it('returns a completed upload with the object it produced', async () => {
      const u = await create('k');
      await mp.completeUpload({ ...ref(u), object: composed('k') });
      expect(await mp.getUpload(ref(u))).toMatchObject({ state: 'COMPLETED', result: composed('k') });
    });
  });

  describe('PutPart and ListParts', () => {
    it('upserts parts, returning the one replaced', async () => {
      const u = await create('k');
      expect(await mp.putPart(ref(u), part(1))).toBeUndefined();
      expect(await mp.putPart(ref(u), part(1, { etag: 'second' }))).toEqual(part(1));
      const page = await mp.listParts(ref(u), { partNumberMarker: 0, maxParts: 1000 });
      expect(page.parts).toEqual([part(1, { etag: 'second' })]);
      expect(page.upload).toEqual(u);
    });

    it('refuses part numbers outside 1..10000 and uploads that are not ACTIVE', async () => {
      const u = await create('k');
      for (const n of [0, 10_001, -1, 1.5]) expect((await errorOf(mp.putPart(ref(u), part(n)))).code).toBe('InvalidArgument');
      expect(await mp.putPart(ref(u), part(10_000))).toBeUndefined();
      expect((await errorOf(mp.putPart({ ...ref(u), uploadId: 'nope' }, part(1)))).code).toBe('NoSuchUpload');
      await mp.completeUpload({ ...ref(u), object: composed('k') });
      expect((await errorOf(mp.putPart(ref(u), part(2)))).code).toBe('NoSuchUpload');
    });

    it('pages parts in ascending order after the marker', async () => {
      const u = await create('k');
      for (const n of [7, 3, 10, 1, 5]) await mp.putPart(ref(u), part(n));
      const list = (partNumberMarker: number, maxParts: number) => mp.listParts(ref(u), { partNumberMarker, maxParts });
      const first = await list(0, 2);
      expect([first.parts.map((p) => p.part_number), first.isTruncated, first.nextPartNumberMarker]).toEqual([[1, 3], true, 3]);
      const second = await list(3, 3);
      expect([second.parts.map((p) => p.part_number), second.isTruncated, second.nextPartNumberMarker]).toEqual([[5, 7, 10], false, 10]);
      expect([(await list(4, 0)).parts, (await list(4, 0)).isTruncated, (await list(4, 0)).nextPartNumberMarker]).toEqual([[], true, 4]);
      expect((await list(10, 0)).isTruncated).toBe(false);
      expect((await list(10, 5)).parts).toEqual([]);
      expect((await errorOf(list(0, 1001))).code).toBe('InvalidArgument');
      expect((await errorOf(list(-1, 10))).code).toBe('InvalidArgument');
    });

    it('lists parts of ACTIVE uploads only', async () => {
      const u = await create('k');
      await mp.abortUpload(ref(u));
      expect((await errorOf(mp.listParts(ref(u), { partNumberMarker: 0, maxParts: 10 }))).code).toBe('NoSuchUpload');
    });
  });

  describe('CompleteUpload', () => {
    it('commits the object with its part sizes, completes the upload and forgets its parts', async () => {
      await store.commitObject({ object: composed('k', { etag: 'old', parts_count: 0, part_sizes: [] }) });
      const u = await create('k');
      await mp.putPart(ref(u), part(1));
      await mp.putPart(ref(u), part(2, { size: 1 }));
      clock = 20_000;
      const done = await mp.completeUpload({ ...ref(u), object: composed('k', { bucket: '' }) });
      expect(done.object).toEqual(composed('k'));
      expect(done.replaced?.etag).toBe('old');
      expect(await store.getObject('b', 'k')).toEqual(composed('k'));
      expect(partRows()).toBe(0);
      expect((await mp.getUpload(ref(u))).state).toBe('COMPLETED');
    });

    it('answers a retried Complete with the stored result and changes nothing', async () => {
      const u = await create('k');
      const first = await mp.completeUpload({ ...ref(u), object: composed('k') });
      await store.commitObject({ object: composed('k', { etag: 'newer-put' }) });
      const retry = await mp.completeUpload({ ...ref(u), object: composed('k', { etag: 'different' }), ifNoneMatchAny: true });
      expect(retry).toEqual({ object: first.object });
      expect((await store.getObject('b', 'k')).etag).toBe('newer-put');
    });

    it('checks If-None-Match and If-Match as CommitObject does, leaving the upload ACTIVE when they fail', async () => {
      await store.commitObject({ object: composed('k', { etag: 'cur' }) });
      const u = await create('k');
      await mp.putPart(ref(u), part(1));
      const failing = [
        { ifNoneMatchAny: true, code: 'PreconditionFailed' },
        { ifMatchEtag: 'other', code: 'PreconditionFailed' },
      ];
      for (const { code, ...cond } of failing) {
        expect((await errorOf(mp.completeUpload({ ...ref(u), object: composed('k'), ...cond }))).code).toBe(code);
      }
      const missing = await create('absent');
      expect((await errorOf(mp.completeUpload({ ...ref(missing), object: composed('absent'), ifMatchEtag: '*' }))).code).toBe('NoSuchKey');
      expect((await mp.getUpload(ref(u))).state).toBe('ACTIVE');
      expect((await mp.listParts(ref(u), { partNumberMarker: 0, maxParts: 10 })).parts).toHaveLength(1);
      expect((await store.getObject('b', 'k')).etag).toBe('cur');
      const done = await mp.completeUpload({ ...ref(u), object: composed('k'), ifMatchEtag: '"cur"' });
      expect(done.replaced?.etag).toBe('cur');
    });

    it('answers NoSuchUpload for aborted and unknown uploads', async () => {
      const u = await create('k');
      await mp.abortUpload(ref(u));
      expect((await errorOf(mp.completeUpload({ ...ref(u), object: composed('k') }))).code).toBe('NoSuchUpload');
      expect((await errorOf(mp.completeUpload({ ...ref(u), uploadId: 'x', object: composed('k') }))).code).toBe('NoSuchUpload');
      await expect(store.getObject('b', 'k')).rejects.toMatchObject({ code: 'NoSuchKey' });
    });
  });

  describe('AbortUpload', () => {
    it('turns an ACTIVE upload ABORTED, returns it and forgets its parts; anything else is NoSuchUpload', async () => {
      const u = await create('k', { location: { mount_id: 'root', path: 'b/k' } });
      await mp.putPart(ref(u), part(1));
      expect(await mp.abortUpload(ref(u))).toEqual({ ...u, state: 'ABORTED' });
      expect(partRows()).toBe(0);
      expect((await errorOf(mp.abortUpload(ref(u)))).code).toBe('NoSuchUpload');
      const c = await create('k');
      await mp.completeUpload({ ...ref(c), object: composed('k') });
      expect((await errorOf(mp.abortUpload(ref(c)))).code).toBe('NoSuchUpload');
    });
  });

  describe('ListUploads', () => {
    const list = (q: Partial<ListUploadsQuery>, bucket = 'b'): Promise<UploadsPage> =>
      mp.listUploads(bucket, { prefix: '', delimiter: '', keyMarker: '', uploadIdMarker: '', maxUploads: 1000, ...q });

    it('lists ACTIVE uploads only, by key then initiation time', async () => {
      clock = 2;
      const late = await create('a');
      clock = 1;
      const early = await create('a');
      const other = await create('B');
      const aborted = await create('c');
      await mp.abortUpload(ref(aborted));
      const completed = await create('d');
      await mp.completeUpload({ ...ref(completed), object: composed('d') });
      const page = await list({});
      expect(page.uploads.map((u) => u.upload_id)).toEqual([other.upload_id, early.upload_id, late.upload_id]);
      expect([page.isTruncated, page.nextKeyMarker, page.nextUploadIdMarker]).toEqual([false, 'a', late.upload_id]);
    });

    it('validates max-uploads and the bucket', async () => {
      expect((await errorOf(list({ maxUploads: 1001 }))).code).toBe('InvalidArgument');
      expect((await errorOf(list({}, 'nope'))).code).toBe('NoSuchBucket');
      expect(await list({ maxUploads: 0, keyMarker: 'k', uploadIdMarker: 'u' })).toEqual({
        uploads: [],
        commonPrefixes: [],
        isTruncated: false,
        nextKeyMarker: 'k',
        nextUploadIdMarker: 'u',
      });
    });

    it('matches the reference model, markers on completed and aborted uploads included', async () => {
      const rand = rng(7);
      const keys = ['a', 'a/b', 'a/c', 'a-', 'b', 'b/😀/x', 'é', 'ab', 'a/b/c'];
      const all: (ModelUpload & { active: boolean })[] = [];
      for (let i = 0; i < 60; i++) {
        clock = Math.floor(rand() * 4);
        const key = keys[Math.floor(rand() * keys.length)];
        const u = await create(key);
        const fate = rand();
        if (fate < 0.15) await mp.abortUpload(ref(u));
        else if (fate < 0.25) await mp.completeUpload({ ...ref(u), object: composed(key) });
        all.push({ key, initiated_ms: u.initiated_ms, upload_id: u.upload_id, active: fate >= 0.25 });
      }
      const active = all.filter((u) => u.active);
      const entries = (p: UploadsPage): ModelEntry[] => {
        const byKey = (k: string) => Buffer.from(k);
        const ups = p.uploads.map((u) => ({ k: byKey(u.key), e: { upload: u.upload_id } as ModelEntry }));
        const cps = p.commonPrefixes.map((c) => ({ k: byKey(c), e: { prefix: c } as ModelEntry }));
        return [...ups, ...cps].sort((x, y) => x.k.compare(y.k)).map((x) => x.e); // stable: uploads of one key keep their order
      };
      for (let i = 0; i < 200; i++) {
        const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
        const m = pick(all);
        const q = {
          prefix: pick(['', '', 'a', 'a/', 'b']),
          delimiter: pick(['', '/', '-']),
          keyMarker: pick(['', m.key, 'a/', 'zz']),
          uploadIdMarker: pick(['', m.upload_id, 'unknown']),
        };
        const maxUploads = Math.floor(rand() * 6);
        // The model resolves the marker among all uploads, whatever their state: a finished one still marks a place.
        const expected = modelUploadListing(active, { ...q, uploadIdMarker: '' });
        const markerAt = all.find((u) => q.keyMarker !== '' && u.key === q.keyMarker && u.upload_id === q.uploadIdMarker);
        const want = markerAt ? modelUploadListing([...active, markerAt], q).filter((e) => !('upload' in e && e.upload === markerAt.upload_id)) : expected;
        const got = await list({ ...q, maxUploads });
        const context = JSON.stringify({ i, q, maxUploads });
        expect(entries(got), context).toEqual(want.slice(0, maxUploads));
        expect(got.isTruncated, context).toBe(want.length > maxUploads);
      }
    });
  });

  describe('DeleteBucket', () => {
    it('deletes a bucket whose only content is uploads in progress, and the uploads with it (as S3 does)', async () => {
      const u = await create('k');
      await mp.putPart(ref(u), part(1));
      await store.deleteBucket('b');
      expect(partRows()).toBe(0);
      await store.createBucket({ name: 'b', owner: 'alice', region: '' });
      expect((await errorOf(mp.getUpload(ref(u)))).code).toBe('NoSuchUpload');
      expect((await mp.listUploads('b', { prefix: '', delimiter: '', keyMarker: '', uploadIdMarker: '', maxUploads: 10 })).uploads).toEqual([]);
    });

    it('still refuses a bucket with objects, uploads untouched', async () => {
      const u = await create('k');
      await store.commitObject({ object: composed('other') });
      expect((await errorOf(store.deleteBucket('b'))).code).toBe('BucketNotEmpty');
      expect((await mp.getUpload(ref(u))).state).toBe('ACTIVE');
    });
  });

  describe('durability', () => {
    it('keeps ACTIVE uploads and their parts across a restart', async () => {
      const u = await create('k');
      await mp.putPart(ref(u), part(1));
      await mp.putPart(ref(u), part(2));
      store.close();
      open();
      expect(await mp.getUpload(ref(u))).toEqual(u);
      expect((await mp.listParts(ref(u), { partNumberMarker: 0, maxParts: 10 })).parts).toEqual([part(1), part(2)]);
      expect((await mp.completeUpload({ ...ref(u), object: composed('k') })).object.part_sizes).toEqual([5 * MiB, 1]);
      store.close();
      open();
      expect((await store.getObject('b', 'k')).part_sizes).toEqual([5 * MiB, 1]);
    });

    it('migrates a version-1 database: objects gain empty part sizes, uploads become possible', async () => {
      await store.commitObject({ object: composed('k', { part_sizes: [] }) });
      store.close();
      const db = new Database(join(dir, 'metadata.db'));
      // Version 1 as it was: also without what later migrations added (3: buckets.tags; 4: mounts, sync columns; 5: objects.parts).
      db.exec(
        'DROP TABLE parts; DROP TABLE uploads; ALTER TABLE objects DROP COLUMN part_sizes; ALTER TABLE buckets DROP COLUMN tags; ' +
          'DROP TABLE mounts; ALTER TABLE objects DROP COLUMN committed_ms; ALTER TABLE objects DROP COLUMN sync_round; ALTER TABLE objects DROP COLUMN parts; ' +
          'PRAGMA user_version = 1;',
      );
      db.close();
      open();
      expect((await store.getObject('b', 'k')).part_sizes).toEqual([]);
      expect((await create('k')).state).toBe('ACTIVE');
    });
  });

  describe('reapUploads', () => {
    it('aborts ACTIVE uploads initiated before the cutoff and purges finished rows that finished before the other', async () => {
      clock = 100;
      const old = await create('old');
      await mp.putPart(ref(old), part(1));
      const finishedEarly = await create('f');
      await mp.abortUpload(ref(finishedEarly));
      clock = 500;
      const young = await create('young');
      await mp.putPart(ref(young), part(1));
      const finishedLate = await create('g');
      await mp.completeUpload({ ...ref(finishedLate), object: composed('g') });
      clock = 1_000;
      expect(await mp.reapUploads(300, 300)).toEqual({ aborted: 1, purged: 1 });
      expect((await errorOf(mp.getUpload(ref(old)))).code).toBe('NoSuchUpload');
      expect((await mp.getUpload(ref(young))).state).toBe('ACTIVE');
      expect((await mp.getUpload(ref(finishedLate))).state).toBe('COMPLETED');
      expect(partRows()).toBe(1);
      // Finished rows age from when they finished: the completion at 500 goes first, the reaper's own abort at 1000 later.
      expect(await mp.reapUploads(300, 1_000)).toEqual({ aborted: 0, purged: 1 });
      expect(await mp.reapUploads(300, 1_001)).toEqual({ aborted: 0, purged: 1 });
      expect((await errorOf(mp.getUpload(ref(finishedLate)))).code).toBe('NoSuchUpload');
    });
  });
});
