import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { utf8 } from './byte-keys';
import type { CommitObjectInput, CommitObjectResult, ObjectRecord } from './metadata-store';
import type {
  CompleteUploadInput,
  ListPartsQuery,
  ListUploadsQuery,
  MultipartStore,
  Part,
  PartsPage,
  ReapResult,
  Upload,
  UploadRef,
  UploadsPage,
  UploadState,
} from './multipart-store';
import { partOf, partRowOf, uploadOf, uploadRowOf, type PartRow, type UploadRow } from './sqlite-records';
import type { GroupCommit } from './group-commit';
import { listUploadsPage, type UploadPosition } from './upload-listing';

/** What the multipart half needs of the store that owns the connection (same database, same transactions). */
export interface SqliteMultipartDeps {
  db: Database.Database;
  /** PutPart's transactions are shared with concurrent CommitObject/PutPart calls. */
  group: GroupCommit;
  now: () => number;
  /** CommitObject's body, to run inside a transaction that is already open. */
  commitInTransaction: (input: CommitObjectInput) => CommitObjectResult;
  /** NoSuchBucket when absent. */
  requireBucket: (name: string) => void;
}

/** S3's limits on part numbers (UploadPart answers InvalidArgument outside them). */
const MAX_PART_NUMBER = 10_000;

const UPLOAD_ORDER = 'ORDER BY key, initiated_ms, upload_id';
const UPLOADS_AFTER = `bucket = @bucket AND state = 'ACTIVE' AND (key, initiated_ms, upload_id) > (@key, @initiated_ms, @upload_id)`;

/** 24 random bytes as base64url: 32 URL-safe characters, 192 bits, so upload ids cannot be guessed. */
export function newUploadId(): string {
  return randomBytes(24).toString('base64url');
}

/** Multipart state in the embedded store: tables `uploads` and `parts` (migration 2 in sqlite-store.ts). */
export class SqliteMultipartStore implements MultipartStore {
  private readonly stmt;
  private readonly tx;

  constructor(private readonly deps: SqliteMultipartDeps) {
    const { db } = deps;
    this.stmt = {
      insertUpload: db.prepare<[UploadRow]>(
        `INSERT INTO uploads (upload_id, bucket, key, initiated_ms, owner, content_type, user_metadata, system_metadata, tags,
           checksum_algorithm, checksum_type, state, state_ms, mount_id, ufs_path, result, storage_class)
         VALUES (@upload_id, @bucket, @key, @initiated_ms, @owner, @content_type, @user_metadata, @system_metadata, @tags,
           @checksum_algorithm, @checksum_type, @state, @state_ms, @mount_id, @ufs_path, @result, @storage_class)`,
      ),
      getUpload: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE upload_id = ?'),
      setState: db.prepare<[{ upload_id: string; state: UploadState; state_ms: number; result: string | null }]>(
        'UPDATE uploads SET state = @state, state_ms = @state_ms, result = @result WHERE upload_id = @upload_id',
      ),
      getPart: db.prepare<[string, number], PartRow>('SELECT * FROM parts WHERE upload_id = ? AND part_number = ?'),
      putPart: db.prepare<[PartRow]>(
        `INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, last_modified_ms, checksums, mount_id, ufs_path, ufs_version)
         VALUES (@upload_id, @part_number, @size, @etag, @last_modified_ms, @checksums, @mount_id, @ufs_path, @ufs_version)`,
      ),
      listParts: db.prepare<[string, number, number], PartRow>(
        'SELECT * FROM parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?',
      ),
      deleteParts: db.prepare<[string]>('DELETE FROM parts WHERE upload_id = ?'),
      scanFrom: db.prepare<[UploadPosition & { bucket: string; limit: number }], UploadRow>(
        `SELECT * FROM uploads WHERE ${UPLOADS_AFTER} ${UPLOAD_ORDER} LIMIT @limit`,
      ),
      scanBetween: db.prepare<[UploadPosition & { bucket: string; to: Buffer; limit: number }], UploadRow>(
        `SELECT * FROM uploads WHERE ${UPLOADS_AFTER} AND key < @to ${UPLOAD_ORDER} LIMIT @limit`,
      ),
      expireParts: db.prepare<[number]>(
        `DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE state = 'ACTIVE' AND state_ms < ?)`,
      ),
      expireUploads: db.prepare<[number, number]>(
        `UPDATE uploads SET state = 'ABORTED', state_ms = ? WHERE state = 'ACTIVE' AND state_ms < ?`,
      ),
      purgeUploads: db.prepare<[number]>(`DELETE FROM uploads WHERE state IN ('COMPLETED', 'ABORTED') AND state_ms < ?`),
      deleteBucketParts: db.prepare<[string]>('DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = ?)'),
      deleteBucketUploads: db.prepare<[string]>('DELETE FROM uploads WHERE bucket = ?'),
    };
    this.tx = {
      createUpload: db.transaction((row: UploadRow) => {
        deps.requireBucket(row.bucket);
        this.stmt.insertUpload.run(row);
      }),
      completeUpload: db.transaction((input: CompleteUploadInput): CommitObjectResult => {
        const upload = this.requireUpload(input, ['ACTIVE', 'COMPLETED']);
        // A retried Complete gets the object it produced; this call replaced nothing.
        if (upload.state === 'COMPLETED') return { object: JSON.parse(upload.result ?? 'null') as ObjectRecord };
        // A failed condition throws here and rolls back: the upload stays ACTIVE, as in S3.
        const result = deps.commitInTransaction({
          object: { ...input.object, bucket: upload.bucket, key: input.key },
          ifNoneMatchAny: input.ifNoneMatchAny,
          ifMatchEtag: input.ifMatchEtag,
        });
        this.finish(upload.upload_id, 'COMPLETED', result.object);
        return result;
      }),
      abortUpload: db.transaction((ref: UploadRef): UploadRow => {
        const upload = this.requireUpload(ref, ['ACTIVE']);
        this.finish(upload.upload_id, 'ABORTED', null);
        return this.stmt.getUpload.get(upload.upload_id) as UploadRow;
      }),
      reap: db.transaction((abortBefore: number, purgeBefore: number): ReapResult => {
        this.stmt.expireParts.run(abortBefore);
        const aborted = this.stmt.expireUploads.run(deps.now(), abortBefore).changes;
        const purged = this.stmt.purgeUploads.run(purgeBefore).changes;
        return { aborted, purged };
      }),
    };
  }

  async createUpload(upload: Partial<Upload> & Pick<Upload, 'bucket' | 'key'>): Promise<Upload> {
    if (upload.key === '') throw new S3Error('InvalidArgument', 'An object key must not be empty.');
    const row = uploadRowOf(upload, { upload_id: newUploadId(), bucket: upload.bucket, key: utf8(upload.key), now: this.deps.now() });
    this.tx.createUpload.immediate(row);
    return uploadOf(row);
  }

  async getUpload(ref: UploadRef): Promise<Upload> {
    return uploadOf(this.requireUpload(ref, ['ACTIVE', 'COMPLETED']));
  }

  async putPart(ref: UploadRef, part: Partial<Part> & Pick<Part, 'part_number'>): Promise<Part | undefined> {
    if (!Number.isInteger(part.part_number) || part.part_number < 1 || part.part_number > MAX_PART_NUMBER) {
      throw new S3Error('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`);
    }
    const row = partRowOf(ref.uploadId, part);
    return this.deps.group.submit(() => {
      this.requireUpload(ref, ['ACTIVE']);
      const replaced = this.stmt.getPart.get(row.upload_id, row.part_number);
      this.stmt.putPart.run(row);
      return replaced ? partOf(replaced) : undefined;
    });
  }

  async listParts(ref: UploadRef, query: ListPartsQuery): Promise<PartsPage> {
    if (!Number.isInteger(query.maxParts) || query.maxParts < 0 || query.maxParts > 1000) {
      throw new S3Error('InvalidArgument', 'max-parts must be in 0..1000.');
    }
    if (!Number.isInteger(query.partNumberMarker) || query.partNumberMarker < 0) {
      throw new S3Error('InvalidArgument', 'part-number-marker must be a non-negative integer.');
    }
    // A read transaction: the upload and its parts as of one instant.
    return this.deps.db.transaction((): PartsPage => {
      const upload = this.requireUpload(ref, ['ACTIVE']);
      // One row beyond the page says whether it is truncated (max-parts=0 included).
      const rows = this.stmt.listParts.all(upload.upload_id, query.partNumberMarker, query.maxParts + 1);
      const parts = rows.slice(0, query.maxParts).map(partOf);
      return {
        upload: uploadOf(upload),
        parts,
        isTruncated: rows.length > query.maxParts,
        nextPartNumberMarker: parts.length ? parts[parts.length - 1].part_number : query.partNumberMarker,
      };
    })();
  }

  async listUploads(bucket: string, query: ListUploadsQuery): Promise<UploadsPage> {
    if (!Number.isInteger(query.maxUploads) || query.maxUploads < 0 || query.maxUploads > 1000) {
      throw new S3Error('InvalidArgument', 'max-uploads must be in 0..1000.');
    }
    // One synchronous call: no other statement runs on the connection while a scan's iterator is open.
    return this.deps.db.transaction((): UploadsPage => {
      this.deps.requireBucket(bucket);
      const keyMarker = query.keyMarker;
      const uploadIdMarker = keyMarker === '' ? '' : query.uploadIdMarker;
      // The marker upload's place in the order (it may have completed or been aborted since: its row still says where
      // it was). An id that is not one of key-marker's uploads counts as absent: key-marker alone.
      const marker = uploadIdMarker === '' ? undefined : this.stmt.getUpload.get(uploadIdMarker);
      const uploadMarker = marker && marker.bucket === bucket && marker.key.equals(utf8(keyMarker)) ? marker : undefined;
      const page = listUploadsPage(
        (after, to, limit) => {
          const at = { bucket, key: after.key, initiated_ms: after.initiated_ms, upload_id: after.upload_id, limit };
          return to === undefined ? this.stmt.scanFrom.iterate(at) : this.stmt.scanBetween.iterate({ ...at, to });
        },
        { prefix: query.prefix, delimiter: query.delimiter, keyMarker, uploadMarker, maxUploads: query.maxUploads },
      );
      return {
        uploads: page.uploads.map(uploadOf),
        commonPrefixes: page.commonPrefixes,
        isTruncated: page.isTruncated,
        nextKeyMarker: page.last ? page.last.key : keyMarker,
        nextUploadIdMarker: page.last ? page.last.uploadId : uploadIdMarker,
      };
    })();
  }

  async completeUpload(input: CompleteUploadInput): Promise<CommitObjectResult> {
    return this.tx.completeUpload.immediate(input);
  }

  async abortUpload(ref: UploadRef): Promise<Upload> {
    return uploadOf(this.tx.abortUpload.immediate(ref));
  }

  async reapUploads(abortInitiatedBeforeMs: number, purgeBeforeMs: number): Promise<ReapResult> {
    return this.tx.reap.immediate(abortInitiatedBeforeMs, purgeBeforeMs);
  }

  /** Inside DeleteBucket's transaction: S3 deletes a bucket with uploads in progress, and they go with it. */
  deleteBucketUploads(bucket: string): void {
    this.stmt.deleteBucketParts.run(bucket);
    this.stmt.deleteBucketUploads.run(bucket);
  }

  private finish(uploadId: string, state: UploadState, result: ObjectRecord | null): void {
    this.stmt.setState.run({ upload_id: uploadId, state, state_ms: this.deps.now(), result: result && JSON.stringify(result) });
    this.stmt.deleteParts.run(uploadId);
  }

  /** The upload named by all three of bucket, key and id, in one of `states`; else NoSuchBucket or NoSuchUpload. */
  private requireUpload(ref: UploadRef, states: readonly UploadState[]): UploadRow {
    const row = this.stmt.getUpload.get(ref.uploadId);
    if (row && row.bucket === ref.bucket && row.key.equals(utf8(ref.key)) && states.includes(row.state)) return row;
    this.deps.requireBucket(ref.bucket);
    // S3 answers NoSuchUpload, not NoSuchKey, for an id it does not know under this key.
    throw new S3Error('NoSuchUpload', undefined, { UploadId: ref.uploadId });
  }
}
