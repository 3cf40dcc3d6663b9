import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { utf8 } from './byte-keys';
import { listPage, type ListPage, type ListQuery, type ListRow } from './listing';
import type {
  Bucket,
  CommitObjectInput,
  CommitObjectResult,
  CreateBucketInput,
  MetadataStore,
  ObjectRecord,
  SyncEntry,
  Tag,
} from './metadata-store';
import { GroupCommit } from './group-commit';
import { SqliteMountStore } from './sqlite-mounts';
import { SqliteMultipartStore } from './sqlite-multipart';
import { bucketOf, normalized, recordOf, rowOf, unquote, type BucketRow, type ObjectRow } from './sqlite-records';
import { ROOT_MOUNT_ID } from '../../../../libs/mounts/src/mount-spec';

export interface SqliteStoreOptions {
  /** The database lives at `<dataDir>/metadata.db` (config `metadata.dataDir`). */
  dataDir: string;
  /** Injectable clock for bucket creation times. */
  now?: () => number;
}

/**
 * Schema migrations, applied in order and counted by `PRAGMA user_version`. Later issues append entries, never edit
 * one (bucket tags, for instance, as `ALTER TABLE buckets ADD COLUMN tags TEXT`).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE buckets (
     name       TEXT    NOT NULL PRIMARY KEY,
     owner      TEXT    NOT NULL,
     created_ms INTEGER NOT NULL,
     region     TEXT    NOT NULL,
     mount_id   TEXT    NOT NULL,  -- the bucket's root in the UFS
     ufs_path   TEXT    NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE objects (
     bucket           TEXT    NOT NULL,
     key              BLOB    NOT NULL,  -- UTF-8 bytes: BINARY (memcmp) order is S3's listing order
     size             INTEGER NOT NULL,
     etag             TEXT    NOT NULL,
     last_modified_ms INTEGER NOT NULL,
     content_type     TEXT    NOT NULL,
     user_metadata    TEXT    NOT NULL,  -- JSON object
     system_metadata  TEXT    NOT NULL,  -- JSON object
     checksums        TEXT    NOT NULL,  -- JSON object: algorithm -> base64 digest
     checksum_type    TEXT    NOT NULL,
     mount_id         TEXT,              -- NULL with ufs_path: no location
     ufs_path         TEXT,
     ufs_version      TEXT    NOT NULL,
     tags             TEXT    NOT NULL,  -- JSON array of {key, value}, in the client's order
     owner            TEXT    NOT NULL,
     parts_count      INTEGER NOT NULL,
     storage_class    TEXT    NOT NULL,
     PRIMARY KEY (bucket, key)
   ) WITHOUT ROWID;`,
  // 2: multipart uploads, and each multipart object's part sizes (GET ?partNumber=N needs the boundaries).
  `ALTER TABLE objects ADD COLUMN part_sizes TEXT NOT NULL DEFAULT '[]';  -- JSON array of part sizes, in order
   CREATE TABLE uploads (
     upload_id          TEXT    NOT NULL PRIMARY KEY,
     bucket             TEXT    NOT NULL,
     key                BLOB    NOT NULL,  -- UTF-8 bytes, as objects.key
     initiated_ms       INTEGER NOT NULL,
     owner              TEXT    NOT NULL,
     content_type       TEXT    NOT NULL,
     user_metadata      TEXT    NOT NULL,  -- JSON object
     system_metadata    TEXT    NOT NULL,  -- JSON object
     tags               TEXT    NOT NULL,  -- JSON array of {key, value}
     checksum_algorithm TEXT    NOT NULL,
     checksum_type      TEXT    NOT NULL,
     state              TEXT    NOT NULL,  -- ACTIVE, COMPLETED, ABORTED
     state_ms           INTEGER NOT NULL,  -- when it entered that state (the reaper's clock)
     mount_id           TEXT,              -- NULL with ufs_path: no location
     ufs_path           TEXT,
     result             TEXT,              -- COMPLETED: the object record it produced, JSON
     storage_class      TEXT    NOT NULL
   ) WITHOUT ROWID;
   -- ListMultipartUploads' order (and DeleteBucket's sweep); the reaper's scan by age.
   CREATE INDEX uploads_by_key ON uploads (bucket, state, key, initiated_ms, upload_id);
   CREATE INDEX uploads_by_age ON uploads (state, state_ms);
   CREATE TABLE parts (
     upload_id        TEXT    NOT NULL,
     part_number      INTEGER NOT NULL,
     size             INTEGER NOT NULL,
     etag             TEXT    NOT NULL,
     last_modified_ms INTEGER NOT NULL,
     checksums        TEXT    NOT NULL,  -- JSON object: algorithm -> base64 digest
     mount_id         TEXT,
     ufs_path         TEXT,
     ufs_version      TEXT    NOT NULL,
     PRIMARY KEY (upload_id, part_number)
   ) WITHOUT ROWID;`,
  // 3: bucket tags, a column of the bucket's row so they are deleted with it (no orphan rows to sweep); NULL = no
  // tag set (GetBucketTagging: NoSuchTagSet). Object tags were in objects.tags from the start.
  `ALTER TABLE buckets ADD COLUMN tags TEXT;  -- JSON array of {key, value}, in the client's order; NULL = none`,
  // 4: the mount table (a mount point is a bucket whose mount_id is the mount's), and metadata sync's bookkeeping:
  // when each record was last committed (a sync never removes what was committed after it started) and the sync
  // round that last saw it in the UFS (mark and sweep: the index is never held in memory).
  `CREATE TABLE mounts (
     mount_id    TEXT    NOT NULL PRIMARY KEY,
     bucket      TEXT    NOT NULL UNIQUE,
     ufs_uri     TEXT    NOT NULL,
     options     TEXT    NOT NULL,  -- JSON; credentials included (this file is the service's own)
     created_ms  INTEGER NOT NULL,
     from_config INTEGER NOT NULL
   ) WITHOUT ROWID;
   ALTER TABLE objects ADD COLUMN committed_ms INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE objects ADD COLUMN sync_round INTEGER NOT NULL DEFAULT 0;`,
  // 5: each part of a multipart object completed with a checksum algorithm (GetObjectAttributes' ObjectParts);
  // '[]' for everything else, older records included (they answer with the parts count only).
  `ALTER TABLE objects ADD COLUMN parts TEXT NOT NULL DEFAULT '[]';  -- JSON array of {part_number, size, checksums}`,
];

/** The first byte string after every string starting with `prefix` (undefined: none, the prefix is all 0xff). */
function prefixEnd(prefix: Buffer): Buffer | undefined {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return undefined;
}

/** The record of an object metadata sync found in the UFS. S3 backends' ETags are kept; a file gets a stable stand-in. */
function syncedRecord(bucket: BucketRow, e: SyncEntry): ObjectRecord {
  const etag = e.etag || createHash('md5').update(`silt-ufs-version:${e.version}`).digest('hex');
  return {
    bucket: bucket.name,
    key: e.key,
    size: e.size,
    etag,
    last_modified_ms: e.lastModifiedMs,
    content_type: 'application/octet-stream',
    user_metadata: {},
    system_metadata: {},
    checksums: {},
    checksum_type: '',
    location: { mount_id: bucket.mount_id, path: bucket.ufs_path === '' ? e.key : `${bucket.ufs_path}/${e.key}` },
    ufs_version: e.version,
    tags: [],
    owner: bucket.owner,
    parts_count: /-\d+$/.test(etag) ? Number(etag.slice(etag.lastIndexOf('-') + 1)) : 0,
    storage_class: 'STANDARD',
    part_sizes: [],
    parts: [],
  };
}

const LIST_COLUMNS = 'key, size, etag, last_modified_ms, owner, storage_class';

/** The embedded store: one SQLite file, WAL, synchronous=FULL (a commit acknowledged is a commit on disk). */
export class SqliteMetadataStore implements MetadataStore {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly stmt;
  private readonly tx;
  /** Multipart state: same file, same connection, so Complete commits its object in the upload's transaction. */
  readonly multipart: SqliteMultipartStore;
  /** The mount table: same file, so a mount and its bucket are created (and dropped) in one transaction. */
  readonly mounts: SqliteMountStore;
  /** CommitObject and PutPart, the hot writes, share transactions (and fsyncs) with their concurrent peers. */
  private readonly group: GroupCommit;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.now = options.now ?? Date.now;
    this.db = new Database(join(options.dataDir, 'metadata.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.group = new GroupCommit(db);
    this.multipart = new SqliteMultipartStore({
      db,
      group: this.group,
      now: this.now,
      commitInTransaction: (input) => this.commitInTransaction(input),
      requireBucket: (name) => void this.requireBucket(name),
    });
    this.stmt = {
      insertBucket: db.prepare<[BucketRow]>(
        'INSERT INTO buckets (name, owner, created_ms, region, mount_id, ufs_path) VALUES (@name, @owner, @created_ms, @region, @mount_id, @ufs_path)',
      ),
      getBucket: db.prepare<[string], BucketRow>('SELECT * FROM buckets WHERE name = ?'),
      listBuckets: db.prepare<[], BucketRow>('SELECT * FROM buckets ORDER BY name'),
      deleteBucket: db.prepare<[string]>('DELETE FROM buckets WHERE name = ?'),
      dropBucketObjects: db.prepare<[string]>('DELETE FROM objects WHERE bucket = ?'),
      anyObject: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM objects WHERE bucket = ? LIMIT 1'),
      getObject: db.prepare<[string, Buffer], ObjectRow>('SELECT * FROM objects WHERE bucket = ? AND key = ?'),
      putObject: db.prepare<[ObjectRow]>(
        `INSERT OR REPLACE INTO objects (bucket, key, size, etag, last_modified_ms, content_type, user_metadata,
           system_metadata, checksums, checksum_type, mount_id, ufs_path, ufs_version, tags, owner, parts_count, storage_class,
           part_sizes, parts, committed_ms, sync_round)
         VALUES (@bucket, @key, @size, @etag, @last_modified_ms, @content_type, @user_metadata, @system_metadata,
           @checksums, @checksum_type, @mount_id, @ufs_path, @ufs_version, @tags, @owner, @parts_count, @storage_class,
           @part_sizes, @parts, @committed_ms, @sync_round)`,
      ),
      markSeen: db.prepare<[number, string, Buffer]>('UPDATE objects SET sync_round = ? WHERE bucket = ? AND key = ?'),
      sweepBetween: db.prepare<[string, Buffer, Buffer, number, number], { key: Buffer }>(
        'DELETE FROM objects WHERE bucket = ? AND key >= ? AND key < ? AND sync_round < ? AND committed_ms < ? RETURNING key',
      ),
      sweepFrom: db.prepare<[string, Buffer, number, number], { key: Buffer }>(
        'DELETE FROM objects WHERE bucket = ? AND key >= ? AND sync_round < ? AND committed_ms < ? RETURNING key',
      ),
      deleteObject: db.prepare<[string, Buffer]>('DELETE FROM objects WHERE bucket = ? AND key = ?'),
      getObjectTags: db.prepare<[string, Buffer], { tags: string }>('SELECT tags FROM objects WHERE bucket = ? AND key = ?'),
      setObjectTags: db.prepare<[string, string, Buffer]>('UPDATE objects SET tags = ? WHERE bucket = ? AND key = ?'),
      getBucketTags: db.prepare<[string], { tags: string | null }>('SELECT tags FROM buckets WHERE name = ?'),
      setBucketTags: db.prepare<[string | null, string]>('UPDATE buckets SET tags = ? WHERE name = ?'),
      scanBetween: db.prepare<[string, Buffer, Buffer, number], ListRow>(
        `SELECT ${LIST_COLUMNS} FROM objects WHERE bucket = ? AND key >= ? AND key < ? ORDER BY key LIMIT ?`,
      ),
      scanFrom: db.prepare<[string, Buffer, number], ListRow>(
        `SELECT ${LIST_COLUMNS} FROM objects WHERE bucket = ? AND key >= ? ORDER BY key LIMIT ?`,
      ),
    };
    this.tx = {
      createBucket: db.transaction((row: BucketRow) => {
        const existing = this.stmt.getBucket.get(row.name);
        if (existing) {
          // S3 tells the owner apart from everyone else.
          throw new S3Error(existing.owner === row.owner ? 'BucketAlreadyOwnedByYou' : 'BucketAlreadyExists', undefined, {
            BucketName: row.name,
          });
        }
        this.stmt.insertBucket.run(row);
      }),
      deleteBucket: db.transaction((name: string) => {
        const bucket = this.requireBucket(name);
        if (bucket.mount_id !== ROOT_MOUNT_ID) {
          throw new S3Error('InvalidBucketState', `The bucket is the mount point /${name} of a mounted UFS location; unmount it instead (silt unmount /${name}).`, {
            BucketName: name,
          });
        }
        // Only objects keep a bucket alive: S3 deletes a bucket whose multipart uploads are still in progress.
        if (this.stmt.anyObject.get(name)) throw new S3Error('BucketNotEmpty', undefined, { BucketName: name });
        this.multipart.deleteBucketUploads(name);
        this.stmt.deleteBucket.run(name);
      }),
      deleteObject: db.transaction((bucket: string, key: string, ifUfsVersion: string): ObjectRecord | undefined => {
        this.requireBucket(bucket);
        const keyBytes = utf8(key);
        const current = this.stmt.getObject.get(bucket, keyBytes);
        if (!current) return undefined;
        // A delete racing a newer write must not remove the newer record.
        if (ifUfsVersion !== '' && current.ufs_version !== ifUfsVersion) return undefined;
        this.stmt.deleteObject.run(bucket, keyBytes);
        return recordOf(current);
      }),
    };
    this.mounts = new SqliteMountStore(db, {
      now: this.now,
      insertBucket: (row) => this.stmt.insertBucket.run(row),
      getBucket: (name) => this.stmt.getBucket.get(name),
      dropBucket: (name) => {
        this.stmt.dropBucketObjects.run(name);
        this.multipart.deleteBucketUploads(name);
        this.stmt.deleteBucket.run(name);
      },
    });
  }

  async createBucket(input: CreateBucketInput): Promise<Bucket> {
    const row: BucketRow = {
      name: input.name,
      owner: input.owner,
      created_ms: this.now(),
      region: input.region,
      mount_id: ROOT_MOUNT_ID,
      ufs_path: input.name,
    };
    this.tx.createBucket.immediate(row);
    return bucketOf(row);
  }

  async getBucket(name: string): Promise<Bucket> {
    return bucketOf(this.requireBucket(name));
  }

  async listBuckets(): Promise<Bucket[]> {
    return this.stmt.listBuckets.all().map(bucketOf);
  }

  async deleteBucket(name: string): Promise<void> {
    this.tx.deleteBucket.immediate(name);
  }

  async getObject(bucket: string, key: string, options: { withParts?: boolean } = {}): Promise<ObjectRecord> {
    const row = this.stmt.getObject.get(bucket, utf8(key));
    if (row) return recordOf(row, options.withParts ?? false);
    this.requireBucket(bucket);
    throw new S3Error('NoSuchKey', undefined, { Key: key });
  }

  async commitObject(input: CommitObjectInput): Promise<CommitObjectResult> {
    if (input.object.key === '') throw new S3Error('InvalidArgument', 'An object key must not be empty.');
    return this.group.submit(() => this.commitInTransaction(input));
  }

  async deleteObject(bucket: string, key: string, ifUfsVersion = ''): Promise<ObjectRecord | undefined> {
    return this.tx.deleteObject.immediate(bucket, key, ifUfsVersion);
  }

  async getObjectTags(bucket: string, key: string): Promise<Tag[]> {
    const row = this.stmt.getObjectTags.get(bucket, utf8(key));
    if (row) return JSON.parse(row.tags) as Tag[];
    this.requireBucket(bucket);
    throw new S3Error('NoSuchKey', undefined, { Key: key });
  }

  async putObjectTags(bucket: string, key: string, tags: readonly Tag[]): Promise<void> {
    const json = JSON.stringify(tags.map((t) => ({ key: t.key, value: t.value })));
    // Through the group commit: concurrent tag writes share fsyncs with CommitObject, and run in arrival order
    // with the commits around them (last write wins, whichever kind it is).
    return this.group.submit(() => {
      this.requireBucket(bucket);
      if (this.stmt.setObjectTags.run(json, bucket, utf8(key)).changes === 0) throw new S3Error('NoSuchKey', undefined, { Key: key });
    });
  }

  async getBucketTags(bucket: string): Promise<Tag[]> {
    const row = this.stmt.getBucketTags.get(bucket);
    if (!row) throw new S3Error('NoSuchBucket', undefined, { BucketName: bucket });
    if (row.tags === null) throw new S3Error('NoSuchTagSet', undefined, { BucketName: bucket });
    return JSON.parse(row.tags) as Tag[];
  }

  async putBucketTags(bucket: string, tags: readonly Tag[]): Promise<void> {
    const json = tags.length === 0 ? null : JSON.stringify(tags.map((t) => ({ key: t.key, value: t.value })));
    if (this.stmt.setBucketTags.run(json, bucket).changes === 0) throw new S3Error('NoSuchBucket', undefined, { BucketName: bucket });
  }

  async listObjects(bucket: string, query: ListQuery): Promise<ListPage> {
    if (query.maxKeys < 0 || query.maxKeys > 1000) throw new S3Error('InvalidArgument', 'max-keys must be in 0..1000.');
    this.requireBucket(bucket);
    // One synchronous call: no other statement runs on the connection while a scan's iterator is open.
    return listPage(
      (from, to, limit) =>
        to === undefined ? this.stmt.scanFrom.iterate(bucket, from, limit) : this.stmt.scanBetween.iterate(bucket, from, to, limit),
      query,
    );
  }

  /**
   * Metadata sync: makes the index agree with these objects found in the UFS (a batch of a listing, or one stat).
   * An object whose record names the same UFS version is only marked seen (Silt's ETag, metadata and tags stay);
   * a record Silt committed after the sync started is left alone (a newer write won); anything else becomes the
   * UFS's object, as a plain one (no user metadata or tags: the bytes are not the ones they described). Returns the
   * keys whose records changed.
   */
  async syncApply(bucket: string, entries: readonly SyncEntry[], round: number, startedMs: number): Promise<string[]> {
    return this.group.submit(() => {
      const b = this.requireBucket(bucket);
      const changed: string[] = [];
      for (const e of entries) {
        const keyBytes = utf8(e.key);
        const current = this.stmt.getObject.get(bucket, keyBytes);
        if (current && current.ufs_version === e.version) {
          this.stmt.markSeen.run(round, bucket, keyBytes);
          continue;
        }
        if (current && (current.committed_ms ?? 0) >= startedMs) continue;
        const record = syncedRecord(b, e);
        this.stmt.putObject.run({ ...rowOf(record, keyBytes), committed_ms: 0, sync_round: round });
        changed.push(e.key);
      }
      return changed;
    });
  }

  /**
   * Metadata sync's sweep after a complete listing of `prefix`: drops the records under it that the listing did not
   * see (sync_round below `round`) and that Silt did not commit after the sync started. Returns the keys dropped.
   */
  async syncSweep(bucket: string, prefix: string, round: number, startedMs: number): Promise<string[]> {
    return this.group.submit(() => {
      this.requireBucket(bucket);
      const from = utf8(prefix);
      const to = prefixEnd(from);
      const rows = to === undefined ? this.stmt.sweepFrom.all(bucket, from, round, startedMs) : this.stmt.sweepBetween.all(bucket, from, to, round, startedMs);
      return rows.map((r) => r.key.toString('utf8'));
    });
  }

  /** Metadata sync of one key found absent in the UFS: drops its record unless Silt committed it after `startedMs`. */
  async syncRemove(bucket: string, key: string, startedMs: number): Promise<boolean> {
    return this.group.submit(() => {
      this.requireBucket(bucket);
      const keyBytes = utf8(key);
      const current = this.stmt.getObject.get(bucket, keyBytes);
      if (!current || (current.committed_ms ?? 0) >= startedMs) return false;
      this.stmt.deleteObject.run(bucket, keyBytes);
      return true;
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** CommitObject under its conditions, inside a transaction the caller opened (CommitObject's or CompleteUpload's). */
  private commitInTransaction(input: CommitObjectInput): CommitObjectResult {
    const { object } = input;
    this.requireBucket(object.bucket);
    const keyBytes = utf8(object.key);
    const current = this.stmt.getObject.get(object.bucket, keyBytes);
    if (current && input.ifNoneMatchAny) throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
    if (input.ifMatchEtag !== undefined) {
      if (!current) throw new S3Error('NoSuchKey', undefined, { Key: object.key });
      const wanted = unquote(input.ifMatchEtag);
      if (wanted !== '*' && wanted !== unquote(current.etag)) {
        throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
      }
    }
    this.stmt.putObject.run({ ...rowOf(object, keyBytes), committed_ms: this.now(), sync_round: 0 });
    return { object: normalized(object), replaced: current ? recordOf(current) : undefined };
  }

  private requireBucket(name: string): BucketRow {
    const row = this.stmt.getBucket.get(name);
    if (!row) throw new S3Error('NoSuchBucket', undefined, { BucketName: name });
    return row;
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`metadata.db has schema version ${version}, newer than this build knows (${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    }
  }
}
