import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { MAX_PART_NUMBER, validateUploadId } from '../staging-target';

/*
 * How an S3 mount lays Silt's objects out in the backend bucket: pure string work, no I/O.
 *
 * A mount of an S3 location IS one Silt bucket: `/s3-mount` -> `s3://their-bucket/optional/prefix/`. So, unlike the
 * local root mount (whose directory holds one directory per bucket), the Silt bucket name plays no part in the
 * backend key: the Silt object `s3-mount/<key>` is the backend object `<prefix><key>` in `their-bucket`. The adapter
 * takes the Silt bucket name only to check it (when the mount is told its name) and to name it in errors.
 *
 *   <prefix><key>                                     the object <key>
 *   <prefix>.silt/staging/<upload_id>/upload.json     a multipart upload's marker: which backend multipart upload
 *                                                     holds its parts (see ./s3-adapter.ts, "Multipart")
 *   <prefix>.silt/staging/<upload_id>/part.<n>        a part staged as an object of its own (small or unsized parts)
 *
 * `<prefix>.silt/` is Silt's hidden area: keys starting with `.silt/` are refused (InvalidArgument) and never listed.
 * Keys are otherwise byte-exact, with the same refusals as the local layout, so a key is storable on every mount:
 * a `.` or `..` segment (HTTP stacks normalise them in URL paths, and with a prefix `..` would leave it), a NUL, a
 * lone UTF-16 surrogate, the empty key. The backend key (prefix + key) may be at most 1024 UTF-8 bytes, S3's limit.
 */

export const HIDDEN_PREFIX = '.silt/';
export const STAGING_PREFIX = '.silt/staging/';
/** S3's longest key, in UTF-8 bytes. */
export const MAX_BACKEND_KEY_BYTES = 1024;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function refuse(message: string, key: string): never {
  throw new S3Error('InvalidArgument', message, { ArgumentName: 'key', ArgumentValue: key });
}

/**
 * The mount's prefix in canonical form: '' (the whole bucket) or segments joined by '/' with one trailing '/'
 * ('a/b' and '/a/b/' both give 'a/b/'). Refuses empty, '.' and '..' segments: a prefix names one place.
 */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  for (const segment of trimmed.split('/')) {
    if (segment === '' || segment === '.' || segment === '..' || segment.includes('\u0000')) {
      throw new S3Error('InvalidArgument', 'The S3 mount prefix must be "/"-separated names without empty, "." or ".." segments.');
    }
  }
  return `${trimmed}/`;
}

/** Checks a Silt key for an S3 mount (see the header); returns it unchanged. */
export function validateKey(key: string, prefix = ''): string {
  if (key === '') refuse('The object key must not be empty.', key);
  if (key.startsWith(HIDDEN_PREFIX)) refuse('Keys starting with ".silt/" are reserved for Silt on S3 mounts.', key);
  if (key.includes('\u0000')) refuse('Silt cannot store object keys containing the NUL character.', key);
  if (LONE_SURROGATE.test(key)) refuse('The object key is not valid UTF-8.', key);
  for (const segment of key.split('/')) {
    if (segment === '.' || segment === '..') refuse(`Silt cannot store object keys with a "${segment}" path segment.`, key);
  }
  const bytes = Buffer.byteLength(prefix, 'utf8') + Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_BACKEND_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', `This mount stores keys under a prefix; with it a key may be at most ${MAX_BACKEND_KEY_BYTES} bytes.`, {
      Size: String(Buffer.byteLength(key, 'utf8')),
    });
  }
  return key;
}

/** The backend key of the Silt object `key` on a mount with (normalised) `prefix`. */
export function backendKey(prefix: string, key: string): string {
  return prefix + validateKey(key, prefix);
}

/**
 * The Silt key of a backend key found by a listing, or undefined when it is not one of the mount's objects: outside
 * the prefix, in the hidden area, or a key Silt could not address (written behind Silt's back).
 */
export function siltKeyOf(prefix: string, backend: string): string | undefined {
  if (!backend.startsWith(prefix)) return undefined;
  const key = backend.slice(prefix.length);
  try {
    return validateKey(key, prefix);
  } catch {
    return undefined;
  }
}

/** ETag without its quotes (S3 quotes it in headers and XML, not always consistently across S3 implementations). */
export function bareEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/"/g, '');
}

/**
 * An object's Silt version: `<etag>@<last-modified epoch seconds>`. The ETag changes with the bytes (an MD5, an
 * MD5 of part MD5s, or random per write under SSE-KMS); LastModified (which HeadObject gives to the second) changes
 * with every write a second or more apart; together they change on every overwrite that can matter — the one
 * exception, identical bytes rewritten within the same second, serves the same bytes. Seconds, not milliseconds,
 * and no VersionId, so that ListObjectsV2 (which has no VersionId) and HeadObject give the same version.
 */
export function versionOf(etag: string | undefined, lastModified: Date | undefined): string {
  return `${bareEtag(etag)}@${lastModifiedSeconds(lastModified)}`;
}

/** The ETag a version (see versionOf) names; undefined for one that names none (an endpoint without ETags). */
export function etagOfVersion(version: string): string | undefined {
  const m = /^([^@]+)@\d+$/.exec(version);
  return m?.[1];
}

export function lastModifiedSeconds(lastModified: Date | undefined): number {
  return lastModified ? Math.floor(lastModified.getTime() / 1000) : 0;
}

export function stagingDir(uploadId: string): string {
  return `${STAGING_PREFIX}${validateUploadId(uploadId)}/`;
}

/** The marker object of a Silt upload (relative to the prefix). */
export function markerKey(uploadId: string): string {
  return `${stagingDir(uploadId)}upload.json`;
}

/** Where a part staged as an object of its own lives (relative to the prefix); also its staged path. */
export function partObjectKey(uploadId: string, partNumber: number): string {
  return `${stagingDir(uploadId)}part.${partNumber}`;
}

/** The staged path of a part in the backend multipart upload: upload id, part number and the part's ETag. */
export function backendPartPath(uploadId: string, partNumber: number, etag: string): string {
  return `${stagingDir(uploadId)}${partNumber}@${encodeURIComponent(bareEtag(etag))}`;
}

export type StagedRef =
  | { kind: 'part'; uploadId: string; partNumber: number; etag: string }
  | { kind: 'object'; uploadId: string; partNumber: number; key: string };

const STAGED_PATH = /^\.silt\/staging\/([A-Za-z0-9_-]{1,128})\/(?:([1-9][0-9]{0,4})@([^/@]+)|part\.([1-9][0-9]{0,4}))$/;

/** The part a staged path names; InvalidArgument for anything this layout did not hand out. */
export function parseStagedPath(stagedPath: string): StagedRef {
  const m = STAGED_PATH.exec(stagedPath);
  const partNumber = m ? Number(m[2] ?? m[4]) : 0;
  if (!m || partNumber > MAX_PART_NUMBER) {
    throw new S3Error('InvalidArgument', 'Not a staged part of this S3 mount.', { ArgumentName: 'stagedPath', ArgumentValue: stagedPath });
  }
  const uploadId = m[1];
  if (m[2] !== undefined) {
    let etag: string;
    try {
      etag = decodeURIComponent(m[3]);
    } catch {
      throw new S3Error('InvalidArgument', 'Not a staged part of this S3 mount.', { ArgumentName: 'stagedPath', ArgumentValue: stagedPath });
    }
    return { kind: 'part', uploadId, partNumber, etag };
  }
  return { kind: 'object', uploadId, partNumber, key: stagedPath };
}
