import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { renderListBucketResultV1, renderListBucketResultV2, type ListEntry } from '../../../../../libs/s3-protocol/src/xml/documents';
import type { ObjectSummary__Output } from '../../../../../libs/grpc/generated/silt/metadata/v1/ObjectSummary';
import { sendXml } from '../responses';
import type { S3Handler, S3Request } from '../s3-request';
import type { GatewayServices } from '../services';

/**
 * max-keys: an integer 0..2^31-1 (S3 caps pages at 1000; empty is the default); anything else is InvalidArgument.
 * S3 reads it as an int32 and words the two failures differently: a negative int32 is "Argument maxKeys must be an
 * integer between 0 and 2147483647" (ArgumentName maxKeys), what is no int32 at all is the max-keys message below.
 */
export function maxKeysOf(req: S3Request): number {
  const raw = req.query.get('max-keys');
  if (raw === undefined || raw === '') return 1000;
  if (/^-\d+$/.test(raw) && Number(raw) >= -(2 ** 31)) {
    throw new S3Error('InvalidArgument', 'Argument maxKeys must be an integer between 0 and 2147483647', { ArgumentName: 'maxKeys', ArgumentValue: raw });
  }
  if (!/^\d+$/.test(raw) || Number(raw) > 2 ** 31 - 1) {
    throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', {
      ArgumentName: 'max-keys',
      ArgumentValue: raw,
    });
  }
  return Math.min(Number(raw), 1000);
}

export function encodingTypeOf(req: S3Request): 'url' | undefined {
  const raw = req.query.get('encoding-type');
  if (raw === undefined || raw === '') return undefined;
  if (raw.toLowerCase() !== 'url') {
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
      ArgumentValue: raw,
    });
  }
  return 'url';
}

/** Continuation tokens are opaque to clients: the last key or prefix of the previous page, base64url. */
export function encodeContinuationToken(marker: string): string {
  return Buffer.from(`1:${marker}`, 'utf8').toString('base64url');
}

export function decodeContinuationToken(token: string): string {
  const text = /^[A-Za-z0-9_-]*$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  if (!text.startsWith('1:')) throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' });
  return text.slice(2);
}

export function listHandlers(s: GatewayServices) {
  const entry = (o: ObjectSummary__Output, owner: string): ListEntry => ({
    key: o.key,
    lastModified: new Date(o.last_modified_ms),
    etag: o.etag,
    size: o.size,
    storageClass: o.storage_class || 'STANDARD',
    owner: { id: o.owner || owner, displayName: o.owner || owner },
  });

  const page = (req: S3Request, startAfter: string, maxKeys: number) =>
    s.metadata.api.ListObjects({
      bucket: req.bucket,
      prefix: req.query.get('prefix') ?? '',
      delimiter: req.query.get('delimiter') ?? '',
      start_after: startAfter,
      max_keys: maxKeys,
    });

  const ListObjects: S3Handler = async (req) => {
    const maxKeys = maxKeysOf(req);
    const encodingType = encodingTypeOf(req);
    const marker = req.query.get('marker') ?? '';
    const res = await page(req, marker, maxKeys);
    sendXml(
      req,
      200,
      renderListBucketResultV1({
        name: req.bucket,
        prefix: req.query.get('prefix') ?? '',
        delimiter: req.query.get('delimiter') ?? '',
        marker,
        nextMarker: res.next_marker,
        maxKeys,
        isTruncated: res.is_truncated,
        contents: res.objects.map((o) => entry(o, req.user)),
        commonPrefixes: res.common_prefixes,
        encodingType,
      }),
    );
  };

  const ListObjectsV2: S3Handler = async (req) => {
    const maxKeys = maxKeysOf(req);
    const encodingType = encodingTypeOf(req);
    const token = req.query.get('continuation-token');
    const startAfter = req.query.get('start-after') ?? '';
    // An empty `continuation-token=` is no position at all: S3 lists from the start (honouring start-after) and
    // echoes the empty token as `<ContinuationToken></ContinuationToken>`; SDKs send one when a caller passes ''.
    const continuing = token !== undefined && token !== '';
    const from = continuing ? decodeContinuationToken(token) : '';
    // Both given: continue from whichever is later (S3 ignores start-after once a token is present; the token is
    // always past it anyway because the first page honoured it).
    const after = continuing && Buffer.compare(Buffer.from(from), Buffer.from(startAfter)) >= 0 ? from : startAfter;
    const res = await page(req, after, maxKeys);
    sendXml(
      req,
      200,
      renderListBucketResultV2({
        name: req.bucket,
        prefix: req.query.get('prefix') ?? '',
        delimiter: req.query.get('delimiter') ?? '',
        maxKeys,
        isTruncated: res.is_truncated,
        contents: res.objects.map((o) => entry(o, req.user)),
        commonPrefixes: res.common_prefixes,
        encodingType,
        continuationToken: token,
        nextContinuationToken: res.is_truncated ? encodeContinuationToken(res.next_marker) : undefined,
        startAfter: startAfter || undefined,
        fetchOwner: req.query.get('fetch-owner') === 'true',
      }),
    );
  };

  return { ListObjects, ListObjectsV2 };
}
