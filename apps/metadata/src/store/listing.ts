import { immediateSuccessor, prefixSuccessor, utf8 } from './byte-keys';

/** What a listing needs of one object row (the key as raw UTF-8 bytes). */
export interface ListRow {
  key: Buffer;
  size: number;
  etag: string;
  last_modified_ms: number;
  owner: string;
  storage_class: string;
}

/**
 * One bucket's rows with `fromInclusive <= key < toExclusive` (no upper bound when undefined), in byte order, at most
 * `limit` of them. Stepped lazily: the listing stops reading as soon as it has what it needs.
 */
export type RangeScan = (fromInclusive: Buffer, toExclusive: Buffer | undefined, limit: number) => Iterable<ListRow>;

export interface ListQuery {
  prefix: string;
  /** Empty = no roll-up; any string, not only "/". */
  delimiter: string;
  /** Exclusive: only keys and common prefixes strictly after this. */
  startAfter: string;
  /** Keys + common prefixes in the page, 0..1000. */
  maxKeys: number;
}

export interface ObjectSummary {
  key: string;
  size: number;
  etag: string;
  last_modified_ms: number;
  owner: string;
  storage_class: string;
}

export interface ListPage {
  objects: ObjectSummary[];
  commonPrefixes: string[];
  /** True only when at least one more key or common prefix follows this page. */
  isTruncated: boolean;
  /** The last key or common prefix of the page ('' for an empty page): the next page's startAfter. */
  nextMarker: string;
}

type Entry = { row: ListRow; commonPrefix?: undefined } | { row?: undefined; commonPrefix: Buffer };

/**
 * One page of a bucket's ordered index with S3's delimiter roll-up, over any store's range scan.
 *
 * After a common prefix is emitted the scan seeks past every key that starts with it, so a page costs at most
 * (entries + 1) seeks whatever the number of keys under each prefix, and memory holds one page, never the bucket.
 */
export function listPage(scan: RangeScan, query: ListQuery): ListPage {
  // S3 answers max-keys=0 with an empty, untruncated page (ceph s3-tests: test_bucket_list_maxkeys_zero).
  if (query.maxKeys <= 0) return { objects: [], commonPrefixes: [], isTruncated: false, nextMarker: '' };
  const prefix = utf8(query.prefix);
  const delimiter = utf8(query.delimiter);
  const startAfter = utf8(query.startAfter);
  const upper = prefix.length > 0 ? prefixSuccessor(prefix) : undefined;
  let from: Buffer | undefined =
    startAfter.length > 0 && startAfter.compare(prefix) >= 0 ? immediateSuccessor(startAfter) : prefix;
  const want = query.maxKeys + 1; // one entry beyond the page says whether it is truncated
  const entries: Entry[] = [];

  scanning: while (from !== undefined && entries.length < want) {
    if (upper !== undefined && from.compare(upper) >= 0) break;
    const limit = want - entries.length;
    let rows = 0;
    let last: Buffer | undefined;
    let seek: Buffer | undefined | null = null; // null: no common prefix met in this batch
    for (const row of scan(from, upper, limit)) {
      rows++;
      last = row.key;
      const at = delimiter.length > 0 ? row.key.indexOf(delimiter, prefix.length) : -1;
      if (at < 0) {
        entries.push({ row });
        if (entries.length >= want) break scanning;
        continue;
      }
      const commonPrefix = row.key.subarray(0, at + delimiter.length);
      // A common prefix at or before start_after (start_after = 'a/b' or 'a/' under 'a/') was on an earlier page:
      // S3 lists a common prefix only when it sorts after the marker.
      if (commonPrefix.compare(startAfter) > 0) entries.push({ commonPrefix });
      seek = prefixSuccessor(commonPrefix);
      break;
    }
    if (seek !== null) from = seek; // past the whole common prefix; undefined (all 0xFF) = nothing can follow
    else if (rows < limit || last === undefined) break; // the range is exhausted
    else from = immediateSuccessor(last);
  }

  const page = entries.slice(0, query.maxKeys);
  const objects: ObjectSummary[] = [];
  const commonPrefixes: string[] = [];
  for (const e of page) {
    if (e.commonPrefix) commonPrefixes.push(e.commonPrefix.toString('utf8'));
    else objects.push(summaryOf(e.row));
  }
  const tail = page[page.length - 1];
  const nextMarker = tail === undefined ? '' : tail.commonPrefix ? tail.commonPrefix.toString('utf8') : tail.row.key.toString('utf8');
  return { objects, commonPrefixes, isTruncated: entries.length > query.maxKeys, nextMarker };
}

function summaryOf(row: ListRow): ObjectSummary {
  return {
    key: row.key.toString('utf8'),
    size: row.size,
    etag: row.etag,
    last_modified_ms: row.last_modified_ms,
    owner: row.owner,
    storage_class: row.storage_class,
  };
}
