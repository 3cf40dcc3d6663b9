import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';

/** One version of one object: everything a page key needs except the page index. */
export interface ObjectRef {
  mountId: string;
  path: string;
  /** Opaque UFS version; part of every key, so a new version never meets old pages. */
  version: string;
  /** Fixes how many pages there are and the last page's length. */
  sizeBytes: number;
}

/** The pages a byte range touches: pages first..last, cut to [startInFirst, endInLast) at the edges. */
export interface PageSpan {
  /** Absolute byte range actually served, [offset, end). */
  offset: number;
  end: number;
  first: number;
  /** Inclusive; last < first when the range is empty. */
  last: number;
}

export function pageCountOf(sizeBytes: number, pageSizeBytes: number): number {
  return Math.ceil(sizeBytes / pageSizeBytes);
}

/** Length of page `index`: pageSize, except the last page, which ends with the object. */
export function pageLengthOf(index: number, sizeBytes: number, pageSizeBytes: number): number {
  return Math.max(0, Math.min(pageSizeBytes, sizeBytes - index * pageSizeBytes));
}

/**
 * The pages [offset, offset+length) touches (length -1 = to the end; a length past the end is cut at the end).
 * An offset past the end is InvalidRange; an offset equal to the size is an empty read (a 0-byte object reads so).
 */
export function pageSpanOf(sizeBytes: number, pageSizeBytes: number, offset: number, length: number): PageSpan {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < -1) {
    throw new S3Error('InvalidArgument', `bad range: offset ${offset}, length ${length}`);
  }
  if (offset > sizeBytes) throw new S3Error('InvalidRange');
  const end = length === -1 ? sizeBytes : Math.min(sizeBytes, offset + length);
  if (end === offset) return { offset, end, first: 0, last: -1 };
  return { offset, end, first: Math.floor(offset / pageSizeBytes), last: Math.floor((end - 1) / pageSizeBytes) };
}

/** The part of page `index` that falls inside the span, relative to the page's start. */
export function sliceOfPage(span: PageSpan, index: number, pageSizeBytes: number): { start: number; end: number } {
  const pageStart = index * pageSizeBytes;
  return {
    start: Math.max(span.offset, pageStart) - pageStart,
    end: Math.min(span.end, pageStart + pageSizeBytes) - pageStart,
  };
}

/** The in-memory key of a page; NUL cannot occur in a mount id, a logical path or a version. */
export function pageKeyOf(ref: ObjectRef, index: number): string {
  return `${ref.mountId}\0${ref.path}\0${ref.version}\0${index}`;
}

/** The disk name of a page: sha256 of its key, so a lookup is "does this file exist" and no name can escape the dir. */
export function pageHashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * A worker's disk-tier layout, shared by the worker that writes it and a same-host gateway that reads it directly
 * (short-circuit): pages live under `<disk dir>/pages/<first 2 hex>/<hash>`.
 */
export function pagesDirOf(diskDir: string): string {
  return join(diskDir, 'pages');
}

export function pageFileOf(diskDir: string, hash: string): string {
  return join(diskDir, 'pages', hash.slice(0, 2), hash);
}
