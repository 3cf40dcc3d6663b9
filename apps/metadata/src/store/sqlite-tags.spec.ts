import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import type { ObjectRecord } from './metadata-store';
import { SqliteMetadataStore } from './sqlite-store';
import { s3CodeOf, storeRecord } from '../testing/store-fixtures';

const record = (key: string, over: Partial<ObjectRecord> = {}) => storeRecord(key, { user_metadata: { a: '1' }, ...over });

const codeOf = s3CodeOf;

describe(`${SqliteMetadataStore.name}: tags`, () => {
  let dir: string;
  let store: SqliteMetadataStore;
  const reopen = () => {
    store.close();
    store = new SqliteMetadataStore({ dataDir: dir });
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'silt-metadata-tags-'));
    store = new SqliteMetadataStore({ dataDir: dir });
    await store.createBucket({ name: 'b', owner: 'alice', region: 'us-east-1' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('object tags', () => {
    it('are put into the record, in order, leaving everything else as it was', async () => {
      await store.commitObject({ object: record('k') });
      const tags = [{ key: 'z', value: '1' }, { key: 'a', value: '' }, { key: '日本', value: '😀' }];
      await store.putObjectTags('b', 'k', tags);
      expect(await store.getObjectTags('b', 'k')).toEqual(tags);
      expect(await store.getObject('b', 'k')).toEqual(record('k', { tags }));
    });

    it('are replaced, not merged, by a put; emptied by a put of []', async () => {
      await store.commitObject({ object: record('k', { tags: [{ key: 'a', value: '1' }] }) });
      expect(await store.getObjectTags('b', 'k')).toEqual([{ key: 'a', value: '1' }]);
      await store.putObjectTags('b', 'k', [{ key: 'b', value: '2' }]);
      expect(await store.getObjectTags('b', 'k')).toEqual([{ key: 'b', value: '2' }]);
      await store.putObjectTags('b', 'k', []);
      expect(await store.getObjectTags('b', 'k')).toEqual([]);
    });

    it('answer NoSuchKey for a missing object and NoSuchBucket for a missing bucket, storing nothing', async () => {
      expect(await codeOf(store.getObjectTags('b', 'missing'))).toBe('NoSuchKey');
      expect(await codeOf(store.putObjectTags('b', 'missing', [{ key: 'a', value: '1' }]))).toBe('NoSuchKey');
      expect(await codeOf(store.getObject('b', 'missing'))).toBe('NoSuchKey');
      expect(await codeOf(store.getObjectTags('nope', 'k'))).toBe('NoSuchBucket');
      expect(await codeOf(store.putObjectTags('nope', 'k', []))).toBe('NoSuchBucket');
    });

    it('die with the object: an overwrite without tags clears them, a delete and re-create starts untagged', async () => {
      await store.commitObject({ object: record('k') });
      await store.putObjectTags('b', 'k', [{ key: 'a', value: '1' }]);
      await store.commitObject({ object: record('k', { etag: 'etag-2', ufs_version: 'v2' }) });
      expect(await store.getObjectTags('b', 'k')).toEqual([]);
      await store.putObjectTags('b', 'k', [{ key: 'a', value: '1' }]);
      await store.deleteObject('b', 'k');
      expect(await codeOf(store.putObjectTags('b', 'k', [{ key: 'a', value: '1' }]))).toBe('NoSuchKey');
      await store.commitObject({ object: record('k') });
      expect(await store.getObjectTags('b', 'k')).toEqual([]);
    });

    it('apply in arrival order with concurrent commits and tag puts: the last write wins', async () => {
      await store.commitObject({ object: record('k') });
      // All submitted in one turn: one group-commit transaction, applied in this order.
      const writes = [
        store.putObjectTags('b', 'k', [{ key: 'n', value: '1' }]),
        store.commitObject({ object: record('k', { etag: 'etag-2', tags: [{ key: 'from-put', value: 'x' }] }) }),
        store.putObjectTags('b', 'k', [{ key: 'n', value: '3' }]),
        store.putObjectTags('b', 'missing', [{ key: 'n', value: '4' }]).catch((e: S3Error) => e.code),
      ];
      expect(await Promise.all(writes)).toEqual([undefined, expect.anything(), undefined, 'NoSuchKey']);
      expect(await store.getObject('b', 'k')).toMatchObject({ etag: 'etag-2', tags: [{ key: 'n', value: '3' }] });
    });

    it('survive a close and reopen', async () => {
      await store.commitObject({ object: record('k') });
      await store.putObjectTags('b', 'k', [{ key: 'a', value: '1' }]);
      reopen();
      expect(await store.getObjectTags('b', 'k')).toEqual([{ key: 'a', value: '1' }]);
    });
  });

  describe('bucket tags', () => {
    it('answer NoSuchTagSet until put, then the set, replaced (not merged) by the next put', async () => {
      expect(await codeOf(store.getBucketTags('b'))).toBe('NoSuchTagSet');
      await store.putBucketTags('b', [{ key: 'cost', value: 'ml' }, { key: 'team', value: 'data' }]);
      expect(await store.getBucketTags('b')).toEqual([{ key: 'cost', value: 'ml' }, { key: 'team', value: 'data' }]);
      await store.putBucketTags('b', [{ key: 'other', value: '' }]);
      expect(await store.getBucketTags('b')).toEqual([{ key: 'other', value: '' }]);
    });

    it('are removed by a put of [] (NoSuchTagSet again)', async () => {
      await store.putBucketTags('b', [{ key: 'a', value: '1' }]);
      await store.putBucketTags('b', []);
      expect(await codeOf(store.getBucketTags('b'))).toBe('NoSuchTagSet');
    });

    it('answer NoSuchBucket for a missing bucket', async () => {
      expect(await codeOf(store.getBucketTags('nope'))).toBe('NoSuchBucket');
      expect(await codeOf(store.putBucketTags('nope', [{ key: 'a', value: '1' }]))).toBe('NoSuchBucket');
    });

    it('die with the bucket: a re-created bucket has none', async () => {
      await store.putBucketTags('b', [{ key: 'a', value: '1' }]);
      await store.deleteBucket('b');
      await store.createBucket({ name: 'b', owner: 'alice', region: 'us-east-1' });
      expect(await codeOf(store.getBucketTags('b'))).toBe('NoSuchTagSet');
    });

    it('are not part of the bucket record', async () => {
      await store.putBucketTags('b', [{ key: 'a', value: '1' }]);
      expect(Object.keys(await store.getBucket('b')).sort()).toEqual(['created_ms', 'location', 'name', 'owner', 'region']);
    });

    it('survive a close and reopen', async () => {
      await store.putBucketTags('b', [{ key: 'a', value: '1' }]);
      reopen();
      expect(await store.getBucketTags('b')).toEqual([{ key: 'a', value: '1' }]);
    });
  });

  it('migrates a schema-2 database: buckets and objects kept, buckets untagged, object tags intact', async () => {
    await store.commitObject({ object: record('k', { tags: [{ key: 'a', value: '1' }] }) });
    store.close();
    const db = new Database(join(dir, 'metadata.db'));
    // Schema 2 as it was: also without what later migrations added (4: mounts, objects.committed_ms / sync_round; 5: objects.parts).
    db.exec('ALTER TABLE buckets DROP COLUMN tags; DROP TABLE mounts; ALTER TABLE objects DROP COLUMN committed_ms; ALTER TABLE objects DROP COLUMN sync_round; ALTER TABLE objects DROP COLUMN parts;');
    db.pragma('user_version = 2');
    db.close();
    store = new SqliteMetadataStore({ dataDir: dir });
    expect((await store.getBucket('b')).name).toBe('b');
    expect(await codeOf(store.getBucketTags('b'))).toBe('NoSuchTagSet');
    expect(await store.getObjectTags('b', 'k')).toEqual([{ key: 'a', value: '1' }]);
    await store.putBucketTags('b', [{ key: 'x', value: 'y' }]);
    expect(await store.getBucketTags('b')).toEqual([{ key: 'x', value: 'y' }]);
  });
});
