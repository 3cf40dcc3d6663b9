import type * as grpc from '@grpc/grpc-js';
import { Readable } from 'node:stream';
import type { ReadObjectRequest } from '../../grpc/generated/silt/ufs/v1/ReadObjectRequest';
import type { ReadObjectResponse__Output } from '../../grpc/generated/silt/ufs/v1/ReadObjectResponse';
import type { UfsServiceClient } from '../../grpc/generated/silt/ufs/v1/UfsService';
import type { WriteObjectHeader } from '../../grpc/generated/silt/ufs/v1/WriteObjectHeader';
import type { WriteObjectRequest } from '../../grpc/generated/silt/ufs/v1/WriteObjectRequest';
import type { WriteObjectResponse__Output } from '../../grpc/generated/silt/ufs/v1/WriteObjectResponse';
import type { PreEncoded } from '../../grpc/src/pre-encoded';
import { CHUNK_DATA_OFFSET, chunkMessage, zeroCopySafe } from '../../grpc/src/pre-framed';
import { BufferPool } from '../../runtime/src/buffer-pool';
import { untilWritable } from '../../grpc/src/streams';

// The gateway's side of the ufs byte streams (PUT bodies in, GET bodies out), with real backpressure both ways.

export const MAX_CHUNK_BYTES = 1024 * 1024;
/**
 * Bytes of one WriteObject call not yet flushed to its HTTP/2 stream. grpc-js queues 16 messages per call before
 * write() says "wait" (16 MiB of 1 MiB chunks), so with the ufs as the slower side every upload held ~16 MiB in the
 * gateway: four parallel part uploads put a gateway process at ~260 MiB. Four chunks keep the pipe full on loopback.
 */
const MAX_IN_FLIGHT_BYTES = 4 * MAX_CHUNK_BYTES;
const STOPPED = Symbol('stopped');

export interface WriteObjectOptions {
  /** Values that arrive after the body (an aws-chunked trailer), algorithm -> base64; sent after the last chunk. */
  getTrailer?: () => Record<string, string> | undefined;
  signal?: AbortSignal;
  /** Chunk size on the wire, <= 1 MiB. */
  chunkBytes?: number;
}

/** WriteObjectRequest.chunk's field number. */
const CHUNK_FIELD = 2;
/** Full-size chunk buffers, shared by every upload of the process; a few kept idle (8 MiB of RSS at most). */
const CHUNK_POOL = new BufferPool(CHUNK_DATA_OFFSET + MAX_CHUNK_BYTES, 8);

/**
 * Streams `body` to UfsService.WriteObject: header, chunks of <= 1 MiB (waiting for 'drain' whenever the call's
 * buffer is full), then the trailer. Resolves with the reply once ufs has verified and renamed the object.
 * Rejects with the gRPC error when ufs refuses (map it with `fromGrpcError`), or with the body's own error when the
 * body fails (e.g. the aws-chunked decoder's S3Error); either way the call is cancelled, so ufs drops its temp file.
 * An aborted `signal` cancels the call and rejects with the CANCELLED gRPC error. The body is not destroyed here.
 */
export async function writeObjectFromStream(
  client: UfsServiceClient,
  header: WriteObjectHeader,
  body: Readable,
  getTrailerOrOptions?: WriteObjectOptions['getTrailer'] | WriteObjectOptions,
  signal?: AbortSignal,
): Promise<WriteObjectResponse__Output> {
  const options: WriteObjectOptions =
    typeof getTrailerOrOptions === 'function' ? { getTrailer: getTrailerOrOptions, signal } : { signal, ...getTrailerOrOptions };
  const chunkBytes = Math.min(options.chunkBytes ?? MAX_CHUNK_BYTES, MAX_CHUNK_BYTES);

  let settled = false;
  // The reply may come early (ufs refused the header): stop pumping then, never wait for a 'drain' that won't come.
  // A fresh promise per wait, woken by the reply: racing one long-lived promise instead would keep every race (and
  // the chunk it resolved with) reachable until the end of the call, holding the whole body in memory.
  let wake: (() => void) | undefined;
  const untilReply = () => new Promise<typeof STOPPED>((resolve) => (wake = () => resolve(STOPPED)));
  let call!: grpc.ClientWritableStream<WriteObjectRequest>;
  const response = new Promise<WriteObjectResponse__Output>((resolve, reject) => {
    call = client.WriteObject((err, res) => {
      settled = true;
      wake?.();
      if (err) reject(err);
      else resolve(res!);
    });
  });
  response.catch(() => undefined); // observed below; never an unhandled rejection while the body is pumped
  const cancel = () => {
    if (!settled) call.cancel();
  };
  const signalAbort = options.signal;
  if (signalAbort?.aborted) cancel();
  signalAbort?.addEventListener('abort', cancel, { once: true });

  // Unflushed bytes of this call, and who waits for them to fall to half the cap.
  let inFlight = 0;
  let belowCap: (() => void) | undefined;
  const send = async (message: PreEncoded, written: () => void) => {
    const length = message.bytes.length;
    inFlight += length;
    // The callback comes once grpc-js framed a copy of the message or, for a pre-framed one, once HTTP/2 wrote it.
    const writable = call.write(message as WriteObjectRequest, () => {
      written();
      inFlight -= length;
      if (inFlight <= MAX_IN_FLIGHT_BYTES / 2 && belowCap) {
        const wake = belowCap;
        belowCap = undefined;
        wake();
      }
    });
    if (!writable) await Promise.race([untilWritable(call), untilReply()]);
    if (inFlight > MAX_IN_FLIGHT_BYTES && !settled) await Promise.race([new Promise<void>((resolve) => (belowCap = resolve)), untilReply()]);
  };

  // The body's pieces (~64 KiB socket reads) are copied once, straight into a pooled buffer laid out as a framed gRPC
  // message holding one `chunk` field (so the ufs does one write per MiB, not sixteen: per-piece messages left both
  // processes idle, waiting on each other). On a zero-copy client that buffer is what HTTP/2 sends, and it goes back
  // to the pool once written; on any other, grpc-js frames a copy and the buffer is free once that copy is made.
  const preFramed = zeroCopySafe(client);
  const pool = chunkBytes === MAX_CHUNK_BYTES ? CHUNK_POOL : new BufferPool(CHUNK_DATA_OFFSET + chunkBytes, 0);
  let buf: Buffer | undefined;
  let filled = 0;
  const flush = async () => {
    const full = buf!;
    const message = chunkMessage(full, CHUNK_FIELD, filled, preFramed);
    buf = undefined;
    filled = 0;
    await send(message, () => pool.give(full));
  };
  try {
    if (!call.write({ header: { ...header, ends_with_trailer: true } })) await Promise.race([untilWritable(call), untilReply()]);
    const it = body.iterator({ destroyOnReturn: false });
    while (!settled) {
      // Race the body against the reply too: a stalled body must not hold a call that ufs (or the signal) ended.
      const pending = it.next();
      pending.catch(() => undefined);
      const next = await Promise.race([pending, untilReply()]);
      if (next === STOPPED || next.done) break;
      const data: unknown = next.value;
      const piece = typeof data === 'string' ? Buffer.from(data) : (data as Buffer);
      for (let off = 0; off < piece.length && !settled; ) {
        buf ??= pool.take();
        const n = Math.min(piece.length - off, chunkBytes - filled);
        piece.copy(buf, CHUNK_DATA_OFFSET + filled, off, off + n);
        filled += n;
        off += n;
        if (filled === chunkBytes) await flush();
      }
    }
    if (!settled && filled > 0) await flush();
    if (buf) pool.give(buf);
    if (!settled) {
      // Always a trailer, even empty: with ends_with_trailer it is what tells ufs the body is complete.
      call.write({ trailer: { expected_checksums: options.getTrailer?.() ?? {} } });
      call.end();
    }
  } catch (bodyError) {
    cancel();
    await response.catch(() => undefined);
    throw bodyError;
  } finally {
    signalAbort?.removeEventListener('abort', cancel);
  }
  return response;
}

/**
 * UfsService.ReadObject as a byte Readable: pulls messages only as fast as the consumer reads (the call is paused
 * while the Readable's buffer is full). A gRPC failure (NOT_FOUND + NoSuchKey, ABORTED 'ufs version changed', ...)
 * is emitted as the Readable's error; destroying the Readable cancels the call.
 */
export function readObjectStream(client: UfsServiceClient, req: ReadObjectRequest, options: { signal?: AbortSignal } = {}): Readable {
  const call = client.ReadObject(req);
  let ended = false;
  const out = new Readable({
    highWaterMark: MAX_CHUNK_BYTES,
    read() {
      call.resume();
    },
    destroy(err, cb) {
      if (!ended) call.cancel();
      cb(err);
    },
  });
  call.on('data', (msg: ReadObjectResponse__Output) => {
    if (msg.chunk?.length && !out.push(msg.chunk)) call.pause();
  });
  call.on('end', () => {
    ended = true;
    out.push(null);
  });
  call.on('error', (err: grpc.ServiceError) => {
    ended = true;
    out.destroy(err);
  });
  options.signal?.addEventListener('abort', () => out.destroy(options.signal?.reason as Error | undefined), { once: true });
  return out;
}
