import { isAbsolute, normalize } from 'node:path';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import { validateBucketName } from '../../s3-protocol/src/validation/names';

// What a mount is, independent of where it is stored: the mount point (a top-level path that is also a bucket),
// the UFS URI it attaches, and its options. Pure: parsing, validation and redaction.

/** The id of the root mount (`ufs.root`), where CreateBucket makes buckets; every other mount has its own id. */
export const ROOT_MOUNT_ID = 'root';

export type UfsUri =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; bucket: string; prefix: string };

/** Options a mount of each kind understands; anything else is refused (a typo must not be silently ignored). */
const S3_OPTIONS = new Set(['s3.endpoint', 's3.region', 's3.accessKeyId', 's3.secretAccessKey', 's3.sessionToken', 's3.forcePathStyle']);
const LOCAL_OPTIONS = new Set<string>();
/** Option names whose values are credentials: never answered, logged or put in an error. */
const SECRET = /secret|token|password|accesskey/i;
export const REDACTED = '<redacted>';

function invalid(message: string): S3Error {
  return new S3Error('InvalidArgument', message);
}

/** "/s3-mount" (or "s3-mount") -> bucket "s3-mount"; InvalidArgument / InvalidBucketName otherwise. */
export function mountPointBucket(mountPoint: string): string {
  const name = mountPoint.startsWith('/') ? mountPoint.slice(1) : mountPoint;
  if (name === '' || name.includes('/')) throw invalid(`A mount point is one top-level path like "/data", got "${mountPoint}".`);
  validateBucketName(name);
  return name;
}

/** `s3://bucket[/prefix]`, `file:///abs/dir` or an absolute directory path. The prefix comes back ending in '/' (or ''). */
export function parseUfsUri(uri: string): UfsUri {
  const s3 = /^s3a?:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (s3) {
    const bucket = s3[1];
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw invalid(`Not an S3 bucket name in the UFS URI: "${bucket}".`);
    let prefix = s3[2] ?? '';
    if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
    if (prefix.startsWith('/') || prefix.includes('//')) throw invalid('The S3 prefix of a UFS URI must not have empty segments.');
    return { kind: 's3', bucket, prefix };
  }
  let dir = uri;
  if (uri.startsWith('file://')) dir = decodeURIComponent(uri.slice('file://'.length));
  else if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) throw invalid(`Unsupported UFS URI "${uri}": use s3://bucket/prefix or file:///directory.`);
  if (!isAbsolute(dir)) throw invalid(`A local UFS directory must be an absolute path, got "${uri}".`);
  return { kind: 'local', dir: normalize(dir) };
}

/** Checks options against the URI's kind; returns them with booleans normalised. */
export function validateMountOptions(uri: UfsUri, options: Record<string, string>): Record<string, string> {
  const known = uri.kind === 's3' ? S3_OPTIONS : LOCAL_OPTIONS;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options)) {
    if (!known.has(k)) throw invalid(`Unknown option "${k}" for a ${uri.kind} mount${known.size ? ` (known: ${[...known].join(', ')})` : ''}.`);
    if (k === 's3.forcePathStyle' && !['true', 'false'].includes(v)) throw invalid('s3.forcePathStyle must be true or false.');
    if (k === 's3.endpoint' && !/^https?:\/\/[^/]+/.test(v)) throw invalid('s3.endpoint must be an http(s) URL.');
    out[k] = v;
  }
  const hasId = out['s3.accessKeyId'] !== undefined;
  if (hasId !== (out['s3.secretAccessKey'] !== undefined)) throw invalid('s3.accessKeyId and s3.secretAccessKey go together.');
  return out;
}

export function isSecretOption(name: string): boolean {
  return SECRET.test(name);
}

/** The options with every credential replaced: what listings, logs and errors may show. */
export function redactOptions(options: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, isSecretOption(k) ? REDACTED : v]));
}
