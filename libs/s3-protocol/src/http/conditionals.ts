// Conditional requests (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since and CopyObject's
// x-amz-copy-source-if-*), evaluated in RFC 9110 §13.2.2 order. That order already yields S3's two documented special
// cases: If-Match true + If-Unmodified-Since false → proceed (the date is not consulted once If-Match is present),
// and If-None-Match false + If-Modified-Since true → 304 (If-None-Match decides).

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifUnmodifiedSince?: string;
}

export interface ConditionalTarget {
  /** The object's ETag, unquoted (`d41d8cd9…` or `<hex>-N`). */
  etag: string;
  lastModifiedMs: number;
}

export type PreconditionResult = 'proceed' | 'not-modified' | 'precondition-failed';

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;
const header = (h: HeaderBag, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

export function readPreconditions(headers: HeaderBag): Preconditions {
  return {
    ifMatch: header(headers, 'if-match'),
    ifNoneMatch: header(headers, 'if-none-match'),
    ifModifiedSince: header(headers, 'if-modified-since'),
    ifUnmodifiedSince: header(headers, 'if-unmodified-since'),
  };
}

export function readCopySourcePreconditions(headers: HeaderBag): Preconditions {
  return {
    ifMatch: header(headers, 'x-amz-copy-source-if-match'),
    ifNoneMatch: header(headers, 'x-amz-copy-source-if-none-match'),
    ifModifiedSince: header(headers, 'x-amz-copy-source-if-modified-since'),
    ifUnmodifiedSince: header(headers, 'x-amz-copy-source-if-unmodified-since'),
  };
}

interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** An ETag list: `*`, `"a"`, `W/"a"`, and, as S3 accepts, bare `a`. undefined = `*`. */
function parseEtagList(value: string): EntityTag[] | undefined {
  const tags: EntityTag[] = [];
  for (const raw of value.split(',')) {
    let t = raw.trim();
    if (t === '') continue;
    if (t === '*') return undefined;
    const weak = t.startsWith('W/');
    if (weak) t = t.slice(2);
    if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
    tags.push({ weak, opaque: t });
  }
  return tags;
}

/** If-Match: strong comparison (a weak tag never matches). */
function matchesStrong(value: string, obj: ConditionalTarget | undefined): boolean {
  if (!obj) return false;
  const tags = parseEtagList(value);
  return tags === undefined || tags.some((t) => !t.weak && t.opaque === obj.etag);
}

/** If-None-Match: weak comparison. */
function matchesWeak(value: string, obj: ConditionalTarget | undefined): boolean {
  if (!obj) return false;
  const tags = parseEtagList(value);
  return tags === undefined || tags.some((t) => t.opaque === obj.etag);
}

/** HTTP-date → whole seconds since the epoch; undefined when unparseable (the header is then ignored). */
function parseHttpDateSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Evaluates GetObject/HeadObject/PutObject preconditions against the current object (`undefined` when there is
 * none). Last-Modified is compared at one-second granularity, as HTTP dates carry. If-Modified-Since applies only to
 * GET and HEAD. On a missing object If-Match fails (412) and If-None-Match succeeds; the caller decides whether a
 * missing object is NoSuchKey first (GET/HEAD do; PutObject with If-Match answers NoSuchKey in S3, too).
 */
export function evaluatePreconditions(
  pre: Preconditions,
  obj: ConditionalTarget | undefined,
  method: string,
): PreconditionResult {
  const readLike = method === 'GET' || method === 'HEAD';
  // 1-2: If-Match, else If-Unmodified-Since.
  if (pre.ifMatch !== undefined && pre.ifMatch.trim() !== '') {
    if (!matchesStrong(pre.ifMatch, obj)) return 'precondition-failed';
  } else {
    const since = parseHttpDateSeconds(pre.ifUnmodifiedSince);
    if (since !== undefined && obj && seconds(obj.lastModifiedMs) > since) return 'precondition-failed';
  }
  // 3-4: If-None-Match, else If-Modified-Since (GET/HEAD only).
  if (pre.ifNoneMatch !== undefined && pre.ifNoneMatch.trim() !== '') {
    if (matchesWeak(pre.ifNoneMatch, obj)) return readLike ? 'not-modified' : 'precondition-failed';
  } else if (readLike) {
    const since = parseHttpDateSeconds(pre.ifModifiedSince);
    if (since !== undefined && obj && seconds(obj.lastModifiedMs) <= since) return 'not-modified';
  }
  return 'proceed';
}

/**
 * CopyObject/UploadPartCopy's x-amz-copy-source-if-* against the source object: same order and special cases, but
 * every failure (including "not modified") is 412 PreconditionFailed, as S3 documents for CopyObject.
 */
export function evaluateCopySourcePreconditions(pre: Preconditions, source: ConditionalTarget): 'proceed' | 'precondition-failed' {
  return evaluatePreconditions(pre, source, 'GET') === 'proceed' ? 'proceed' : 'precondition-failed';
}
