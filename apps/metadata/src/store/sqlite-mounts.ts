import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { MountInfo__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/MountInfo';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { mountPointBucket, parseUfsUri, redactOptions, validateMountOptions } from '../../../../libs/mounts/src/mount-spec';
import type { BucketRow } from './sqlite-records';

export type MountInfo = MountInfo__Output;

export interface MountInput {
  mountPoint: string;
  ufsUri: string;
  options: Record<string, string>;
  owner: string;
  region: string;
  /** Declared in config: re-applied at every start (its URI and options may change there). */
  fromConfig?: boolean;
}

interface MountRow {
  mount_id: string;
  bucket: string;
  ufs_uri: string;
  options: string; // JSON, credentials included: this database is the service's own
  created_ms: number;
  from_config: number;
}

/** The mount table, in the metadata database: a mount and its bucket are created and dropped together. */
export class SqliteMountStore {
  private readonly stmt;
  private readonly tx;

  constructor(
    db: Database.Database,
    private readonly deps: {
      now: () => number;
      insertBucket: (row: BucketRow) => void;
      getBucket: (name: string) => BucketRow | undefined;
      /** Removes the bucket's row, its object records and its uploads. */
      dropBucket: (name: string) => void;
    },
  ) {
    this.stmt = {
      insert: db.prepare<[MountRow]>(
        'INSERT INTO mounts (mount_id, bucket, ufs_uri, options, created_ms, from_config) VALUES (@mount_id, @bucket, @ufs_uri, @options, @created_ms, @from_config)',
      ),
      update: db.prepare<[string, string, number, string]>('UPDATE mounts SET ufs_uri = ?, options = ?, from_config = ? WHERE mount_id = ?'),
      byBucket: db.prepare<[string], MountRow>('SELECT * FROM mounts WHERE bucket = ?'),
      byId: db.prepare<[string], MountRow>('SELECT * FROM mounts WHERE mount_id = ?'),
      all: db.prepare<[], MountRow>('SELECT * FROM mounts ORDER BY bucket'),
      remove: db.prepare<[string]>('DELETE FROM mounts WHERE mount_id = ?'),
    };
    this.tx = {
      mount: db.transaction((input: MountInput): MountRow => {
        const bucket = mountPointBucket(input.mountPoint);
        const uri = parseUfsUri(input.ufsUri);
        const options = JSON.stringify(validateMountOptions(uri, input.options));
        const existing = this.stmt.byBucket.get(bucket);
        if (existing) {
          // Re-applying a config-declared mount (or the same mount again) updates it in place: same id, same index.
          if (input.fromConfig || (existing.ufs_uri === input.ufsUri && existing.options === options)) {
            this.stmt.update.run(input.ufsUri, options, input.fromConfig ? 1 : existing.from_config, existing.mount_id);
            return this.stmt.byId.get(existing.mount_id)!;
          }
          throw new S3Error('InvalidBucketState', `/${bucket} is already a mount point (of ${existing.ufs_uri}); unmount it first.`);
        }
        if (this.deps.getBucket(bucket)) throw new S3Error('BucketAlreadyExists', `A bucket named "${bucket}" already exists; a mount point needs a free name.`, { BucketName: bucket });
        const row: MountRow = {
          mount_id: `m-${randomBytes(6).toString('hex')}`,
          bucket,
          ufs_uri: input.ufsUri,
          options,
          created_ms: this.deps.now(),
          from_config: input.fromConfig ? 1 : 0,
        };
        this.stmt.insert.run(row);
        this.deps.insertBucket({ name: bucket, owner: input.owner, created_ms: row.created_ms, region: input.region, mount_id: row.mount_id, ufs_path: bucket });
        return row;
      }),
      unmount: db.transaction((mountPoint: string): MountRow => {
        const bucket = mountPointBucket(mountPoint);
        const row = this.stmt.byBucket.get(bucket);
        if (!row) throw new S3Error('NoSuchBucket', `/${bucket} is not a mount point.`, { BucketName: bucket });
        this.deps.dropBucket(bucket);
        this.stmt.remove.run(row.mount_id);
        return row;
      }),
    };
  }

  mount(input: MountInput): MountInfo {
    return infoOf(this.tx.mount.immediate(input), false);
  }

  unmount(mountPoint: string): MountInfo {
    return infoOf(this.tx.unmount.immediate(mountPoint), false);
  }

  list(): MountInfo[] {
    return this.stmt.all.all().map((r) => infoOf(r, false));
  }

  /** undefined for an unknown id. */
  get(mountId: string, includeSecrets: boolean): MountInfo | undefined {
    const row = this.stmt.byId.get(mountId);
    return row && infoOf(row, includeSecrets);
  }

  /** The mount whose point is this bucket, if any (DeleteBucket refuses those). */
  byBucket(bucket: string): MountInfo | undefined {
    const row = this.stmt.byBucket.get(bucket);
    return row && infoOf(row, false);
  }
}

function infoOf(row: MountRow, includeSecrets: boolean): MountInfo {
  const options = JSON.parse(row.options) as Record<string, string>;
  return {
    mount_id: row.mount_id,
    mount_point: `/${row.bucket}`,
    ufs_uri: row.ufs_uri,
    options: includeSecrets ? options : redactOptions(options),
    created_ms: row.created_ms,
    from_config: row.from_config === 1,
  };
}
