import type { OutgoingHttpHeaders } from 'node:http';
import {
  DERIVED_KEY_WARNING,
  MAX_REDIRECT_URL_LENGTH,
  redirectKeyOf,
  redirectPathOf,
  signRedirect,
  type RedirectGrant,
} from '../../../../../libs/block-cache-client/src/redirect-signing';
import type { ObjectRecord__Output } from '../../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import { VersionChangedError } from '../../data/object-reader';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { evaluatePreconditions, readPreconditions } from '../../../../../libs/s3-protocol/src/http/conditionals';
import { contentRange, parseRange, type ByteRange } from '../../../../../libs/s3-protocol/src/http/range';
import { responseOverrides } from '../../../../../libs/s3-protocol/src/validation/metadata';
import { validateObjectKey } from '../../../../../libs/s3-protocol/src/validation/names';
import { checkFeatureHeaders } from '../../../../../libs/s3-protocol/src/validation/unsupported-features';
import { renderError } from '../../../../../libs/s3-protocol/src/xml/documents';
import { objectHeaders } from '../object-headers';
import { sendBody, sendEmpty, sendXml } from '../responses';
import { header, type S3Handler, type S3Request } from '../s3-request';
import type { GatewayServices } from '../services';
import { ROOT_MOUNT_ID } from '../../../../../libs/mounts/src/mount-spec';

/** What a GET answers before its body: status, headers, and the range-independent part a redirect carries. */
interface Answer {
  status: number;
  range?: ByteRange;
  headers: OutgoingHttpHeaders;
  /**
   * Redirect mode only: the object's headers before the range's own (Content-Range, Content-Length), with the
   * full-object checksums when asked for. Without redirects, the same object as `headers`.
   */
  objectHeaders: OutgoingHttpHeaders;
  /** partNumber fixed the bytes: the client's Range header does not choose them. */
  partNumber: boolean;
}

/** `http://host:port` of a worker's read port (IPv6 literals bracketed). */
function originOf(host: string, port: number): string {
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

/**
 * GetObject and HeadObject.
 *
 * Redirect mode (`s3.redirect.enabled`, default off): a GetObject the gateway has resolved and found servable —
 * key valid, record found, If-* evaluated (304/412 answered here), Range and partNumber checked (416 and 400s answered
 * here) — answers 307 TemporaryRedirect with a Location on the owning worker's HTTP read port, a signed URL carrying
 * the object version and the exact response headers (redirect-signing.ts). Every such GET is redirected, including
 * response-* overrides, x-amz-checksum-mode and partNumber: the gateway computes those headers and the worker sends
 * them as signed. Not redirected, answered here as in proxy mode: HEAD, 0-byte objects (nothing to offload), a GET
 * when no live worker with a read port is on the ring, and a GET whose signed URL would exceed 8000 characters
 * (very large metadata). The worker applies the client's Range header (clients re-send it when they follow).
 * boto3 and the AWS SDK for JavaScript v3 do not follow the 307 (the SDK reports an error): hence off by default.
 */
export function objectReadHandlers(s: GatewayServices) {
  let redirectKey: Buffer | undefined;
  // How long a signed URL stays valid (`s3.redirect.expiry`): the client follows it at once; room for skew and queues.
  const redirectExpiryMs = s.config['s3.redirect.expiry'];
  if (s.config['s3.redirect.enabled']) {
    // `s3.redirect.secret` (or the legacy SILT_REDIRECT_SECRET); only whether it was set is logged, never the value.
    const { key, derived } = redirectKeyOf(s.config);
    if (derived) s.log.warn(DERIVED_KEY_WARNING);
    redirectKey = key;
  }

  async function resolve(req: S3Request): Promise<ObjectRecord__Output> {
    validateObjectKey(req.key);
    checkFeatureHeaders(req.headers, 'read');
    return s.records.get(req.bucket, req.key);
  }

  /** Everything GET and HEAD share: preconditions, partNumber, range, headers. Undefined = already answered. */
  function prepare(req: S3Request, record: ObjectRecord__Output): Answer | undefined {
    const verdict = evaluatePreconditions(readPreconditions(req.headers), { etag: record.etag, lastModifiedMs: record.last_modified_ms }, req.body.method ?? 'GET');
    if (verdict === 'precondition-failed') throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
    if (verdict === 'not-modified') {
      const h = objectHeaders(record, false);
      sendEmpty(req, 304, { etag: h.etag, 'last-modified': h['last-modified'] });
      return undefined;
    }
    let range: ByteRange | undefined;
    const partNumber = req.query.get('partNumber');
    if (partNumber !== undefined) {
      const n = /^\d+$/.test(partNumber) ? Number(partNumber) : NaN;
      if (!(n >= 1 && n <= 10_000)) {
        throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
          ArgumentName: 'partNumber',
          ArgumentValue: partNumber,
        });
      }
      if (header(req, 'range') !== undefined) throw new S3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
      // A single-PUT object is one part; a multipart object keeps its part sizes in its record.
      const parts = record.parts_count > 0 ? record.part_sizes : [record.size];
      if (n > parts.length) throw new S3Error('InvalidPartNumber', 'The requested partnumber is not satisfiable');
      if (record.parts_count > 0) {
        const start = parts.slice(0, n - 1).reduce((a, b) => a + b, 0);
        range = { start, end: start + parts[n - 1] - 1 };
      }
    } else {
      range = parseRange(header(req, 'range'), record.size);
    }
    const checksumMode = header(req, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED';
    // Full-object checksums are not sent with a part of the object. A redirect keeps them in `objectHeaders`: the
    // worker drops them if it serves a range. Without redirects there is one headers object (the hot path).
    const object: OutgoingHttpHeaders = { ...objectHeaders(record, checksumMode && (range === undefined || redirectKey !== undefined)), ...responseOverrides(req.query) };
    // S3 returns PartsCount "only if you specify partNumber in your request and the object was uploaded as a
    // multipart upload" (GetObject/HeadObject): tools learn the count with HEAD ?partNumber=1.
    if (partNumber !== undefined && record.parts_count > 0) object['x-amz-mp-parts-count'] = record.parts_count;
    const headers: OutgoingHttpHeaders = redirectKey ? { ...object } : object;
    const base = { objectHeaders: object, partNumber: partNumber !== undefined };
    if (range) {
      if (redirectKey) for (const name of Object.keys(headers)) if (name.startsWith('x-amz-checksum-')) delete headers[name];
      headers['content-range'] = contentRange(range, record.size);
      headers['content-length'] = range.end - range.start + 1;
      return { status: 206, range, headers, ...base };
    }
    headers['content-length'] = record.size;
    return { status: 200, headers, ...base };
  }

  /** The signed worker URL a GET is redirected to, or undefined to proxy it (see above). */
  function redirectLocation(req: S3Request, record: ObjectRecord__Output, answer: Answer): string | undefined {
    if (!redirectKey || record.size === 0) return undefined;
    const worker = s.reader.redirectTarget(record);
    if (!worker) return undefined;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.objectHeaders)) if (value !== undefined) headers[name] = String(value);
    const grant: RedirectGrant = {
      mountId: record.location?.mount_id || ROOT_MOUNT_ID,
      path: record.location?.path ?? '',
      version: record.ufs_version,
      sizeBytes: record.size,
      headers,
      range: answer.partNumber ? (answer.range ?? 'all') : 'header',
      expiresAtMs: Date.now() + redirectExpiryMs,
    };
    const location = `${originOf(worker.host, worker.http_port)}${redirectPathOf(req.bucket, req.key)}?${signRedirect(redirectKey, grant)}`;
    return location.length <= MAX_REDIRECT_URL_LENGTH ? location : undefined;
  }

  const HeadObject: S3Handler = async (req) => {
    const record = await resolve(req);
    const answer = prepare(req, record);
    if (answer) sendEmpty(req, answer.status, answer.headers);
  };

  const GetObject: S3Handler = async (req) => {
    try {
      await getObject(req);
    } catch (err) {
      if (!(err instanceof VersionChangedError) || req.res.headersSent) throw err;
      // The UFS holds other bytes than the record names (changed behind Silt's back): have metadata sync the key
      // (its watchers, this gateway's record cache included, drop the old record), then answer from the new one.
      await s.metadata.api.SyncObject({ bucket: req.bucket, key: req.key });
      await getObject(req);
    }
  };

  async function getObject(req: S3Request): Promise<void> {
    const record = await resolve(req);
    const answer = prepare(req, record);
    if (!answer) return;
    const location = redirectLocation(req, record, answer);
    if (location) {
      // As S3 words its own 307s; the Location is what clients that follow use.
      const xml = renderError({
        code: 'TemporaryRedirect',
        message: 'Please re-send this request to the specified temporary endpoint. Continue to use the original request endpoint for future requests.',
        requestId: req.id,
        details: { Endpoint: new URL(location).host, Bucket: req.bucket },
      });
      sendXml(req, 307, xml, { location, 'cache-control': 'no-store' });
      return;
    }
    const start = answer.range?.start ?? 0;
    const end = answer.range?.end ?? record.size - 1;
    const body = record.size === 0 ? Buffer.alloc(0) : await s.reader.read(record, start, end);
    await sendBody(req, answer.status, answer.headers, body);
  }

  return { HeadObject, GetObject };
}
