import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { parseRange, type ByteRange as InclusiveRange } from '../../../../libs/s3-protocol/src/http/range';
import { renderError } from '../../../../libs/s3-protocol/src/xml/documents';
import { httpErrorOf, VersionChangedError } from '../errors';
import type { ObjectRef } from '../../../../libs/block-cache-client/src/page-math';
import type { PageSlice, PageStore } from '../pages/page-store';
import { readCommandOf, type ReadCommand } from '../read-request';
import { readExactly } from '../slices';
import { REDIRECT_PATH_PREFIX, verifyRedirect } from '../../../../libs/block-cache-client/src/redirect-signing';
import { BufferPool } from '../../../../libs/runtime/src/buffer-pool';

const MiB = 1024 * 1024;

export interface ReadServerOptions {
  /** HMAC key of redirect URLs (`s3.redirect.enabled`); absent = `/v1/s3/` answers 403. */
  redirectKey?: Buffer;
}

export interface RunningReadServer {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/** The bytes a `Range` header asks of an object of `size` bytes: [start, end), or 'unsatisfiable'. */
export type ByteRange = { start: number; end: number } | 'unsatisfiable';

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range (RFC 9110). An end past the object is cut to it; a start at or past
 * the end is unsatisfiable (416). Several ranges or a malformed header are refused (400): the gateway, our only
 * client, sends one well-formed range.
 */
export function parseRangeHeader(header: string, size: number): ByteRange {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) throw new S3Error('InvalidArgument', `unsupported Range: ${header}`);
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (!Number.isSafeInteger(start) || last < start) throw new S3Error('InvalidArgument', `unsupported Range: ${header}`);
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last + 1, size) };
}

/** `GET /v1/read?mount=&path=&version=&size=` as a read command (query decoded as by URLSearchParams: + is a space). */
export function parseReadQuery(rawQuery: string): ReadCommand {
  const q = new URLSearchParams(rawQuery);
  const size = q.get('size') ?? '';
  if (!/^\d{1,16}$/.test(size)) throw new S3Error('InvalidArgument', 'size must be the object size in bytes');
  return readCommandOf({
    mountId: q.get('mount') ?? '',
    path: q.get('path') ?? '',
    version: q.get('version') ?? '',
    sizeBytes: Number(size),
    offset: 0,
    length: -1,
  });
}

/** Resolves once `res` can take more bytes, or has closed (then `res.destroyed` tells). Plain listeners: this runs
 * once per page, and an AbortController per call showed up in profiles. */
function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Page-sized read buffers for disk pages, reused once the socket has taken their bytes (the write callback). A file
 * stream allocated a fresh 1 MiB buffer per chunk; the dead chunks piled up as tens of MiB of external memory until
 * V8 got round to collecting them, and the worker's RSS followed. At most two are in use per response (one being
 * written, one being read ahead); a few are kept for the next pages and responses.
 */
const readBuffers = new BufferPool(MiB, 8);

async function send(res: ServerResponse, slice: PageSlice): Promise<void> {
  if (slice.tier !== 'disk') {
    if (!res.write(slice.data)) await drained(res);
    return;
  }
  // A disk page goes out in 1 MiB reads into reused buffers, the next one read while the socket takes the last.
  const { file, end } = slice;
  const readAt = (pos: number): Promise<{ buf: Buffer; n: number }> => {
    const buf = readBuffers.take();
    const n = Math.min(buf.length, end - pos);
    const read = readExactly(file, buf, 0, n, pos).then(
      () => ({ buf, n }),
      (err: unknown) => {
        readBuffers.give(buf);
        throw err;
      },
    );
    read.catch(() => undefined); // a read ahead may fail while we wait for 'drain': it is awaited (and thrown) next
    return read;
  };
  let pos = slice.start;
  let pending: Promise<{ buf: Buffer; n: number }> | undefined = pos < end ? readAt(pos) : undefined;
  try {
    while (pending) {
      const { buf, n } = await pending;
      pos += n;
      pending = pos < end ? readAt(pos) : undefined;
      // The buffer goes back to the pool only when the socket is done with it (written or failed).
      if (!res.write(buf.subarray(0, n), () => readBuffers.give(buf))) await drained(res);
      if (res.destroyed) return;
    }
  } finally {
    // The file is only valid until we return: never leave a read of it running.
    if (pending) await pending.then((r) => readBuffers.give(r.buf), () => undefined);
  }
}

function fail(res: ServerResponse, err: unknown, log: Logger): void {
  const { status, code, message } = httpErrorOf(err);
  if (status >= 500) log.warn({ err }, 'read failed');
  else log.debug({ code, message }, 'read refused');
  const body = `${code}: ${message}\n`;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-silt-error': code,
  });
  res.end(body);
}

/**
 * Streams bytes [start, end) of the object. The first page is fetched before `head()` writes the status line, so a
 * changed version or a missing object is still a clean error reply (`failEarly`); a failure after the headers cuts
 * the connection (never a short 200).
 */
async function serveBytes(
  store: PageStore,
  ref: ObjectRef,
  start: number,
  end: number,
  res: ServerResponse,
  log: Logger,
  head: () => void,
  failEarly: (err: unknown) => void,
): Promise<void> {
  const pages = store.read(ref, start, end - start);
  try {
    let next = await pages.next();
    head();
    while (!next.done) {
      if (res.destroyed) return; // the client left: not an error
      await send(res, next.value);
      next = await pages.next();
    }
    if (res.destroyed) return;
    res.end();
  } catch (err) {
    if (!res.headersSent) return failEarly(err);
    log.warn({ err }, 'read failed after the headers were sent; cutting the response');
    res.destroy(err as Error);
  } finally {
    await pages.return(undefined);
  }
}

async function handle(store: PageStore, req: IncomingMessage, res: ServerResponse, log: Logger, options: ReadServerOptions): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  if (pathname.startsWith(REDIRECT_PATH_PREFIX)) return handleRedirected(store, req, res, log, options.redirectKey, pathname, q === -1 ? '' : url.slice(q + 1));
  if (pathname !== '/v1/read') return fail(res, new S3Error('InvalidRequest', `no such endpoint: ${pathname}`), log);
  if (req.method !== 'GET') return fail(res, new S3Error('MethodNotAllowed'), log);

  let cmd: ReadCommand;
  let range: ByteRange | undefined;
  try {
    cmd = parseReadQuery(q === -1 ? '' : url.slice(q + 1));
    const header = req.headers.range;
    if (header !== undefined) range = parseRangeHeader(header, cmd.ref.sizeBytes);
  } catch (err) {
    return fail(res, err, log);
  }
  const size = cmd.ref.sizeBytes;
  if (range === 'unsatisfiable') {
    res.setHeader('content-range', `bytes */${size}`);
    return fail(res, new S3Error('InvalidRange'), log);
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size;
  const head = () =>
    res.writeHead(range ? 206 : 200, {
      'content-type': 'application/octet-stream',
      'content-length': end - start,
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${end - 1}/${size}` } : {}),
    });
  await serveBytes(store, cmd.ref, start, end, res, log, head, (err) => fail(res, err, log));
}

// Redirected GETs answer as the S3 API does: request ids, S3 XML errors. Ids as the gateway makes them.
const HOST_ID = randomBytes(24).toString('base64');
const ID_PREFIX = randomBytes(4).toString('hex').toUpperCase();
let idCounter = 0;
function newRequestId(): string {
  idCounter = (idCounter + 1) % 0x100000000;
  return ID_PREFIX + idCounter.toString(16).toUpperCase().padStart(8, '0');
}

/** An S3 error document, as the gateway renders it (a version change is 503 ServiceUnavailable, as there). */
function failS3(res: ServerResponse, method: string | undefined, resource: string, err: unknown, log: Logger): void {
  let s3: S3Error;
  if (err instanceof S3Error) s3 = err;
  else if (err instanceof VersionChangedError) s3 = new S3Error('ServiceUnavailable', 'The object changed while it was being read; please retry.');
  else s3 = new S3Error('InternalError');
  if (s3.status >= 500) log.warn({ err }, 'redirected read failed');
  else log.debug({ code: s3.code, message: s3.message }, 'redirected read refused');
  const requestId = String(res.getHeader('x-amz-request-id') ?? newRequestId());
  const body = Buffer.from(renderError({ code: s3.code, message: s3.message, resource, requestId, hostId: HOST_ID, details: s3.details }), 'utf8');
  res.writeHead(s3.status, { 'content-type': 'application/xml', 'content-length': body.length });
  res.end(method === 'HEAD' ? undefined : body);
}

/**
 * `GET /v1/s3/<bucket>/<key>?<signed grant>`: the S3 GetObject answer the gateway redirected here (see
 * redirect-signing.ts) — 200 or 206 with the object's headers, Content-Length, Content-Range and Accept-Ranges,
 * the client's Range header honoured with S3's rules. The signature and expiry are checked first (403). This
 * worker serves the bytes whether or not it still owns the object (a miss reads through the ufs); it never
 * answers 3xx, so a client is redirected at most once.
 */
async function handleRedirected(
  store: PageStore,
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
  key: Buffer | undefined,
  pathname: string,
  query: string,
): Promise<void> {
  res.setHeader('x-amz-request-id', newRequestId());
  res.setHeader('x-amz-id-2', HOST_ID);
  res.setHeader('server', 'Silt');
  let ref: ObjectRef;
  let range: InclusiveRange | undefined;
  let headers: Record<string, string | number>;
  try {
    if (!key) throw new S3Error('AccessDenied', 'redirected reads are not enabled on this worker (s3.redirect.enabled)');
    if (req.method !== 'GET') throw new S3Error('MethodNotAllowed');
    const grant = verifyRedirect(key, query);
    ref = readCommandOf({ ...grant, offset: 0, length: -1 }).ref;
    range = grant.range === 'header' ? parseRange(req.headers.range, ref.sizeBytes) : grant.range === 'all' ? undefined : grant.range;
    headers = { ...grant.headers };
  } catch (err) {
    return failS3(res, req.method, pathname, err, log);
  }
  const size = ref.sizeBytes;
  if (range) {
    // As the gateway: full-object checksums are not sent with a part of the object.
    for (const name of Object.keys(headers)) if (name.startsWith('x-amz-checksum-')) delete headers[name];
    headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['content-length'] = range.end - range.start + 1;
  } else {
    headers['content-length'] = size;
  }
  const start = range?.start ?? 0;
  const end = range ? range.end + 1 : size;
  await serveBytes(store, ref, start, end, res, log, () => res.writeHead(range ? 206 : 200, headers), (err) => failS3(res, req.method, pathname, err, log));
}

/**
 * The worker's HTTP read port: plain node:http with keep-alive, no framework (it carries the bulk bytes; a grpc-js
 * stream carries 0.2-0.5x of this between the same processes). `/v1/read` answers 200/206 with Content-Length, or
 * an error with `x-silt-error`: 409 version-changed, 404 NoSuchKey, 400 InvalidArgument, 416 InvalidRange.
 * `/v1/s3/...` answers redirected S3 GETs (handleRedirected) when `options.redirectKey` is set.
 */
export async function startReadServer(
  host: string,
  port: number,
  store: PageStore,
  log: Logger,
  options: ReadServerOptions = {},
): Promise<RunningReadServer> {
  const server = createServer({ keepAlive: true }, (req, res) => {
    res.on('error', (err) => log.debug({ err }, 'response error (client gone)'));
    handle(store, req, res, log, options).catch((err: unknown) => {
      log.error({ err }, 'read handler crashed');
      res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;
  server.listen(port, host);
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), 2_000);
        timer.unref();
      }),
  };
}
