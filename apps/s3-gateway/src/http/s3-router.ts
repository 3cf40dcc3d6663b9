import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { SiltConfig } from '../../../../libs/config/src/schema';
import { fromGrpcError, isGrpcError } from '../../../../libs/grpc/src/status';
import { resolveUser } from '../../../../libs/s3-protocol/src/auth/simple-auth';
import { parseContentSha256 } from '../../../../libs/s3-protocol/src/checksums/content-sha256';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { resolveOperation, type Operation } from '../../../../libs/s3-protocol/src/routing/routes';
import { bucketOfHost, parseDomains } from '../../../../libs/s3-protocol/src/routing/virtual-host';
import { checkVersionId } from '../../../../libs/s3-protocol/src/validation/unsupported-features';
import { renderError } from '../../../../libs/s3-protocol/src/xml/documents';
import { VersionChangedError } from '../data/object-reader';
import type { S3Handler } from '../s3/s3-request';

const HOST_ID = randomBytes(24).toString('base64');

// Request ids: a random per-process prefix and a counter — unique, and far cheaper than random bytes per request.
const ID_PREFIX = randomBytes(4).toString('hex').toUpperCase();
let idCounter = 0;

export function newRequestId(): string {
  idCounter = (idCounter + 1) % 0x100000000;
  return ID_PREFIX + idCounter.toString(16).toUpperCase().padStart(8, '0');
}

/** The S3 error a failure stands for, whatever threw it. */
export function toS3Error(err: unknown): S3Error {
  if (err instanceof S3Error) return err;
  if (err instanceof VersionChangedError) {
    return new S3Error('ServiceUnavailable', 'The object changed while it was being read; please retry.');
  }
  if (isGrpcError(err)) return fromGrpcError(err);
  return new S3Error('InternalError');
}

/** Writes an S3 error response, or cuts the connection if the response had already started. */
export function writeError(
  res: ServerResponse,
  method: string | undefined,
  requestId: string,
  resource: string,
  err: S3Error,
  keepAlive: boolean,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(
    renderError({ code: err.code, message: err.message, resource, requestId, hostId: HOST_ID, details: err.details }),
    'utf8',
  );
  const headers: Record<string, string | number> = {
    'x-amz-request-id': requestId,
    'x-amz-id-2': HOST_ID,
    'content-type': 'application/xml',
    'content-length': body.length,
  };
  if (!keepAlive) headers.connection = 'close';
  res.writeHead(err.status, headers);
  res.end(method === 'HEAD' ? undefined : body);
}

/**
 * The one entry point of the S3 API: resolve the operation from the raw URL, identify the user (SIMPLE auth), run
 * the handler, and turn any failure into an S3 error response. Handlers own the response otherwise.
 */
export class S3Router {
  private readonly domains: readonly string[];

  constructor(
    private readonly handlers: Partial<Record<Operation, S3Handler>>,
    private readonly config: SiltConfig,
    private readonly log: Logger,
  ) {
    this.domains = parseDomains(config['s3.domain']);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = newRequestId();
    res.setHeader('x-amz-request-id', id);
    res.setHeader('x-amz-id-2', HOST_ID);
    res.setHeader('server', 'Silt');
    const keepAlive = this.config['s3.keepAlive.enabled'];
    if (!keepAlive) res.setHeader('connection', 'close');
    // The abort signal is made only for handlers that ask for it (uploads); reads never pay for it.
    let abort: AbortController | undefined;
    const clientGone = () => res.closed && !res.writableFinished;
    res.on('close', () => {
      if (clientGone()) abort?.abort();
    });
    const signal = () => {
      if (!abort) {
        abort = new AbortController();
        if (clientGone()) abort.abort();
      }
      return abort.signal;
    };
    const url = req.url ?? '/';
    // The error body's Resource names the bucket even when the Host carried it (virtual-hosted style).
    let resource = url.split('?')[0];
    let op: Operation | undefined;
    try {
      const hostBucket = bucketOfHost(req.headers.host, this.domains);
      if (hostBucket !== undefined) resource = `/${hostBucket}${resource}`;
      const resolved = resolveOperation(req.method ?? 'GET', url, { has: (name) => req.headers[name] !== undefined }, hostBucket);
      op = resolved.op;
      // Buckets are unversioned: on any object request `versionId=null` is the current object, any other id is refused
      // here, once, for every operation (GET, HEAD, DELETE, tagging, ACL, attributes, ...).
      if (resolved.key !== '') checkVersionId(resolved.query.get('versionId'));
      // A malformed x-amz-content-sha256 is refused on every request, bodied or not, as S3 does; bodies are checked
      // against a hex value where they are read (readSmallBody, the ufs's write).
      parseContentSha256(req.headers);
      const { user } = resolveUser({
        method: req.method ?? 'GET',
        query: resolved.query,
        headers: req.headers,
        defaultUser: this.config['s3.auth.defaultUser'],
      });
      const handler = this.handlers[resolved.op];
      if (!handler) throw new S3Error('NotImplemented', `${resolved.op} is not implemented.`);
      await handler({
        id,
        ...resolved,
        headers: req.headers,
        user,
        body: req,
        res,
        get signal() {
          return signal();
        },
      });
    } catch (err) {
      const s3 = toS3Error(err);
      // NotImplemented (501) is a normal answer to a client probing a feature, not a fault of Silt's.
      if (s3.status >= 500 && s3.code !== 'NotImplemented') this.log.error({ err, op, url, requestId: id }, 'request failed');
      else this.log.debug({ code: s3.code, op, url, requestId: id }, 'request refused');
      // A body we did not read would otherwise be parsed as the next request: close instead.
      const bodyUnread = !req.readableEnded && (req.headers['content-length'] !== '0' && (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined));
      writeError(res, req.method, id, resource, s3, keepAlive && !bodyUnread);
    }
  }
}
