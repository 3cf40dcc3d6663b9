// The seam between the ufs service and one kind of storage underneath (local directory now, S3 next). Adapters
// deal in bucket + key and bytes; digests, size checks, versions against expectations and gRPC live above them.

export interface ObjectStat {
  size: number;
  /** Opaque; changes whenever the bytes at the path change. Part of every cache key. */
  version: string;
  lastModifiedMs: number;
}

/** An object opened for reading: `stat` describes exactly the bytes `read` returns (no race with writers). */
export interface ObjectReader {
  readonly stat: ObjectStat;
  /** Chunks of at most `chunkBytes` covering [offset, offset + length), clamped to the object's size. */
  read(offset: number, length: number, chunkBytes: number): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

/** Bytes on their way to an object: invisible until `commit`, gone after `abort`. */
export interface StagedWrite {
  write(chunk: Buffer): Promise<void>;
  /**
   * Makes the bytes the object at the key (last commit wins) and returns its stat. When `signal` has fired by the
   * last moment before the bytes become visible, nothing becomes visible and commit throws.
   */
  commit(signal?: AbortSignal): Promise<ObjectStat>;
  /** Drops the staged bytes; safe to call more than once, and after a failed commit. */
  abort(): Promise<void>;
}

export interface UfsAdapter {
  /** undefined when there is no object at the key. */
  stat(bucket: string, key: string): Promise<ObjectStat | undefined>;
  /** NoSuchKey when there is no object at the key. */
  openRead(bucket: string, key: string): Promise<ObjectReader>;
  /** NoSuchBucket when the bucket's directory does not exist; key errors (InvalidArgument, ...) before any I/O. */
  beginWrite(bucket: string, key: string): Promise<StagedWrite>;
  /**
   * Deletes the object; false when there was none. With `ifVersion`, deletes only that version: false (nothing
   * deleted) when another one is there — a newer write won, and the caller's record of the old one is what goes.
   */
  delete(bucket: string, key: string, ifVersion?: string): Promise<boolean>;
  /** Makes the bucket's directory; idempotent. */
  createDirectory(bucket: string): Promise<void>;
  /** Removes the bucket's directory when it holds no objects (only empty directories); else BucketNotEmpty. */
  deleteDirectory(bucket: string): Promise<void>;
  close?(): Promise<void>;
}
