import type { Part__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/Part';
import type { Upload__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/Upload';
import type { CommitObjectResult, ObjectRecord } from './metadata-store';

export type Upload = Upload__Output;
export type Part = Part__Output;
export type UploadState = 'ACTIVE' | 'COMPLETED' | 'ABORTED';

/** Identifies one upload: S3 requests always name bucket, key and uploadId, and all three must match. */
export interface UploadRef {
  bucket: string;
  key: string;
  uploadId: string;
}

export interface ListPartsQuery {
  /** Exclusive. */
  partNumberMarker: number;
  /** 0..1000. */
  maxParts: number;
}

export interface PartsPage {
  upload: Upload;
  parts: Part[];
  isTruncated: boolean;
  /** The last part number returned (the marker itself for an empty page). */
  nextPartNumberMarker: number;
}

export interface ListUploadsQuery {
  prefix: string;
  /** Empty = no roll-up; any string. */
  delimiter: string;
  /** Alone: uploads of keys strictly after it. With uploadIdMarker: also this key's uploads after that one. */
  keyMarker: string;
  /** Ignored without keyMarker. */
  uploadIdMarker: string;
  /** Uploads + common prefixes in the page, 0..1000. */
  maxUploads: number;
}

export interface UploadsPage {
  /** ACTIVE only, by key (UTF-8 bytes), then initiation time, then upload id. */
  uploads: Upload[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last entry of the page (its key, or the common prefix); the request's markers for an empty page. */
  nextKeyMarker: string;
  /** The last upload's id; '' when the page ends with a common prefix. */
  nextUploadIdMarker: string;
}

export interface CompleteUploadInput extends UploadRef {
  /** The composed object; its bucket and key are the upload's. */
  object: ObjectRecord;
  ifNoneMatchAny?: boolean;
  ifMatchEtag?: string;
}

export interface ReapResult {
  /** ACTIVE uploads older than the expiry, now ABORTED. */
  aborted: number;
  /** COMPLETED/ABORTED rows removed. */
  purged: number;
}

/**
 * Multipart upload state. Errors are S3Errors: NoSuchBucket, NoSuchUpload {UploadId}, InvalidArgument,
 * PreconditionFailed / NoSuchKey (Complete's conditions, as CommitObject).
 */
export interface MultipartStore {
  /** A new ACTIVE upload: metadata assigns upload_id, initiated_ms and state; the rest is stored as given. */
  createUpload(upload: Partial<Upload> & Pick<Upload, 'bucket' | 'key'>): Promise<Upload>;
  /** ACTIVE or COMPLETED (with `result`); anything else NoSuchUpload. */
  getUpload(ref: UploadRef): Promise<Upload>;
  /** Upserts a part of an ACTIVE upload; returns the part it replaced. */
  putPart(ref: UploadRef, part: Partial<Part> & Pick<Part, 'part_number'>): Promise<Part | undefined>;
  listParts(ref: UploadRef, query: ListPartsQuery): Promise<PartsPage>;
  listUploads(bucket: string, query: ListUploadsQuery): Promise<UploadsPage>;
  /**
   * One transaction: the object is committed as CommitObject would (conditions, last write wins), the upload becomes
   * COMPLETED with it, its parts are forgotten. Already COMPLETED: the stored result, nothing changed.
   */
  completeUpload(input: CompleteUploadInput): Promise<CommitObjectResult>;
  /** ACTIVE -> ABORTED, parts forgotten; returns the upload (its staged bytes are the caller's to delete). */
  abortUpload(ref: UploadRef): Promise<Upload>;
  /** ACTIVE uploads initiated before `abortInitiatedBeforeMs` -> ABORTED; finished rows older than `purgeBeforeMs` go. */
  reapUploads(abortInitiatedBeforeMs: number, purgeBeforeMs: number): Promise<ReapResult>;
}
