// One builder per S3 response document and one parser per request document, with S3's element order.
import { S3Error } from '../errors/s3-errors';
import { childText, children, parseXmlBody, parseXmlBoolean, renderXml, type XmlObject } from './xml';

export interface Owner {
  id: string;
  displayName: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Error

export interface ErrorDocument {
  code: string;
  message: string;
  resource?: string;
  requestId: string;
  hostId?: string;
  /** Extra elements (BucketName, Key, UploadId, ArgumentName, …), rendered between Message and Resource. */
  details?: Readonly<Record<string, string>>;
}

const ERROR_FIXED = new Set(['Code', 'Message', 'Resource', 'RequestId', 'HostId']);

/** `<Error>` has no namespace on S3. */
export function renderError(e: ErrorDocument): string {
  const body: Record<string, string | undefined> = { Code: e.code, Message: e.message };
  for (const [name, value] of Object.entries(e.details ?? {})) if (!ERROR_FIXED.has(name)) body[name] = value;
  body.Resource = e.resource;
  body.RequestId = e.requestId;
  body.HostId = e.hostId;
  return renderXml('Error', body, { xmlns: false });
}

// ---------------------------------------------------------------------------------------------------------------
// ListBuckets

export interface BucketEntry {
  name: string;
  creationDate: Date;
}

export function renderListAllMyBuckets(r: { owner: Owner; buckets: readonly BucketEntry[] }): string {
  return renderXml('ListAllMyBucketsResult', {
    Owner: ownerXml(r.owner),
    // Always present, even empty: some clients index into Buckets without checking.
    Buckets: { Bucket: r.buckets.map((b) => ({ Name: b.name, CreationDate: b.creationDate })) },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// ListObjects (V1) and ListObjectsV2

export interface ListEntry {
  key: string;
  lastModified: Date;
  /** With or without the quotes; rendered quoted. */
  etag: string;
  size: number | bigint;
  storageClass?: string;
  owner?: Owner;
}

interface ListPageBase {
  name: string;
  prefix: string;
  /** Echoed only when non-empty, as S3 does. */
  delimiter?: string;
  maxKeys: number;
  isTruncated: boolean;
  contents: readonly ListEntry[];
  commonPrefixes: readonly string[];
  /** The request's validated `encoding-type`; 'url' makes the builder encode key-like fields with s3UrlEncode. */
  encodingType?: 'url';
}

export interface ListObjectsV1Page extends ListPageBase {
  marker: string;
  /** Rendered only when a delimiter was given and the page is truncated (without one, clients use the last Key). */
  nextMarker?: string;
}

export interface ListObjectsV2Page extends ListPageBase {
  continuationToken?: string;
  nextContinuationToken?: string;
  startAfter?: string;
  /** Owner appears in V2 Contents only when the request said fetch-owner=true. */
  fetchOwner: boolean;
}

export function renderListBucketResultV1(p: ListObjectsV1Page): string {
  const enc = encoder(p.encodingType);
  const delimiter = p.delimiter ? p.delimiter : undefined;
  return renderXml('ListBucketResult', {
    Name: p.name,
    Prefix: enc(p.prefix),
    Marker: enc(p.marker),
    NextMarker: delimiter !== undefined && p.isTruncated && p.nextMarker !== undefined ? enc(p.nextMarker) : undefined,
    MaxKeys: p.maxKeys,
    Delimiter: delimiter === undefined ? undefined : enc(delimiter),
    IsTruncated: p.isTruncated,
    Contents: p.contents.map((c) => contentsXml(c, enc, true)),
    CommonPrefixes: p.commonPrefixes.map((prefix) => ({ Prefix: enc(prefix) })),
    EncodingType: p.encodingType,
  });
}

export function renderListBucketResultV2(p: ListObjectsV2Page): string {
  const enc = encoder(p.encodingType);
  return renderXml('ListBucketResult', {
    Name: p.name,
    Prefix: enc(p.prefix),
    MaxKeys: p.maxKeys,
    // S3 counts common prefixes as keys here.
    KeyCount: p.contents.length + p.commonPrefixes.length,
    Delimiter: p.delimiter ? enc(p.delimiter) : undefined,
    IsTruncated: p.isTruncated,
    ContinuationToken: p.continuationToken,
    NextContinuationToken: p.isTruncated ? p.nextContinuationToken : undefined,
    StartAfter: p.startAfter ? enc(p.startAfter) : undefined,
    EncodingType: p.encodingType,
    Contents: p.contents.map((c) => contentsXml(c, enc, p.fetchOwner)),
    CommonPrefixes: p.commonPrefixes.map((prefix) => ({ Prefix: enc(prefix) })),
  });
}

function contentsXml(c: ListEntry, enc: (s: string) => string, withOwner: boolean): XmlObject {
  return {
    Key: enc(c.key),
    LastModified: c.lastModified,
    ETag: quoteEtag(c.etag),
    Size: c.size,
    Owner: withOwner && c.owner ? ownerXml(c.owner) : undefined,
    StorageClass: c.storageClass ?? 'STANDARD',
  };
}

function encoder(encodingType: 'url' | undefined): (s: string) => string {
  return encodingType === 'url' ? s3UrlEncode : (s) => s;
}

const UNRESERVED_OR_SLASH = /[A-Za-z0-9\-._~/]/;

/**
 * `encoding-type=url` as S3 applies it to keys, prefixes, delimiters and markers: every UTF-8 byte outside RFC 3986's
 * unreserved set is `%XX` (upper-case hex), except `/`, which stays literal. A space is `%20`, never `+`, and `+`
 * is `%2B`: s3-tests' test_bucket_listv2_encoding_basic, run against AWS, expects `quux ab/` -> `quux%20ab/` and
 * `foo+1/` -> `foo%2B1/`. That is also the only choice every decoder reads back correctly: botocore's unquote_plus,
 * Java's URLDecoder and JS's decodeURIComponent all turn `%20` into a space, while a `+` would survive
 * decodeURIComponent as a plus.
 */
export function s3UrlEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    if (UNRESERVED_OR_SLASH.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** S3 always quotes ETags in XML and headers. */
export function quoteEtag(etag: string): string {
  return etag.startsWith('"') && etag.endsWith('"') && etag.length >= 2 ? etag : `"${etag}"`;
}

function ownerXml(o: Owner): XmlObject {
  return { ID: o.id, DisplayName: o.displayName };
}

// ---------------------------------------------------------------------------------------------------------------
// CopyObject / UploadPartCopy, GetBucketLocation, DeleteObjects

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';
const CHECKSUM_ORDER: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

export interface CopyResult {
  etag: string;
  lastModified: Date;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
  /** Base64 checksums of the new object, by algorithm. */
  checksums?: Partial<Record<ChecksumAlgorithm, string>>;
}

export function renderCopyObjectResult(r: CopyResult): string {
  return renderXml('CopyObjectResult', copyResultXml(r));
}

/** UploadPartCopy answers the same shape under another root. */
export function renderCopyPartResult(r: CopyResult): string {
  return renderXml('CopyPartResult', copyResultXml(r));
}

function copyResultXml(r: CopyResult): XmlObject {
  const body: Record<string, string | Date | undefined> = {
    ETag: quoteEtag(r.etag),
    LastModified: r.lastModified,
    ChecksumType: r.checksumType,
  };
  for (const alg of CHECKSUM_ORDER) body[`Checksum${alg}`] = r.checksums?.[alg];
  return body;
}

/** S3 answers us-east-1 (the "US Standard" region) as an empty LocationConstraint. */
export function renderLocationConstraint(region: string): string {
  return renderXml('LocationConstraint', region === 'us-east-1' ? '' : region);
}

export interface DeleteResult {
  /** In Quiet mode the caller passes none: S3 then lists only the errors. */
  deleted: readonly { key: string; versionId?: string }[];
  errors: readonly { key: string; code: string; message: string }[];
}

export function renderDeleteResult(r: DeleteResult): string {
  return renderXml('DeleteResult', {
    Deleted: r.deleted.map((d) => ({ Key: d.key, VersionId: d.versionId })),
    Error: r.errors.map((e) => ({ Key: e.key, Code: e.code, Message: e.message })),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Request bodies

export const MAX_DELETE_KEYS = 1000;

/**
 * `<Delete><Quiet>true</Quiet><Object><Key>k</Key></Object>…</Delete>`. No Object, more than 1000, an Object
 * without a Key or a Quiet that is not an xs:boolean is MalformedXML, as on S3. Keys are returned exactly as sent (untrimmed; an empty `<Key/>` is
 * returned as '' for the handler to report per key). VersionId is ignored: Silt has no versioning.
 */
/** `versionIds[i]` is the VersionId of `keys[i]`; the field is there only when some Object names one. */
export function parseDeleteRequest(body: Buffer | string): { quiet: boolean; keys: string[]; versionIds?: Array<string | undefined> } {
  const root = parseXmlBody(body, 'Delete');
  const objects = children(root, 'Object');
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) throw new S3Error('MalformedXML');
  const keys = objects.map((o) => {
    const keyElements = children(o, 'Key');
    if (keyElements.length !== 1) throw new S3Error('MalformedXML');
    return keyElements[0].text;
  });
  const versionIds = objects.map((o) => childText(o, 'VersionId'));
  // Checked before any key is acted on: `<Quiet>maybe</Quiet>` refuses the whole request, nothing is deleted.
  const quiet = parseXmlBoolean(childText(root, 'Quiet') ?? '');
  return { quiet, keys, ...(versionIds.some((v) => v !== undefined) ? { versionIds } : {}) };
}

/** CreateBucket's optional body. An empty body, or an empty LocationConstraint, means no constraint. */
export function parseCreateBucketConfiguration(body: Buffer | string): { locationConstraint?: string } {
  if ((typeof body === 'string' ? body : body.toString('utf8')).replace(/^\ufeff/, '').trim() === '') return {};
  const root = parseXmlBody(body, 'CreateBucketConfiguration');
  const location = childText(root, 'LocationConstraint')?.trim();
  return location ? { locationConstraint: location } : {};
}
