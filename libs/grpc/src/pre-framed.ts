import type * as grpc from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import { BYTES_FIELD_PREFIX, encodeBytesFieldInPlace, PreEncoded } from './pre-encoded';

/**
 * Sending a byte stream's chunks without grpc-js's framing copy.
 *
 * grpc-js frames every outgoing message by allocating a fresh buffer of 5 + length bytes (the gRPC length prefix) and
 * copying the message into it (CompressionFilter.sendMessage -> IdentityHandler.writeMessage). For an upload that is a
 * second copy of every byte (the first is the body's socket pieces into a pooled chunk buffer) plus a fresh 1 MiB
 * allocation per chunk: in a gateway profile of 3 GiB of PUTs the copy was 1.1 s of 7.5 s busy, and the dead copies
 * are external memory that waits for V8's GC (busy 7.5 -> 4.5 s, GC 0.68 -> 0.30 s without them). A chunk buffer laid
 * out with room for the prefix (`CHUNK_DATA_OFFSET`) is framed in place instead (`chunkMessage`), and the patched
 * filter sends that framed view as it is.
 *
 * A buffer sent uncopied must stay untouched until HTTP/2 has written it. grpc-js only says so on channels that keep
 * no retry buffer: with one, a message that fits it gets its write callback at once (the retry buffer holds it,
 * which is safe only because grpc-js copied it). `UPLOAD_CHANNEL_OPTIONS` turns that buffer (and retries) off, and
 * only a client marked `zeroCopySafe` gets framed buffers; any other client is sent ordinary (copied) messages.
 */

/** gRPC's message prefix: a compressed flag byte and a 4-byte big-endian length. */
const GRPC_FRAME_HEADER = 5;

const FRAMED = Symbol('silt.grpc.framed');

/**
 * Writes the gRPC prefix of `buf[start, end)` into `buf[start - 5, start)` and returns the message view
 * `buf[start, end)`, which carries the framed view `buf[start - 5, end)` for the patched filter.
 */
function frameInPlace(buf: Buffer, start: number, end: number): Buffer {
  if (start < GRPC_FRAME_HEADER || end > buf.length || end < start) throw new RangeError(`no room to frame [${start}, ${end}) of ${buf.length} bytes`);
  buf[start - GRPC_FRAME_HEADER] = 0; // not compressed
  buf.writeUInt32BE(end - start, start - GRPC_FRAME_HEADER + 1);
  const message = buf.subarray(start, end);
  (message as Buffer & { [FRAMED]?: Buffer })[FRAMED] = buf.subarray(start - GRPC_FRAME_HEADER, end);
  return message;
}

/** Where a chunk's data starts in its buffer: room for the gRPC prefix, then a `bytes` field's key and length. */
export const CHUNK_DATA_OFFSET = GRPC_FRAME_HEADER + BYTES_FIELD_PREFIX;

/**
 * `buf[CHUNK_DATA_OFFSET, CHUNK_DATA_OFFSET + length)` holds a chunk's data: the message of that one `bytes` field,
 * encoded in place and, when `framed` (a `zeroCopySafe` client), framed in place too. `buf` is free again once the
 * call's write callback for it ran.
 */
export function chunkMessage(buf: Buffer, field: number, length: number, framed: boolean): PreEncoded {
  const encoded = encodeBytesFieldInPlace(buf.subarray(GRPC_FRAME_HEADER), field, length);
  if (!framed) return new PreEncoded(encoded);
  const start = encoded.byteOffset - buf.byteOffset;
  return new PreEncoded(frameInPlace(buf, start, start + encoded.length));
}

/** The framed view `frameInPlace` attached to `message`, if any. */
function framedView(message: unknown): Buffer | undefined {
  return Buffer.isBuffer(message) ? (message as Buffer & { [FRAMED]?: Buffer })[FRAMED] : undefined;
}

interface ResolvedMessage {
  message: Buffer;
  flags?: number;
}
interface CompressionFilterLike {
  currentCompressionAlgorithm?: string;
  maxSendMessageLength?: number;
  sendMessage(message: Promise<ResolvedMessage>): Promise<ResolvedMessage>;
}

let installed: boolean | undefined;

/**
 * Teaches grpc-js's compression filter to send a pre-framed message as it is (uncompressed channels only; anything
 * else takes the filter's own path). Idempotent; false when this grpc-js has no such filter (then every message is
 * copied as before: `zeroCopySafe` answers false).
 */
function installPreFramedSend(): boolean {
  if (installed !== undefined) return installed;
  installed = false;
  try {
    const mod = createRequire(__filename)('@grpc/grpc-js/build/src/compression-filter') as { CompressionFilter?: { prototype: CompressionFilterLike } };
    const proto = mod.CompressionFilter?.prototype;
    const original = proto?.sendMessage;
    if (!proto || typeof original !== 'function') return installed;
    proto.sendMessage = async function (this: CompressionFilterLike, message: Promise<ResolvedMessage>): Promise<ResolvedMessage> {
      const resolved = await message;
      const framed = framedView(resolved.message);
      const limit = this.maxSendMessageLength ?? -1;
      if (framed && this.currentCompressionAlgorithm === 'identity' && (limit === -1 || resolved.message.length <= limit)) {
        return { message: framed, flags: resolved.flags };
      }
      return original.call(this, Promise.resolve(resolved));
    };
    installed = true;
  } catch {
    installed = false;
  }
  return installed;
}

/**
 * Channel options that make a write callback mean "HTTP/2 has written it": no retry buffer (every message commits
 * the call, so its callback waits for the transport's write) and no retries (a body stream cannot be replayed).
 */
export const UPLOAD_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.enable_retries': 0,
  'grpc.per_rpc_retry_buffer_size': 0,
};

const safe = new WeakSet<object>();

/** Marks a client created with UPLOAD_CHANNEL_OPTIONS: its calls may be sent pre-framed buffers. */
export function markZeroCopySafe<C extends grpc.Client>(client: C): C {
  if (installPreFramedSend()) safe.add(client);
  return client;
}

/** Whether `client`'s calls may be sent pre-framed buffers (and so release them only on the write callback). */
export function zeroCopySafe(client: object): boolean {
  return safe.has(client);
}
