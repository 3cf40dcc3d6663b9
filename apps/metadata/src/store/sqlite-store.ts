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
} from './metadata-store';

export interface SqliteStoreOptions {
  /** The database lives at `<dataDir>/metadata.db` (config `metadata.dataDir`). */
  dataDir: string;
  /** Injectable clock for bucket creation times. */
  now?: () => number;
}

/**
 * Schema migrations, applied in order and counted by `PRAGMA user_version`. Later issues append entries, never edit
 * one: multipart uploads as `uploads(upload_id PK, bucket, key BLOB, ...)` + `parts(upload_id, part_number, ...,
 * PRIMARY KEY(upload_id, part_number)) WITHOUT ROWID`, bucket tags as `ALTER TABLE buckets ADD COLUMN tags TEXT`.
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
];

interface BucketRow {
  name: string;
  owner: string;
  created_ms: number;
  region: string;
  mount_id: string;
  ufs_path: string;
}

interface ObjectRow extends ListRow {
  bucket: string;
  content_type: string;
  user_metadata: string;
  system_metadata: string;
  checksums: string;
  checksum_type: string;
  mount_id: string | null;
  ufs_path: string | null;
  ufs_version: string;
  tags: string;
  parts_count: number;
}

const LIST_COLUMNS = 'key, size, etag, last_modified_ms, owner, storage_class';

/** The embedded store: one SQLite file, WAL, synchronous=FULL (a commit acknowledged is a commit on disk). */
export class SqliteMetadataStore implements MetadataStore {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly stmt;
  private readonly tx;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.now = options.now ?? Date.now;
    this.db = new Database(join(options.dataDir, 'metadata.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.stmt = {
      insertBucket: db.prepare<[BucketRow]>(
        'INSERT INTO buckets (name, owner, created_ms, region, mount_id, ufs_path) VALUES (@name, @owner, @created_ms, @region, @mount_id, @ufs_path)',
      ),
      getBucket: db.prepare<[string], BucketRow>('SELECT * FROM buckets WHERE name = ?'),
      listBuckets: db.prepare<[], BucketRow>('SELECT * FROM buckets ORDER BY name'),
      deleteBucket: db.prepare<[string]>('DELETE FROM buckets WHERE name = ?'),
      anyObject: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM objects WHERE bucket = ? LIMIT 1'),
      getObject: db.prepare<[string, Buffer], ObjectRow>('SELECT * FROM objects WHERE bucket = ? AND key = ?'),
      putObject: db.prepare<[ObjectRow]>(
        `INSERT OR REPLACE INTO objects (bucket, key, size, etag, last_modified_ms, content_type, user_metadata,
           system_metadata, checksums, checksum_type, mount_id, ufs_path, ufs_version, tags, owner, parts_count, storage_class)
         VALUES (@bucket, @key, @size, @etag, @last_modified_ms, @content_type, @user_metadata, @system_metadata,
           @checksums, @checksum_type, @mount_id, @ufs_path, @ufs_version, @tags, @owner, @parts_count, @storage_class)`,
      ),
      deleteObject: db.prepare<[string, Buffer]>('DELETE FROM objects WHERE bucket = ? AND key = ?'),
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
        this.requireBucket(name);
        if (this.stmt.anyObject.get(name)) throw new S3Error('BucketNotEmpty', undefined, { BucketName: name });
        this.stmt.deleteBucket.run(name);
      }),
      commitObject: db.transaction((input: CommitObjectInput): CommitObjectResult => {
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
        this.stmt.putObject.run(rowOf(object, keyBytes));
        return { object: normalized(object), replaced: current ? recordOf(current) : undefined };
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
  }

  async createBucket(input: CreateBucketInput): Promise<Bucket> {
    const row: BucketRow = {
      name: input.name,
      owner: input.owner,
      created_ms: this.now(),
      region: input.region,
      mount_id: 'root',
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

  async getObject(bucket: string, key: string): Promise<ObjectRecord> {
    const row = this.stmt.getObject.get(bucket, utf8(key));
    if (row) return recordOf(row);
    this.requireBucket(bucket);
    throw new S3Error('NoSuchKey', undefined, { Key: key });
  }

  async commitObject(input: CommitObjectInput): Promise<CommitObjectResult> {
    if (input.object.key === '') throw new S3Error('InvalidArgument', 'An object key must not be empty.');
    return this.tx.commitObject.immediate(input);
  }

  async deleteObject(bucket: string, key: string, ifUfsVersion = ''): Promise<ObjectRecord | undefined> {
    return this.tx.deleteObject.immediate(bucket, key, ifUfsVersion);
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

  close(): void {
    if (this.db.open) this.db.close();
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

function unquote(etag: string): string {
  return etag.length >= 2 && etag.startsWith('"') && etag.endsWith('"') ? etag.slice(1, -1) : etag;
}

function bucketOf(row: BucketRow): Bucket {
  return {
    name: row.name,
    owner: row.owner,
    created_ms: row.created_ms,
    region: row.region,
    location: { mount_id: row.mount_id, path: row.ufs_path },
  };
}

/** Every field present, whatever the caller left out (the gRPC layer always fills them; direct callers may not). */
function normalized(o: Partial<ObjectRecord> & Pick<ObjectRecord, 'bucket' | 'key'>): ObjectRecord {
  return {
    bucket: o.bucket,
    key: o.key,
    size: Number(o.size ?? 0),
    etag: o.etag ?? '',
    last_modified_ms: Number(o.last_modified_ms ?? 0),
    content_type: o.content_type ?? '',
    user_metadata: { ...o.user_metadata },
    system_metadata: { ...o.system_metadata },
    checksums: { ...o.checksums },
    checksum_type: o.checksum_type ?? '',
    location: o.location ? { mount_id: o.location.mount_id, path: o.location.path } : null,
    ufs_version: o.ufs_version ?? '',
    tags: (o.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
    owner: o.owner ?? '',
    parts_count: o.parts_count ?? 0,
    storage_class: o.storage_class ?? '',
  };
}

function rowOf(object: ObjectRecord, key: Buffer): ObjectRow {
  const o = normalized(object);
  return {
    bucket: o.bucket,
    key,
    size: o.size,
    etag: o.etag,
    last_modified_ms: o.last_modified_ms,
    content_type: o.content_type,
    user_metadata: JSON.stringify(o.user_metadata),
    system_metadata: JSON.stringify(o.system_metadata),
    checksums: JSON.stringify(o.checksums),
    checksum_type: o.checksum_type,
    mount_id: o.location ? o.location.mount_id : null,
    ufs_path: o.location ? o.location.path : null,
    ufs_version: o.ufs_version,
    tags: JSON.stringify(o.tags),
    owner: o.owner,
    parts_count: o.parts_count,
    storage_class: o.storage_class,
  };
}

function recordOf(row: ObjectRow): ObjectRecord {
  return {
    bucket: row.bucket,
    key: row.key.toString('utf8'),
    size: row.size,
    etag: row.etag,
    last_modified_ms: row.last_modified_ms,
    content_type: row.content_type,
    user_metadata: JSON.parse(row.user_metadata) as Record<string, string>,
    system_metadata: JSON.parse(row.system_metadata) as Record<string, string>,
    checksums: JSON.parse(row.checksums) as Record<string, string>,
    checksum_type: row.checksum_type,
    location: row.mount_id === null ? null : { mount_id: row.mount_id, path: row.ufs_path ?? '' },
    ufs_version: row.ufs_version,
    tags: JSON.parse(row.tags) as { key: string; value: string }[],
    owner: row.owner,
    parts_count: row.parts_count,
    storage_class: row.storage_class,
  };
}
