import { immediateSuccessor, prefixSuccessor, utf8 } from './byte-keys';

/** What the listing needs of an upload row: its position in the order (key bytes, initiation time, id). */
export interface UploadPosition {
  key: Buffer;
  initiated_ms: number;
  upload_id: string;
}

/**
 * A bucket's ACTIVE uploads strictly after `after` in (key, initiated_ms, upload_id) order, with key < `toExclusive`
 * (no bound when undefined), at most `limit`, stepped lazily.
 */
export type UploadScan<R extends UploadPosition> = (after: UploadPosition, toExclusive: Buffer | undefined, limit: number) => Iterable<R>;

export interface UploadListQuery {
  prefix: string;
  delimiter: string;
  keyMarker: string;
  /** The position of the upload-id-marker's upload when it is one of keyMarker's uploads; else keyMarker alone counts. */
  uploadMarker?: { initiated_ms: number; upload_id: string };
  maxUploads: number;
}

export interface UploadListPage<R> {
  uploads: R[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last entry of the page, undefined for an empty page. */
  last?: { key: string; uploadId: string };
}

/** Before every real upload of its key (initiation times are epoch milliseconds, never this small). */
const FIRST = { initiated_ms: Number.MIN_SAFE_INTEGER, upload_id: '' };

/**
 * One page of ListMultipartUploads with S3's delimiter roll-up: `listPage`'s seek-past-each-common-prefix walk, with
 * a cursor that also orders the many uploads one key may have. Memory is one page; reads are (entries + 1) seeks.
 */
export function listUploadsPage<R extends UploadPosition>(scan: UploadScan<R>, query: UploadListQuery): UploadListPage<R> {
  const prefix = utf8(query.prefix);
  const delimiter = utf8(query.delimiter);
  const keyMarker = utf8(query.keyMarker);
  const upper = prefix.length > 0 ? prefixSuccessor(prefix) : undefined;
  // S3: key-marker alone lists keys strictly after it; with upload-id-marker, also that key's later uploads.
  let from: UploadPosition | undefined =
    keyMarker.length === 0 || keyMarker.compare(prefix) < 0
      ? { key: prefix, ...FIRST }
      : query.uploadMarker
        ? { key: keyMarker, initiated_ms: query.uploadMarker.initiated_ms, upload_id: query.uploadMarker.upload_id }
        : { key: immediateSuccessor(keyMarker), ...FIRST };
  // One entry beyond the page says whether it is truncated (so max-uploads=0 still answers that question).
  const want = query.maxUploads + 1;
  const entries: Array<{ row: R; commonPrefix?: undefined } | { row?: undefined; commonPrefix: Buffer }> = [];

  scanning: while (from !== undefined && entries.length < want) {
    if (upper !== undefined && from.key.compare(upper) >= 0) break;
    const limit = want - entries.length;
    let rows = 0;
    let last: R | undefined;
    let seek: Buffer | undefined | null = null; // null: no common prefix met in this batch
    for (const row of scan(from, upper, limit)) {
      rows++;
      last = row;
      const at = delimiter.length > 0 ? row.key.indexOf(delimiter, prefix.length) : -1;
      if (at < 0) {
        entries.push({ row });
        if (entries.length >= want) break scanning;
        continue;
      }
      const commonPrefix = row.key.subarray(0, at + delimiter.length);
      // As in ListObjects: a common prefix at or before the key marker was on an earlier page.
      if (commonPrefix.compare(keyMarker) > 0) entries.push({ commonPrefix });
      seek = prefixSuccessor(commonPrefix);
      break;
    }
    if (seek !== null) from = seek === undefined ? undefined : { key: seek, ...FIRST };
    else if (rows < limit || last === undefined) break;
    else from = { key: last.key, initiated_ms: last.initiated_ms, upload_id: last.upload_id };
  }

  const page = entries.slice(0, query.maxUploads);
  const uploads: R[] = [];
  const commonPrefixes: string[] = [];
  for (const e of page) {
    if (e.commonPrefix) commonPrefixes.push(e.commonPrefix.toString('utf8'));
    else uploads.push(e.row);
  }
  const tail = page[page.length - 1];
  const last =
    tail === undefined
      ? undefined
      : tail.commonPrefix
        ? { key: tail.commonPrefix.toString('utf8'), uploadId: '' }
        : { key: tail.row.key.toString('utf8'), uploadId: tail.row.upload_id };
  return { uploads, commonPrefixes, isTruncated: entries.length > query.maxUploads, last };
}
