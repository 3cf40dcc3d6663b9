import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';
import type { ObjectRecord } from './metadata-store';
import { SqliteMetadataStore } from './sqlite-store';

describe(GroupCommit.name, () => {
  let dir: string;
  let db: Database.Database;
  let other: Database.Database;
  let group: GroupCommit;
  const insert = (v: string) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
  const rows = () => (other.prepare('SELECT v FROM t ORDER BY rowid').all() as { v: string }[]).map((r) => r.v);

  beforeEach(() => {
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'silt-group-'));
    db = new Database(join(dir, 'x.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT UNIQUE)');
    other = new Database(join(dir, 'x.db'), { readonly: true });
    group = new GroupCommit(db);
  });
  afterEach(() => {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs calls of one turn in one transaction, in arrival order, answering each after the commit', async () => {
    const seenByAnotherConnection: string[][] = [];
    const results = await Promise.all([
      group.submit(() => insert('a').changes),
      group.submit(() => {
        seenByAnotherConnection.push(rows()); // 'a' is not committed yet: same transaction
        return (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n; // but visible to the batch
      }),
      group.submit(() => insert('b').changes),
    ]);
    expect(results).toEqual([1, 1, 1]);
    expect(seenByAnotherConnection).toEqual([[]]);
    expect(rows()).toEqual(['a', 'b']);
  });

  it('rolls back only the call that throws, which gets its own error', async () => {
    const outcomes = await Promise.allSettled([
      group.submit(() => insert('a')),
      group.submit(() => {
        insert('half-done');
        insert('a'); // UNIQUE violation: this call's savepoint is rolled back, 'half-done' with it
      }),
      group.submit(() => insert('c')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual(['a', 'c']);
  });

  it('rejects calls still queued when the database closes', async () => {
    const pending = group.submit(() => insert('late'));
    db.close();
    await expect(pending).rejects.toThrow('closed');
    db = new Database(join(dir, 'x.db')); // for afterEach
  });
});

describe('SqliteMetadataStore with group commit', () => {
  let dir: string;
  let store: SqliteMetadataStore;
  const object = (etag: string) => ({ bucket: 'b', key: 'k', etag }) as ObjectRecord;

  beforeEach(async () => {
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'silt-group-store-'));
    store = new SqliteMetadataStore({ dataDir: dir });
    await store.createBucket({ name: 'b', owner: 'o', region: '' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks each call’s conditions against the calls before it in the same batch', async () => {
    const outcomes = await Promise.allSettled([
      store.commitObject({ object: object('first'), ifNoneMatchAny: true }),
      store.commitObject({ object: object('second'), ifNoneMatchAny: true }),
      store.commitObject({ object: object('third'), ifMatchEtag: 'first' }),
      store.commitObject({ object: object('fourth'), ifMatchEtag: 'first' }),
    ]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.replaced?.etag ?? 'none' : (o.reason as { code: string }).code))).toEqual([
      'none',
      'PreconditionFailed',
      'first',
      'PreconditionFailed',
    ]);
    expect((await store.getObject('b', 'k')).etag).toBe('third');
  });

  it('answers each of a batch of PutParts with the part it replaced', async () => {
    const u = await store.multipart.createUpload({ bucket: 'b', key: 'k' });
    const ref = { bucket: 'b', key: 'k', uploadId: u.upload_id };
    const replaced = await Promise.all(['x', 'y', 'z'].map((etag) => store.multipart.putPart(ref, { part_number: 1, etag })));
    expect(replaced.map((p) => p?.etag)).toEqual([undefined, 'x', 'y']);
  });
});
