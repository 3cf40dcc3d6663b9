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

/** Bytes on their way to an object (or a staged part): invisible until `commit`, gone after `abort`. */
export interface StagedWrite<S extends ObjectStat = ObjectStat> {
  /** Appends `chunk`. Up to `writeDepth` calls may be in flight at once (each one's bytes go after the last's). */
  write(chunk: Buffer): Promise<void>;
  /** How many writes may be in flight at once: 1 (the default) unless each write knows its own position. */
  readonly writeDepth?: number;
  /**
   * Makes the bytes the object at the key (last commit wins) and returns its stat. When `signal` has fired by the
   * last moment before the bytes become visible, nothing becomes visible and commit throws.
   */
  commit(signal?: AbortSignal): Promise<S>;
  /** Drops the staged bytes; safe to call more than once, and after a failed commit. */
  abort(): Promise<void>;
}

/** What an object is besides its bytes, for a UFS that keeps it with them (S3 metadata); others ignore it. */
export interface ObjectDescription {
  contentType?: string;
  userMetadata?: Record<string, string>;
  /** cache-control, content-disposition, content-encoding, content-language, expires */
  systemMetadata?: Record<string, string>;
  tags?: Array<{ key: string; value: string }>;
}

/** One multipart part: which upload (validated by ../staging-target.ts before any adapter sees it) and which part. */
export interface PartTarget {
  uploadId: string;
  /** 1..10000 */
  partNumber: number;
  /** The part's size when known before its bytes (Content-Length, a copy range): lets an adapter place it in advance. */
  expectedSize?: number;
  /** The upload's object, as ObjectDescription (a backend upload created on this part carries it). */
  description?: ObjectDescription;
}

/** A committed staged part: its stat plus where it is, in the adapter's own opaque words. */
export interface StagedPartStat extends ObjectStat {
  /**
   * Handed back to the gateway as `staged_location.path` and passed to `compose` unchanged; only the adapter that
   * wrote it interprets it (local: `.silt/staging/<upload_id>/<part_number>`; S3: its upload id, part and ETag).
   */
  stagedPath: string;
}

/** A staged part as recorded when it was written: compose fails ABORTED when the bytes there are no longer these. */
export interface ComposeSource {
  stagedPath: string;
  /** Empty = any. */
  version: string;
  size: number;
}

/** One object of a UFS listing. */
export interface UfsListEntry {
  /** The object's key in its bucket. */
  key: string;
  size: number;
  /** As ObjectStat.version. */
  version: string;
  lastModifiedMs: number;
}

export interface UfsAdapter {
  /** undefined when there is no object at the key. */
  stat(bucket: string, key: string): Promise<ObjectStat | undefined>;
  /**
   * NoSuchKey when there is no object at the key. `known`: the version and size the caller expects (its reads are
   * of that version only); an adapter whose reads check the version themselves may trust it instead of a stat, and
   * report a changed or deleted object as UfsVersionChanged on the read.
   */
  openRead(bucket: string, key: string, known?: { version: string; size: number }): Promise<ObjectReader>;
  /** NoSuchBucket when the bucket's directory does not exist; key errors (InvalidArgument, ...) before any I/O. */
  beginWrite(bucket: string, key: string, description?: ObjectDescription): Promise<StagedWrite>;
  /**
   * Deletes the object; false when there was none. With `ifVersion`, deletes only that version: false (nothing
   * deleted) when another one is there — a newer write won, and the caller's record of the old one is what goes.
   */
  delete(bucket: string, key: string, ifVersion?: string): Promise<boolean>;
  /** Makes the bucket's directory; idempotent. */
  createDirectory(bucket: string): Promise<void>;
  /** Removes the bucket's directory when it holds no objects (only empty directories); else BucketNotEmpty. */
  deleteDirectory(bucket: string): Promise<void>;

  // Multipart. Parts live in a staging area of the mount that is never a bucket and never listed; the gateway owns
  // the upload's record (metadata), the adapter only the bytes. Shaped so that an S3 adapter can map it onto a real
  // multipart upload of the backend: beginPartWrite = UploadPart (the backend upload created on first use and found
  // again by upload id), compose = CompleteMultipartUpload, deleteStaging = AbortMultipartUpload, reapStaging = abort
  // of uploads initiated before the cutoff.

  /**
   * Begins writing a part of the upload whose object will be `bucket`/`key`: the same checks as `beginWrite`
   * (NoSuchBucket, key errors) before any I/O, but commit puts the bytes into staging, never at the key, replacing
   * an earlier part with the same number.
   */
  beginPartWrite(bucket: string, key: string, part: PartTarget): Promise<StagedWrite<StagedPartStat>>;
  /**
   * Concatenates staged parts, in order, into the object at the key, atomically (nothing visible until the whole
   * object is, last commit wins). Every part is checked where it is read: gone -> InvalidPart, other bytes than
   * recorded (version or size) -> UfsVersionChanged. `observe`, when given, is called with every byte of the
   * composed object, in order, before compose resolves (the caller's MD5 and checksums); a chunk is valid only during
   * the call. An adapter that composes without moving bytes itself (S3) reads the result back through `observe`.
   * Without `observe` the caller wants no digest, so the adapter reads nothing it does not have to (a one-part
   * compose may be a link, a remote one a server-side compose). Staged parts are left in place: a Complete that
   * fails after compose can be retried.
   */
  compose(bucket: string, key: string, parts: readonly ComposeSource[], observe: ((chunk: Buffer) => void) | undefined, signal?: AbortSignal): Promise<ObjectStat>;
  /** Drops every staged part of the upload; idempotent. */
  deleteStaging(uploadId: string): Promise<void>;
  /**
   * Drops uploads whose staged parts were all last written before `cutoffMs` (epoch ms), never a write in flight;
   * returns the upload ids dropped.
   */
  reapStaging(cutoffMs: number): Promise<string[]>;
  /**
   * The bucket's objects whose keys start with `prefix` (metadata sync), produced as the caller iterates: never the
   * whole listing in memory. Order is the adapter's (S3: byte order; local: directory order). Silt's hidden files
   * and keys Silt cannot address are left out. Absent: the UFS cannot be listed (no sync).
   */
  list?(bucket: string, prefix?: string, startAfter?: string): AsyncIterable<UfsListEntry>;
  /** Mirrors the object's tag set where the UFS keeps tags (S3); absent = it does not. NoSuchKey when absent. */
  setTags?(bucket: string, key: string, tags: ReadonlyArray<{ key: string; value: string }>): Promise<void>;
  close?(): Promise<void>;
}
