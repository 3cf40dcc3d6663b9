import { S3Error } from '../errors/s3-errors';

export type Target = 'service' | 'bucket' | 'object';

export type Operation =
  | 'ListBuckets' | 'CreateBucket' | 'HeadBucket' | 'DeleteBucket' | 'GetBucketLocation'
  | 'ListObjects' | 'ListObjectsV2' | 'DeleteObjects'
  | 'PutObject' | 'CopyObject' | 'GetObject' | 'HeadObject' | 'DeleteObject'
  | 'CreateMultipartUpload' | 'UploadPart' | 'UploadPartCopy' | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload' | 'ListParts' | 'ListMultipartUploads'
  | 'GetObjectTagging' | 'PutObjectTagging' | 'DeleteObjectTagging' | 'GetObjectAttributes'
  | 'GetBucketTagging' | 'PutBucketTagging' | 'DeleteBucketTagging'
  // The sub-resources tools probe, answered as S3 answers them for a bucket with nothing configured.
  | 'GetBucketVersioning' | 'ListObjectVersions' | 'GetBucketAcl' | 'PutBucketAcl' | 'GetObjectAcl' | 'PutObjectAcl'
  | 'GetBucketPolicy' | 'GetBucketPolicyStatus' | 'GetBucketLifecycleConfiguration' | 'GetBucketEncryption'
  | 'GetBucketCors' | 'GetObjectLockConfiguration' | 'GetPublicAccessBlock' | 'GetBucketOwnershipControls'
  | 'GetBucketWebsite' | 'GetBucketReplication' | 'GetBucketLogging' | 'GetBucketNotificationConfiguration'
  | 'GetBucketRequestPayment' | 'GetBucketAccelerateConfiguration' | 'GetObjectRetention' | 'GetObjectLegalHold';

type Query = ReadonlyMap<string, string>;
type Headers = { has(name: string): boolean };

export interface Route {
  method: string;
  target: Target;
  /** The sub-resource that must be present; no `sub` = none present. */
  sub?: string;
  if?: (q: Query, h: Headers) => boolean;
  op: Operation;
}

/** Query names that select a sub-resource. Those Silt serves are routed below; the rest answer NotImplemented. */
export const SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl', 'accelerate', 'analytics', 'attributes', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory',
  'legal-hold', 'lifecycle', 'location', 'logging', 'metrics', 'notification', 'object-lock', 'ownershipControls',
  'policy', 'policyStatus', 'publicAccessBlock', 'replication', 'requestPayment', 'restore', 'retention', 'select',
  'tagging', 'torrent', 'uploads', 'versioning', 'versions', 'website',
]);

/** Configurations whose GET Silt answers (as unconfigured) but whose Put/Delete it cannot honour: NotImplemented. */
const CONFIGURATIONS: ReadonlySet<string> = new Set([
  'accelerate', 'cors', 'encryption', 'legal-hold', 'lifecycle', 'logging', 'notification', 'object-lock',
  'ownershipControls', 'policy', 'publicAccessBlock', 'replication', 'requestPayment', 'retention', 'versioning', 'website',
]);

const copy = (_q: Query, h: Headers) => h.has('x-amz-copy-source');

// First row whose method, target, sub-resource and `if` all match wins (Garage's Endpoint list, as data).
export const ROUTES: readonly Route[] = [
  { method: 'GET', target: 'service', op: 'ListBuckets' },

  { method: 'PUT', target: 'bucket', sub: 'tagging', op: 'PutBucketTagging' },
  { method: 'PUT', target: 'bucket', op: 'CreateBucket' },
  { method: 'HEAD', target: 'bucket', op: 'HeadBucket' },
  { method: 'DELETE', target: 'bucket', sub: 'tagging', op: 'DeleteBucketTagging' },
  { method: 'DELETE', target: 'bucket', op: 'DeleteBucket' },
  { method: 'GET', target: 'bucket', sub: 'location', op: 'GetBucketLocation' },
  { method: 'GET', target: 'bucket', sub: 'tagging', op: 'GetBucketTagging' },
  { method: 'GET', target: 'bucket', sub: 'uploads', op: 'ListMultipartUploads' },
  { method: 'GET', target: 'bucket', if: (q) => q.get('list-type') === '2', op: 'ListObjectsV2' },
  { method: 'GET', target: 'bucket', op: 'ListObjects' },
  { method: 'POST', target: 'bucket', sub: 'delete', op: 'DeleteObjects' },
  // Probes (probe-handlers.ts). Their Put/Delete have no row: Silt cannot honour them, so they answer NotImplemented.
  { method: 'GET', target: 'bucket', sub: 'versioning', op: 'GetBucketVersioning' },
  { method: 'GET', target: 'bucket', sub: 'versions', op: 'ListObjectVersions' },
  { method: 'GET', target: 'bucket', sub: 'acl', op: 'GetBucketAcl' },
  { method: 'PUT', target: 'bucket', sub: 'acl', op: 'PutBucketAcl' },
  { method: 'GET', target: 'bucket', sub: 'policy', op: 'GetBucketPolicy' },
  { method: 'GET', target: 'bucket', sub: 'policyStatus', op: 'GetBucketPolicyStatus' },
  { method: 'GET', target: 'bucket', sub: 'lifecycle', op: 'GetBucketLifecycleConfiguration' },
  { method: 'GET', target: 'bucket', sub: 'encryption', op: 'GetBucketEncryption' },
  { method: 'GET', target: 'bucket', sub: 'cors', op: 'GetBucketCors' },
  { method: 'GET', target: 'bucket', sub: 'object-lock', op: 'GetObjectLockConfiguration' },
  { method: 'GET', target: 'bucket', sub: 'publicAccessBlock', op: 'GetPublicAccessBlock' },
  { method: 'GET', target: 'bucket', sub: 'ownershipControls', op: 'GetBucketOwnershipControls' },
  { method: 'GET', target: 'bucket', sub: 'website', op: 'GetBucketWebsite' },
  { method: 'GET', target: 'bucket', sub: 'replication', op: 'GetBucketReplication' },
  { method: 'GET', target: 'bucket', sub: 'logging', op: 'GetBucketLogging' },
  { method: 'GET', target: 'bucket', sub: 'notification', op: 'GetBucketNotificationConfiguration' },
  { method: 'GET', target: 'bucket', sub: 'requestPayment', op: 'GetBucketRequestPayment' },
  { method: 'GET', target: 'bucket', sub: 'accelerate', op: 'GetBucketAccelerateConfiguration' },

  { method: 'GET', target: 'object', sub: 'tagging', op: 'GetObjectTagging' },
  { method: 'GET', target: 'object', sub: 'attributes', op: 'GetObjectAttributes' },
  { method: 'GET', target: 'object', if: (q) => q.has('uploadId'), op: 'ListParts' },
  { method: 'GET', target: 'object', op: 'GetObject' },
  { method: 'HEAD', target: 'object', op: 'HeadObject' },
  { method: 'PUT', target: 'object', sub: 'tagging', op: 'PutObjectTagging' },
  { method: 'PUT', target: 'object', if: (q, h) => q.has('partNumber') && q.has('uploadId') && copy(q, h), op: 'UploadPartCopy' },
  { method: 'PUT', target: 'object', if: (q) => q.has('partNumber') && q.has('uploadId'), op: 'UploadPart' },
  { method: 'PUT', target: 'object', if: copy, op: 'CopyObject' },
  { method: 'PUT', target: 'object', op: 'PutObject' },
  { method: 'DELETE', target: 'object', sub: 'tagging', op: 'DeleteObjectTagging' },
  { method: 'DELETE', target: 'object', if: (q) => q.has('uploadId'), op: 'AbortMultipartUpload' },
  { method: 'DELETE', target: 'object', op: 'DeleteObject' },
  { method: 'POST', target: 'object', sub: 'uploads', op: 'CreateMultipartUpload' },
  { method: 'POST', target: 'object', if: (q) => q.has('uploadId'), op: 'CompleteMultipartUpload' },
  { method: 'GET', target: 'object', sub: 'acl', op: 'GetObjectAcl' },
  { method: 'PUT', target: 'object', sub: 'acl', op: 'PutObjectAcl' },
  { method: 'GET', target: 'object', sub: 'retention', op: 'GetObjectRetention' },
  { method: 'GET', target: 'object', sub: 'legal-hold', op: 'GetObjectLegalHold' },
];

export interface ResolvedRequest {
  op: Operation;
  bucket: string;
  key: string;
  query: Map<string, string>;
}

/**
 * Splits a raw request URL into bucket, key and query, and picks the operation.
 * Bucket, key and query come from the raw URL, decoded once each: Fastify would decode `%2F` in params and turn
 * `+` into a space in req.query, and S3 keys must round-trip byte-exact.
 */
export function resolveOperation(method: string, rawUrl: string, headers: Headers, hostBucket?: string): ResolvedRequest {
  const qIndex = rawUrl.indexOf('?');
  const rawPath = qIndex < 0 ? rawUrl : rawUrl.slice(0, qIndex);
  const query = parseQuery(qIndex < 0 ? '' : rawUrl.slice(qIndex + 1));
  if (!rawPath.startsWith('/')) throw new S3Error('InvalidRequest', 'The request path must start with "/".');
  let bucket: string;
  let key: string;
  if (hostBucket !== undefined) {
    // Virtual-hosted style (bucketOfHost): the Host names the bucket and the whole path is the key, so
    // `PUT /obj.txt` to `b.<domain>` is PutObject b/obj.txt, never CreateBucket obj.txt.
    bucket = hostBucket;
    key = decode(rawPath.slice(1));
  } else {
    const slash = rawPath.indexOf('/', 1);
    bucket = decode(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    // The JS SDK sends bucket-level calls to `/bkt/?…`: an empty key is a bucket operation.
    key = slash < 0 ? '' : decode(rawPath.slice(slash + 1));
  }
  const target: Target = bucket === '' ? 'service' : key === '' ? 'bucket' : 'object';

  const subs = [...query.keys()].filter((name) => SUB_RESOURCES.has(name));
  if (subs.length > 1) throw new S3Error('InvalidArgument', `Only one sub-resource may be given; got ${subs.join(', ')}.`);
  const sub = subs[0];

  const candidates = ROUTES.filter((r) => r.target === target && r.sub === sub);
  const route = candidates.find((r) => r.method === method && (r.if?.(query, headers) ?? true));
  if (route) return { op: route.op, bucket, key, query };
  // A sub-resource Silt knows of but does not serve, or a known resource with the wrong method.
  if (sub !== undefined && !ROUTES.some((r) => r.target === target && r.sub === sub)) {
    throw new S3Error('NotImplemented', `The ${sub} sub-resource is not implemented.`);
  }
  // Silt answers GET of a probed configuration (versioning, policy, …) as an unconfigured bucket does, but cannot
  // honour setting or deleting one: that is a known operation Silt does not implement, not a wrong method.
  if (sub !== undefined && CONFIGURATIONS.has(sub) && (method === 'PUT' || method === 'DELETE')) {
    throw new S3Error('NotImplemented', `${method} of the ${sub} sub-resource is not implemented.`);
  }
  throw new S3Error('MethodNotAllowed', `The ${method} method is not allowed against this resource.`);
}

/** Decodes one URL component; a malformed escape is a client error, never a 500. */
function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw new S3Error('InvalidArgument', 'The request URL contains a malformed percent-escape.');
  }
}

/** `a&b=1&c=x%20y` -> Map. A literal `+` decodes to a space and `%2B` to a plus sign, as S3 reads query values. */
export function parseQuery(raw: string): Map<string, string> {
  const query = new Map<string, string>();
  if (raw === '') return query;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1).replace(/\+/g, ' '));
    if (!query.has(name)) query.set(name, value);
  }
  return query;
}
