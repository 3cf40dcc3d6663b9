// User and system metadata from request headers, response-* overrides, and HTTP dates. Pure functions.
import { S3Error } from '../errors/s3-errors';
import { stripAwsChunkedEncoding } from '../chunked/aws-chunked';

export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

const META_PREFIX = 'x-amz-meta-';

function headerValue(value: string | readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return decodeHeaderText(typeof value === 'string' ? value : value.join(','));
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * The text a metadata header stands for. Node hands header bytes over as Latin-1 characters: raw UTF-8 from a client
 * is re-read as UTF-8 (when it is valid UTF-8). RFC 2047 encoded words (`=?UTF-8?B?…?=`) are decoded, as S3 does
 * before storing; GET/HEAD encode non-ASCII values the same way on the way out.
 */
export function decodeHeaderText(value: string): string {
  let text = value;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text) && !/[^\x00-\xff]/.test(text)) {
    const utf8 = Buffer.from(text, 'latin1').toString('utf8');
    if (!utf8.includes('\uFFFD')) text = utf8;
  }
  if (!text.includes('=?')) return text;
  return text.replace(ENCODED_WORD, (word, charset: string, encoding: string, data: string) => {
    const cs = charset.toLowerCase().replace(/\*.*$/, '');
    if (cs !== 'utf-8' && cs !== 'us-ascii' && cs !== 'iso-8859-1') return word;
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return bytes.toString(cs === 'utf-8' ? 'utf8' : 'latin1');
  }).replace(/\?=\s+=\?/g, '?==?');
}

/**
 * The `x-amz-meta-*` headers, names lower-cased without the prefix. Their size is, as AWS defines it, the sum of
 * the UTF-8 byte lengths of every name (without the prefix) and value; over `maxSize` is MetadataTooLarge.
 * Repeated headers are joined with ','. Values are kept exactly as given.
 */
export function extractUserMetadata(headers: RequestHeaders, maxSize: number): Record<string, string> {
  // A Map, not an object: `x-amz-meta-constructor` or `x-amz-meta-__proto__` are ordinary names here.
  const meta = new Map<string, string>();
  for (const [rawName, rawValue] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    const value = headerValue(rawValue);
    if (!name.startsWith(META_PREFIX) || value === undefined) continue;
    const key = name.slice(META_PREFIX.length);
    // Node merges repeats into one array already; two spellings of one name (plain objects) merge the same way.
    const previous = meta.get(key);
    meta.set(key, previous === undefined ? value : `${previous},${value}`);
  }
  let size = 0;
  for (const [key, value] of meta) size += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
  if (size > maxSize) {
    throw new S3Error('MetadataTooLarge', undefined, { Size: String(size), MaxSizeAllowed: String(maxSize) });
  }
  return Object.fromEntries(meta);
}

/** The standard headers S3 stores with an object and returns on GET/HEAD. */
export const SYSTEM_METADATA_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
] as const;
export type SystemMetadataHeader = (typeof SYSTEM_METADATA_HEADERS)[number];

/**
 * The stored standard headers, as sent. From Content-Encoding the `aws-chunked` token is dropped (it describes the
 * request framing, not the object): `aws-chunked,gzip` is stored as `gzip`, `aws-chunked` alone as nothing.
 */
export function extractSystemMetadata(headers: RequestHeaders): Partial<Record<SystemMetadataHeader, string>> {
  const lower = lowerCaseKeys(headers);
  const out: Partial<Record<SystemMetadataHeader, string>> = {};
  for (const name of SYSTEM_METADATA_HEADERS) {
    let value = headerValue(lower[name]);
    if (value === undefined) continue;
    if (name === 'content-encoding') value = stripAwsChunkedEncoding(value);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * The Content-Type stored with an object, read as the other stored headers are (raw UTF-8 re-read as UTF-8, RFC 2047
 * words decoded), so GET/HEAD return the text the client sent rather than its UTF-8 bytes re-encoded a second time.
 * Absent or empty: `binary/octet-stream`, S3's default.
 */
export function extractContentType(headers: RequestHeaders): string {
  return headerValue(lowerCaseKeys(headers)['content-type']) || 'binary/octet-stream';
}

function lowerCaseKeys(headers: RequestHeaders): RequestHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

const OVERRIDES: ReadonlyArray<readonly [query: string, header: string]> = [
  ['response-content-type', 'content-type'],
  ['response-content-language', 'content-language'],
  ['response-expires', 'expires'],
  ['response-cache-control', 'cache-control'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
];

// What Node's http layer accepts in a header value; anything else would make writeHead throw (a 500).
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * GetObject/HeadObject `response-*` query parameters as the response headers they override. A value that cannot be
 * sent as a header (CR, LF, other controls, characters above U+00FF) is InvalidArgument, never a 500.
 */
export function responseOverrides(query: ReadonlyMap<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [param, header] of OVERRIDES) {
    const value = query.get(param);
    if (value === undefined) continue;
    if (INVALID_HEADER_CHAR.test(value)) {
      throw new S3Error('InvalidArgument', `The ${param} parameter contains characters not allowed in a header.`, {
        ArgumentName: param,
        ArgumentValue: value,
      });
    }
    headers[header] = value;
  }
  return headers;
}

/** RFC 7231 IMF-fixdate, e.g. `Tue, 24 Nov 2026 20:31:05 GMT` (Last-Modified, Expires, Date). */
export function formatHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
const RFC_850 = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
const ASCTIME = /^[a-z]{3} ([a-z]{3}) ( \d|\d{2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses an HTTP date (If-Modified-Since, x-amz-copy-source-if-*, …) to epoch ms, or undefined when it is none; S3
 * ignores a conditional header it cannot read. Accepts the three forms RFC 7231 requires recipients to read
 * (IMF-fixdate, RFC 850, asctime) and ISO-8601 with a zone, which some clients send. Weekday names are not checked.
 * A two-digit RFC 850 year more than 50 years ahead of `nowMs` is taken as the previous century (RFC 7231 §7.1.1.1).
 */
export function parseHttpDate(value: string, nowMs: number = Date.now()): number | undefined {
  const s = value.trim();
  let m: RegExpExecArray | null;
  if ((m = IMF_FIXDATE.exec(s))) return utc(+m[3], m[2], +m[1], +m[4], +m[5], +m[6]);
  if ((m = RFC_850.exec(s))) {
    const thisYear = new Date(nowMs).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + +m[3];
    if (year > thisYear + 50) year -= 100;
    return utc(year, m[2], +m[1], +m[4], +m[5], +m[6]);
  }
  if ((m = ASCTIME.exec(s))) return utc(+m[6], m[1], +m[2].trim(), +m[3], +m[4], +m[5]);
  if (ISO_8601.test(s)) {
    const ms = Date.parse(s.toUpperCase());
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function utc(year: number, monthName: string, day: number, hour: number, minute: number, second: number) {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0) return undefined;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  const d = new Date(ms);
  // Date.UTC rolls 31 Feb into March; a date that does not survive the round trip is not a date.
  const same =
    d.getUTCFullYear() === year && d.getUTCMonth() === month && d.getUTCDate() === day &&
    d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
  return same ? ms : undefined;
}
