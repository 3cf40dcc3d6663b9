// S3 tag sets: the `Tagging` XML document, the `x-amz-tagging` header, and the limits. Pure functions.
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import { children, parseXmlBody, renderXml } from '../../s3-protocol/src/xml/xml';

export interface Tag {
  key: string;
  value: string;
}

/** S3's limits (AWS "Categorizing your storage using tags"; the seed says the same). */
export const MAX_OBJECT_TAGS = 10;
/** S3 allows 50 on a bucket; the seed says 10, so Silt defaults to 10 (TaggingModuleOptions.maxBucketTags). */
export const DEFAULT_MAX_BUCKET_TAGS = 10;
export const MAX_TAG_KEY_CHARS = 128;
export const MAX_TAG_VALUE_CHARS = 256;

export interface TagRules {
  /** `s3.tagging.restrictions.enabled`. Off: only duplicate keys are refused (see validateTags). */
  restrictions: boolean;
  /** What is tagged: only the count limit and the messages differ. Default 'object'. */
  target?: 'object' | 'bucket';
  /** Default MAX_OBJECT_TAGS for objects, DEFAULT_MAX_BUCKET_TAGS for buckets. */
  maxTags?: number;
}

// AWS's documented tag pattern (the Tagging API's `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`): Unicode letters, separators
// (spaces) and numbers, plus `_ . : / = + - @`.
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
// AWS reserves the prefix in any case ("aws:", "AWS:", "Aws:" ...).
const RESERVED_PREFIX = /^aws:/i;

/** Length as AWS counts "characters": Unicode code points (an emoji is 1, not its 2 UTF-16 units or 4 bytes). */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Checks a tag set and returns it unchanged, or throws InvalidTag naming the first problem, as S3 does: more than
 * `maxTags`, a key of 0 or more than 128 characters, a value of more than 256, a character outside AWS's set, a key
 * starting `aws:`, a key given twice. Checked in that order (count first, then each tag in order, S3's order).
 *
 * `restrictions: false` (the seed's `alluxio.proxy.s3.tagging.restrictions.enabled=false`) lifts every limit except
 * duplicate keys: a tag set is a map, and storing a key twice would make GET's answer, `x-amz-tagging-count` and any
 * lifecycle rule matching on that key ambiguous. That is a data-model invariant, not a restriction.
 */
export function validateTags(tags: readonly Tag[], rules: TagRules): Tag[] {
  const target = rules.target ?? 'object';
  if (rules.restrictions) {
    const max = rules.maxTags ?? (target === 'bucket' ? DEFAULT_MAX_BUCKET_TAGS : MAX_OBJECT_TAGS);
    if (tags.length > max) {
      throw new S3Error('InvalidTag', target === 'bucket' ? `Bucket tag count cannot be greater than ${max}` : `Object tags cannot be greater than ${max}`);
    }
  }
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (rules.restrictions) {
      const keyChars = charLength(key);
      if (keyChars === 0) throw invalid('The TagKey you have provided is invalid: a tag key must not be empty', key, value);
      if (keyChars > MAX_TAG_KEY_CHARS) {
        throw invalid(`The TagKey you have provided is too long, max ${MAX_TAG_KEY_CHARS} (it has ${keyChars} characters)`, key, value);
      }
      if (charLength(value) > MAX_TAG_VALUE_CHARS) {
        throw invalid(`The TagValue you have provided is too long, max ${MAX_TAG_VALUE_CHARS} (it has ${charLength(value)} characters)`, key, value);
      }
      if (!ALLOWED.test(key)) {
        throw invalid('The TagKey you have provided is invalid: only letters, numbers, spaces and + - = . _ : / @ are allowed', key, value);
      }
      if (!ALLOWED.test(value)) {
        throw invalid('The TagValue you have provided is invalid: only letters, numbers, spaces and + - = . _ : / @ are allowed', key, value);
      }
      if (RESERVED_PREFIX.test(key)) throw invalid('Your TagKey cannot be prefixed with aws: (it is reserved for system tags)', key, value);
    }
    if (seen.has(key)) throw invalid('Cannot provide multiple Tags with the same key', key, value);
    seen.add(key);
  }
  return tags.map((t) => ({ key: t.key, value: t.value }));
}

function invalid(message: string, key: string, value: string): S3Error {
  return new S3Error('InvalidTag', message, { TagKey: key, TagValue: value });
}

/**
 * The `Tagging` request body of PutObjectTagging / PutBucketTagging:
 * `<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>…</TagSet></Tagging>`. Anything that is not that shape
 * (bad XML, no TagSet or two, a Tag without exactly one Key and one Value, a stray element) is MalformedXML, as
 * S3 answers. Keys and values are kept exactly as sent (untrimmed). Limits are validateTags' business.
 */
export function parseTaggingXml(body: Buffer | string): Tag[] {
  const root = parseXmlBody(body, 'Tagging');
  const sets = children(root, 'TagSet');
  if (sets.length !== 1 || root.children.length !== 1) throw new S3Error('MalformedXML');
  return sets[0].children.map((tag) => {
    if (tag.name !== 'Tag') throw new S3Error('MalformedXML');
    const keys = children(tag, 'Key');
    const values = children(tag, 'Value');
    if (keys.length !== 1 || values.length !== 1 || tag.children.length !== 2) throw new S3Error('MalformedXML');
    return { key: keys[0].text, value: values[0].text };
  });
}

/**
 * GetObjectTagging / GetBucketTagging's answer, tags sorted by key whatever order they were put in, as S3 answers;
 * an empty set renders `<TagSet></TagSet>`, as S3 does.
 */
export function renderTagging(tags: readonly Tag[]): string {
  return renderXml('Tagging', { TagSet: { Tag: sortTags(tags).map((t) => ({ Key: t.key, Value: t.value })) } });
}

/**
 * Tags in key order by Unicode code point, which is UTF-8 byte order (S3 orders keys by their UTF-8 bytes, as in
 * listings). Not JS's default sort: that compares UTF-16 units, which puts an emoji (a surrogate pair, D83D…)
 * before U+E000–U+FFFF. Keys are unique in a valid set; a copy is returned.
 */
export function sortTags(tags: readonly Tag[]): Tag[] {
  return tags
    .map((t) => ({ tag: t, bytes: Buffer.from(t.key, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ tag }) => ({ key: tag.key, value: tag.value }));
}

/**
 * The `x-amz-tagging` header of PutObject, CopyObject (REPLACE) and CreateMultipartUpload: URL query encoding,
 * `k1=v1&k2=v2`, decoded as S3 decodes a query (application/x-www-form-urlencoded): `+` is a space, `%2B` a plus,
 * `%XX` UTF-8 bytes. A pair without `=` is a key with an empty value; empty pairs (`a=1&&b=2`, a trailing `&`) are
 * skipped; an empty header is no tags. A malformed escape or one that is not UTF-8 is InvalidArgument. Raw non-ASCII
 * UTF-8 in the header (arriving as Latin-1 characters) is re-read as UTF-8.
 */
export function parseTaggingHeader(value: string): Tag[] {
  const text = reReadUtf8(value);
  const tags: Tag[] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const val = eq < 0 ? '' : pair.slice(eq + 1);
    tags.push({ key: formDecode(key, value), value: formDecode(val, value) });
  }
  return tags;
}

/** `+` -> space, then percent-decoding (strict: `%zz` or invalid UTF-8 is refused rather than guessed at). */
function formDecode(s: string, header: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new S3Error('InvalidArgument', "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters.", {
      ArgumentName: 'x-amz-tagging',
      ArgumentValue: header,
    });
  }
}

function reReadUtf8(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(value) || /[^\x00-\xff]/.test(value)) return value;
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? value : utf8;
}

/** The header, parsed and validated; undefined when the request has none. */
export function tagsFromHeader(value: string | readonly string[] | undefined, rules: TagRules): Tag[] | undefined {
  if (value === undefined) return undefined;
  return validateTags(parseTaggingHeader(typeof value === 'string' ? value : value.join('&')), rules);
}

/**
 * The tags of a CopyObject's new object: `x-amz-tagging-directive` COPY (the default) keeps the source's tags and
 * ignores `x-amz-tagging`; REPLACE takes `x-amz-tagging` (none = no tags). Any other directive is InvalidArgument.
 */
export function copyObjectTags(
  directive: string | undefined,
  sourceTags: readonly Tag[],
  header: string | readonly string[] | undefined,
  rules: TagRules,
): Tag[] {
  const d = (directive ?? 'COPY').toUpperCase();
  if (d === 'COPY') return sourceTags.map((t) => ({ key: t.key, value: t.value }));
  if (d === 'REPLACE') return tagsFromHeader(header, rules) ?? [];
  throw new S3Error('InvalidArgument', 'Unknown tagging directive.', { ArgumentName: 'x-amz-tagging-directive', ArgumentValue: directive ?? '' });
}
