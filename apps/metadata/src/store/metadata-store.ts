import type { ObjectRecord__Output } from '../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { Bucket__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/Bucket';
import type { ListPage, ListQuery } from './listing';
import type { MultipartStore } from './multipart-store';
import type { SqliteMountStore } from './sqlite-mounts';

/** The mount table (see MountService in metadata.proto). */
export type MountStore = Pick<SqliteMountStore, 'mount' | 'unmount' | 'list' | 'get' | 'byBucket'>;

/** An object's full record, exactly as the contract carries it (every field present). */
export type ObjectRecord = ObjectRecord__Output;
export type Bucket = Bucket__Output;
export interface Tag {
  key: string;
  value: string;
}

/** An object metadata sync found in the UFS. */
export interface SyncEntry {
  key: string;
  size: number;
  version: string;
  lastModifiedMs: number;
  /** The backend's ETag (S3), unquoted; '' = none (a file: the record gets a stand-in). */
  etag: string;
}

export interface CreateBucketInput {
  name: string;
  owner: string;
  region: string;
}

export interface CommitObjectInput {
  object: ObjectRecord;
  /** If-None-Match: * — fail with PreconditionFailed when the key exists. */
  ifNoneMatchAny?: boolean;
  /** If-Match: commit only over a record with this ETag (unquoted; '*' = any existing record). */
  ifMatchEtag?: string;
}

export interface CommitObjectResult {
  object: ObjectRecord;
  /** The record this commit replaced, if any. */
  replaced?: ObjectRecord;
}

/**
 * The namespace's durable state. Errors are S3Errors (NoSuchBucket, NoSuchKey, BucketAlreadyExists,
 * BucketAlreadyOwnedByYou, BucketNotEmpty, PreconditionFailed) so they cross gRPC with their S3 code.
 * Asynchronous so that a networked store (PostgreSQL) can implement it; the embedded one answers synchronously.
 */
export interface MetadataStore {
  /** New bucket at {mount 'root', path <name>}. Existing: BucketAlreadyOwnedByYou (same owner) or BucketAlreadyExists. */
  createBucket(input: CreateBucketInput): Promise<Bucket>;
  /** NoSuchBucket when absent. */
  getBucket(name: string): Promise<Bucket>;
  /** All buckets in name order. */
  listBuckets(): Promise<Bucket[]>;
  /** NoSuchBucket when absent; BucketNotEmpty while any object remains. Uploads in progress go with the bucket. */
  deleteBucket(name: string): Promise<void>;

  /** NoSuchBucket, else NoSuchKey. */
  /** `withParts`: fill `parts` (GetObjectAttributes); left empty otherwise, as every read needs none of it. */
  getObject(bucket: string, key: string, options?: { withParts?: boolean }): Promise<ObjectRecord>;
  /** Upsert (last write wins) under the request's conditions, atomically. */
  commitObject(input: CommitObjectInput): Promise<CommitObjectResult>;
  /**
   * Removes the record if present (and, when `ifUfsVersion` is non-empty, only if it still has that version).
   * Returns what was removed; a missing key is not an error. NoSuchBucket when the bucket is absent.
   */
  deleteObject(bucket: string, key: string, ifUfsVersion?: string): Promise<ObjectRecord | undefined>;
  /** One page of the bucket's index in UTF-8 byte order with delimiter roll-up. NoSuchBucket when absent. */
  listObjects(bucket: string, query: ListQuery): Promise<ListPage>;

  /** The object's tags, in the order they were put ([] when none). NoSuchBucket, else NoSuchKey. */
  getObjectTags(bucket: string, key: string): Promise<Tag[]>;
  /**
   * Replaces the object's whole tag set ([] = none), in the record (ETag, Last-Modified and bytes unchanged, as on
   * S3), atomically with respect to commits: last write wins. NoSuchBucket, else NoSuchKey.
   */
  putObjectTags(bucket: string, key: string, tags: readonly Tag[]): Promise<void>;
  /** The bucket's tag set. NoSuchBucket; NoSuchTagSet when it has none (never tagged, deleted, or put empty). */
  getBucketTags(bucket: string): Promise<Tag[]>;
  /** Replaces the bucket's tag set; [] removes it (GetBucketTagging then answers NoSuchTagSet). NoSuchBucket. */
  putBucketTags(bucket: string, tags: readonly Tag[]): Promise<void>;

  /** Multipart uploads, in the same database: CompleteUpload commits its object atomically with the upload's state. */
  readonly multipart: MultipartStore;
  /** Metadata sync (see SqliteMetadataStore): apply listed objects, sweep unseen records, drop one absent key. */
  syncApply(bucket: string, entries: readonly SyncEntry[], round: number, startedMs: number): Promise<string[]>;
  syncSweep(bucket: string, prefix: string, round: number, startedMs: number): Promise<string[]>;
  syncRemove(bucket: string, key: string, startedMs: number): Promise<boolean>;
  /** The mount table, in the same database: a mount point's bucket is created and dropped with its mount. */
  readonly mounts: MountStore;

  close(): void;
}
