import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeRecord } from '../testing/store-fixtures';
import { SqliteMetadataStore } from './sqlite-store';

const MiB = 1024 * 1024;

// A multipart object's parts (GetObjectAttributes' ObjectParts) are part of its record: stored with it, replaced with
// it, and absent from records written before they existed.
describe(`${SqliteMetadataStore.name} object parts`, () => {
  let dir: string;
  let store: SqliteMetadataStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'silt-parts-'));
    store = new SqliteMetadataStore({ dataDir: dir, now: () => 1_234 });
    await store.createBucket({ name: 'b', owner: 'alice', region: 'us-east-1' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const parts = [
    { part_number: 1, size: 5 * MiB, checksums: { SHA256: 'p1==' } },
    { part_number: 3, size: 7, checksums: { SHA256: 'p3==' } },
  ];

  it('keeps each part of a committed multipart record, gaps in the numbering included', async () => {
    await store.commitObject({ object: storeRecord('k', { parts_count: 2, part_sizes: [5 * MiB, 7], parts }) });
    expect((await store.getObject('b', 'k', { withParts: true })).parts).toEqual(parts);
  });

  it('records the parts an upload completes with, in the same transaction as the object', async () => {
    const upload = await store.multipart.createUpload({ bucket: 'b', key: 'mp', checksum_algorithm: 'SHA256', checksum_type: 'COMPOSITE' });
    await store.multipart.completeUpload({
      bucket: 'b',
      key: 'mp',
      uploadId: upload.upload_id,
      object: storeRecord('mp', { parts_count: 2, part_sizes: [5 * MiB, 7], parts }),
    });
    expect((await store.getObject('b', 'mp', { withParts: true })).parts).toEqual(parts);
  });

  it('leaves the parts out unless asked for them (every read fetches the record; only GetObjectAttributes lists parts)', async () => {
    await store.commitObject({ object: storeRecord('k', { parts_count: 2, part_sizes: [5 * MiB, 7], parts }) });
    const lean = await store.getObject('b', 'k');
    expect([lean.parts, lean.parts_count, lean.part_sizes]).toEqual([[], 2, [5 * MiB, 7]]);
  });

  it('drops the parts when a single PUT replaces the object', async () => {
    await store.commitObject({ object: storeRecord('k', { parts_count: 2, part_sizes: [5 * MiB, 7], parts }) });
    await store.commitObject({ object: storeRecord('k') });
    expect((await store.getObject('b', 'k', { withParts: true })).parts).toEqual([]);
  });

  it('reads records written before the parts column existed as having none', async () => {
    await store.commitObject({ object: storeRecord('old', { parts_count: 2, part_sizes: [5 * MiB, 7] }) });
    store.close();
    // Put the file back to schema 4, as a build without migration 5 left it.
    const db = new Database(join(dir, 'metadata.db'));
    db.exec('ALTER TABLE objects DROP COLUMN parts');
    db.pragma('user_version = 4');
    db.close();
    store = new SqliteMetadataStore({ dataDir: dir, now: () => 1_234 });
    const record = await store.getObject('b', 'old', { withParts: true });
    expect(record.parts).toEqual([]);
    expect(record.part_sizes).toEqual([5 * MiB, 7]);
  });
});
