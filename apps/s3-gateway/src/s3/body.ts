import { bodyVerifier } from '../../../../libs/s3-protocol/src/checksums/body-digests';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { Transform } from 'node:stream';
import type { S3Request } from './s3-request';

/**
 * How long a small body may stall between bytes. The server has no request timeout (uploads may take as long as
 * they need), so without this a client declaring more bytes than it sends would hold the handler forever; S3
 * answers such a client 400 RequestTimeout after about 20 seconds of silence.
 */
export const SMALL_BODY_IDLE_MS = 20_000;

/**
 * Reads a small request body (XML documents) with a hard cap on its actual bytes, whatever Content-Length says
 * (a chunked body has none): a declared length over the cap is refused before anything is read, a body growing
 * past it as soon as it does (MaxMessageLengthExceeded), a body that stalls for `idleMs` is RequestTimeout, and one
 * that ends or is cut short before its declared length is IncompleteBody. Refusing leaves the rest unread: the
 * router closes such a connection rather than parse the leftover as the next request.
 */
export async function readSmallBody(req: S3Request, limit: number, idleMs = SMALL_BODY_IDLE_MS): Promise<Buffer> {
  const verify = bodyVerifier(req.headers); // malformed digests refused before the body is read
  const raw = req.headers['content-length'];
  const declared = raw === undefined ? undefined : Number(raw);
  if (declared !== undefined && declared > limit) throw new S3Error('MaxMessageLengthExceeded');
  const chunks = req.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const parts: Buffer[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const stalled = () =>
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new S3Error('RequestTimeout')), idleMs);
    });
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await Promise.race([chunks.next(), stalled()]);
      } catch (err) {
        if (err instanceof S3Error) throw err;
        throw new S3Error('IncompleteBody'); // the client went away mid-body ('aborted', ECONNRESET)
      } finally {
        clearTimeout(timer);
      }
      if (next.done) break;
      size += next.value.length;
      if (size > limit) throw new S3Error('MaxMessageLengthExceeded');
      parts.push(next.value);
    }
  } catch (err) {
    // Stop reading without destroying the request: the router still answers the error, then closes.
    req.body.pause();
    throw err;
  }
  if (declared !== undefined && size < declared) throw new S3Error('IncompleteBody');
  const body = Buffer.concat(parts);
  verify(body); // XAmzContentSHA256Mismatch / BadDigest before the document is acted on
  return body;
}

/**
 * A pass-through for streamed upload bodies (PutObject, UploadPart) that fails with RequestTimeout when the client
 * sends nothing for `idleMs` while the upload is waiting for bytes, as S3 answers a stalled upload after about 20
 * seconds. Without it a client declaring more bytes than it sends held the request (and its staging file) forever.
 * The clock runs only while downstream asks for more (`_read`), so a slow ufs is never blamed on the client.
 */
export function uploadIdleGuard(idleMs = SMALL_BODY_IDLE_MS): Transform {
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      clearTimeout(timer);
      done(null, chunk);
    },
    flush(done) {
      ended = true;
      clearTimeout(timer);
      done();
    },
    destroy(err, done) {
      ended = true;
      clearTimeout(timer);
      done(err);
    },
  });
  const read = guard._read.bind(guard);
  guard._read = (size: number) => {
    clearTimeout(timer);
    if (!ended) timer = setTimeout(() => guard.destroy(new S3Error('RequestTimeout')), idleMs);
    read(size);
  };
  return guard;
}
