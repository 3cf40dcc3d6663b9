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
  // One timer per upload, not one per chunk: each chunk only stamps the time, and the timer, when it fires, either
  // finds the client silent for idleMs while downstream waits for bytes, or re-arms for the time that is left. The
  // buffers are sized like the upload path's own pieces (socket reads of ~64 KiB, 1 MiB chunks to the ufs): with
  // Node's 16 KiB default every socket read would stall the stage (measured: 256 MiB PUT 317 -> 216 MiB/s).
  let lastChunkAt = performance.now();
  let waiting = false; // downstream asked for more and nothing came yet
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    timer = undefined;
    const silentMs = performance.now() - lastChunkAt;
    if (!waiting) timer = setTimeout(check, idleMs); // downstream is busy (a slow ufs): not the client's silence
    else if (silentMs >= idleMs) guard.destroy(new S3Error('RequestTimeout'));
    else timer = setTimeout(check, idleMs - silentMs);
  };
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const guard = new Transform({
    highWaterMark: 1024 * 1024,
    transform(chunk: Buffer, _enc, done) {
      lastChunkAt = performance.now();
      waiting = false;
      done(null, chunk);
    },
    flush(done) {
      stop();
      done();
    },
    destroy(err, done) {
      stop();
      done(err);
    },
  });
  const read = guard._read.bind(guard);
  guard._read = (size: number) => {
    if (!waiting) lastChunkAt = performance.now(); // the clock starts when downstream asks, not at the last chunk
    waiting = true;
    if (timer === undefined && !guard.destroyed) timer = setTimeout(check, idleMs);
    read(size);
  };
  return guard;
}
