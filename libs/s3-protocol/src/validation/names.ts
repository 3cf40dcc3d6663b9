// Bucket-name and object-key rules. Pure functions; the handlers decide when to call them.
import { S3Error } from '../errors/s3-errors';

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
const IP_LIKE = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Why `name` is not a valid name for a new bucket under S3's general-purpose bucket rules, or undefined when it is.
 * Lookups of existing buckets need no check: a name that fails here simply does not exist (NoSuchBucket).
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'Bucket names must be between 3 and 63 characters long.';
  if (!/^[a-z0-9.-]+$/.test(name)) {
    return 'Bucket names can consist only of lowercase letters, numbers, dots (.), and hyphens (-).';
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return 'Bucket names must begin and end with a letter or number.';
  }
  if (name.includes('..')) return 'Bucket names must not contain two adjacent periods.';
  // Each dot-separated label must be a DNS label; AWS rejects `foo-.bar` and `foo.-bar` (s3-tests' naming_dns tests).
  if (name.includes('.-') || name.includes('-.')) return 'Bucket names must not contain a hyphen next to a period.';
  if (IP_LIKE.test(name)) return 'Bucket names must not be formatted as an IP address (for example, 192.168.5.4).';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `Bucket names must not start with the reserved prefix "${prefix}".`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `Bucket names must not end with the reserved suffix "${suffix}".`;
  return undefined;
}

/** Throws InvalidBucketName, with the reason as message and the name as BucketName, for a name S3 would refuse. */
export function validateBucketName(name: string): void {
  const problem = bucketNameProblem(name);
  if (problem !== undefined) throw new S3Error('InvalidBucketName', problem, { BucketName: name });
}

export const MAX_KEY_BYTES = 1024;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks an object key before it reaches storage. Over 1024 UTF-8 bytes is KeyTooLongError, as S3. Keys that S3
 * accepts but Silt cannot store safely as UFS paths are InvalidArgument with a message that says why: a `.` or `..`
 * segment (a path could leave the bucket's directory), a NUL character, or a lone UTF-16 surrogate (not encodable
 * as UTF-8, so the stored key would differ from the one sent). Empty segments (`a//b`, `/a`, `a/`) are fine: S3
 * keys are flat strings and those must round-trip. An empty key is refused too; callers that want another answer
 * for it (the router already treats it as a bucket request) check first.
 */
export function validateObjectKey(key: string): void {
  const refuse = (why: string) => {
    throw new S3Error('InvalidArgument', why, { ArgumentName: 'key', ArgumentValue: key });
  };
  if (key.length === 0) refuse('The object key must not be empty.');
  if (LONE_SURROGATE.test(key)) refuse('The object key is not valid UTF-8.');
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', undefined, { Size: String(bytes), MaxSizeAllowed: String(MAX_KEY_BYTES) });
  }
  if (key.includes('\u0000')) refuse('Silt cannot store object keys containing the NUL character.');
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
    refuse('Silt cannot store object keys with a "." or ".." path segment.');
  }
}
