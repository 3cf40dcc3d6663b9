import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { STREAMING_PAYLOADS } from '../checksums/content-sha256';
import { S3Error } from '../errors/s3-errors';

// Decoder for `Content-Encoding: aws-chunked` bodies (SigV4 streaming and the new SDKs' trailing checksums):
//   hex-size[;chunk-signature=<64 hex>]\r\n <size bytes> \r\n  ...  0[;chunk-signature=…]\r\n
//   [name:value\r\n]*  [x-amz-trailer-signature:<64 hex>\r\n]  \r\n
// A streaming state machine: payload bytes are forwarded as subarrays of the incoming buffers (never copied, never
// held a whole chunk), and only size lines, CRLFs and trailers are scanned.

export { STREAMING_PAYLOADS };

/** S3's largest single PUT; a chunk announcing more is not a real client. */
export const MAX_CHUNK_BYTES = 5 * 1024 ** 3;
const MAX_LINE_BYTES = 4096; // a size line is ~90 bytes with a signature
const MAX_TRAILER_BYTES = 16 * 1024;
const MAX_TRAILERS = 16;

export interface AwsChunkedMode {
  /** x-amz-decoded-content-length: the decoded payload must be exactly this long. */
  decodedContentLength?: number;
  /** Chunk lines carry `;chunk-signature=` (STREAMING-AWS4-*). */
  signed: boolean;
  /** A trailer section with at least one header is expected (…-TRAILER or x-amz-trailer). */
  expectTrailer: boolean;
}

export interface AwsChunkedOptions extends AwsChunkedMode {
  /**
   * Hook for a future chunk-signature verifier (not implemented: SIMPLE auth does not verify). Called once per chunk,
   * the final empty one included, after its bytes went through, with the SHA-256 of those bytes. Throwing fails the
   * stream with that error.
   */
  onChunkSignature?: (signature: string, chunkBytesHash?: Buffer) => void;
  /** Called with `x-amz-trailer-signature` when the trailer carries one. */
  onTrailerSignature?: (signature: string) => void;
}

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;
const header = (h: HeaderBag, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * How to decode this request's body, or undefined when it is not aws-chunked. Only a STREAMING-* x-amz-content-sha256
 * announces the framing: `Content-Encoding: aws-chunked` on its own (or with UNSIGNED-PAYLOAD or a hex digest) is a
 * label, and the body is stored as the bytes sent (S3 stores such a body as is and drops the token from the stored
 * Content-Encoding).
 */
export function awsChunkedMode(headers: HeaderBag): AwsChunkedMode | undefined {
  const sha = header(headers, 'x-amz-content-sha256')?.trim();
  const streaming = sha !== undefined && STREAMING_PAYLOADS.has(sha);
  const encoded = (header(headers, 'content-encoding') ?? '').split(',').some((t) => t.trim().toLowerCase() === 'aws-chunked');
  if (!streaming && !encoded) return undefined;
  const decoded = header(headers, 'x-amz-decoded-content-length');
  let decodedContentLength: number | undefined;
  if (decoded !== undefined) {
    if (!/^\d{1,16}$/.test(decoded.trim())) {
      throw new S3Error('InvalidArgument', 'x-amz-decoded-content-length must be a non-negative integer', {
        ArgumentName: 'x-amz-decoded-content-length',
        ArgumentValue: decoded,
      });
    }
    decodedContentLength = Number(decoded.trim());
  }
  if (!streaming) return undefined;
  const trailerHeader = header(headers, 'x-amz-trailer');
  const mode: AwsChunkedMode = {
    signed: sha.startsWith('STREAMING-AWS4-'),
    expectTrailer: sha.endsWith('-TRAILER') || (trailerHeader !== undefined && trailerHeader.trim() !== ''),
  };
  if (decodedContentLength !== undefined) mode.decodedContentLength = decodedContentLength;
  return mode;
}

/**
 * Content-Encoding to store: S3 drops `aws-chunked` and keeps the rest (undefined when nothing is left); a value
 * without the token is kept exactly as sent.
 */
export function stripAwsChunkedEncoding(contentEncoding: string | undefined): string | undefined {
  if (contentEncoding === undefined) return undefined;
  const tokens = contentEncoding.split(',').map((t) => t.trim());
  if (!tokens.some((t) => t.toLowerCase() === 'aws-chunked')) return contentEncoding;
  const rest = tokens.filter((t) => t !== '' && t.toLowerCase() !== 'aws-chunked');
  return rest.length ? rest.join(',') : undefined;
}

const enum State { SizeLine, Data, DataCR, DataLF, Trailer, Done }

const CR = 0x0d;
const LF = 0x0a;
const HEX_SIZE = /^[0-9a-fA-F]{1,16}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

const malformed = (why: string) => new S3Error('InvalidRequest', `Malformed aws-chunked body: ${why}.`);
const truncated = () => new S3Error('IncompleteBody', 'The request body ended before the aws-chunked encoding was complete.');

export class AwsChunkedDecoder extends Transform {
  /** Trailer headers (lower-cased names, trimmed values), complete once 'trailers' or 'end' fired. */
  readonly trailers: Record<string, string> = {};
  trailerSignature?: string;
  /** Decoded payload bytes so far. */
  decodedBytes = 0;
  chunkCount = 0;

  private state = State.SizeLine;
  private remaining = 0;
  private signature?: string;
  private chunkHash?: Hash;
  private line: Buffer[] = [];
  private lineBytes = 0;
  private lastLine = '';
  private trailerBytes = 0;
  private trailerCount = 0;

  constructor(private readonly options: AwsChunkedOptions) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.consume(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      // Tolerated: the final empty line missing at EOF, when everything before it was complete.
      if (this.state === State.Trailer && this.lineBytes === 0) this.finish();
      if (this.state !== State.Done) throw truncated();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private consume(buf: Buffer): void {
    const len = buf.length;
    let pos = 0;
    while (pos < len) {
      switch (this.state) {
        case State.SizeLine: {
          const end = this.takeLine(buf, pos);
          if (end < 0) return;
          pos = end;
          this.startChunk(this.lastLine);
          break;
        }
        case State.Data: {
          const n = Math.min(this.remaining, len - pos);
          const slice = buf.subarray(pos, pos + n);
          this.chunkHash?.update(slice);
          this.push(slice);
          this.remaining -= n;
          this.decodedBytes += n;
          pos += n;
          if (this.remaining === 0) this.state = State.DataCR;
          break;
        }
        case State.DataCR:
          if (buf[pos++] !== CR) throw malformed('chunk data is not followed by CRLF');
          this.state = State.DataLF;
          break;
        case State.DataLF:
          if (buf[pos++] !== LF) throw malformed('chunk data is not followed by CRLF');
          this.endChunk();
          this.state = State.SizeLine;
          break;
        case State.Trailer: {
          const end = this.takeLine(buf, pos);
          if (end < 0) return;
          pos = end;
          this.trailerLine(this.lastLine);
          break;
        }
        case State.Done:
          throw malformed('data after the final chunk');
      }
    }
  }

  /** Reads up to and including the next LF; returns the offset after it, or -1 when the line continues. */
  private takeLine(buf: Buffer, pos: number): number {
    const lf = buf.indexOf(LF, pos);
    const piece = buf.subarray(pos, lf < 0 ? buf.length : lf);
    if (this.lineBytes + piece.length > MAX_LINE_BYTES) throw malformed('line too long');
    if (lf < 0) {
      this.line.push(Buffer.from(piece)); // copy: do not pin the caller's (possibly large) buffer
      this.lineBytes += piece.length;
      return -1;
    }
    const full = this.line.length ? Buffer.concat([...this.line, piece]) : piece;
    this.line = [];
    this.lineBytes = 0;
    if (full.length === 0 || full[full.length - 1] !== CR) throw malformed('line not terminated by CRLF');
    this.lastLine = full.toString('latin1', 0, full.length - 1);
    if (this.state === State.Trailer) {
      this.trailerBytes += full.length + 1;
      if (this.trailerBytes > MAX_TRAILER_BYTES) throw malformed('trailer section too large');
    }
    return lf + 1;
  }

  private startChunk(line: string): void {
    const semi = line.indexOf(';');
    const hex = semi < 0 ? line : line.slice(0, semi);
    if (!HEX_SIZE.test(hex)) throw malformed(`invalid chunk size ${JSON.stringify(hex.slice(0, 32))}`);
    const size = parseInt(hex, 16);
    if (size > MAX_CHUNK_BYTES) throw malformed('chunk size exceeds 5 GiB');
    this.signature = undefined;
    if (semi >= 0) {
      for (const ext of line.slice(semi + 1).split(';')) {
        const eq = ext.indexOf('=');
        const name = (eq < 0 ? ext : ext.slice(0, eq)).trim();
        if (name === 'chunk-signature') {
          const sig = ext.slice(eq + 1).trim();
          if (!SIGNATURE.test(sig)) throw malformed('invalid chunk-signature');
          this.signature = sig;
        } // other chunk extensions are ignored, as in RFC 9112
      }
    }
    if (this.options.signed && this.signature === undefined) throw malformed('chunk-signature missing from a signed stream');
    const declared = this.options.decodedContentLength;
    if (declared !== undefined && this.decodedBytes + size > declared) {
      throw new S3Error('InvalidRequest', 'The aws-chunked body is longer than x-amz-decoded-content-length.');
    }
    this.chunkCount++;
    if (this.options.onChunkSignature && this.signature !== undefined) this.chunkHash = createHash('sha256');
    if (size === 0) {
      this.endChunk();
      if (declared !== undefined && this.decodedBytes !== declared) {
        throw new S3Error('IncompleteBody', 'The aws-chunked body is shorter than x-amz-decoded-content-length.');
      }
      this.state = State.Trailer;
    } else {
      this.remaining = size;
      this.state = State.Data;
    }
  }

  private endChunk(): void {
    const hook = this.options.onChunkSignature;
    if (hook && this.signature !== undefined) hook(this.signature, this.chunkHash?.digest());
    this.chunkHash = undefined;
  }

  private trailerLine(line: string): void {
    if (line === '') return this.finish();
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed('invalid trailer line');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') {
      this.trailerSignature = value;
      this.options.onTrailerSignature?.(value);
      return;
    }
    if (++this.trailerCount > MAX_TRAILERS) throw malformed('too many trailers');
    this.trailers[name] = value;
  }

  private finish(): void {
    if (this.options.expectTrailer && this.trailerCount === 0) {
      throw new S3Error('IncompleteBody', 'The aws-chunked body ended without the trailer announced by x-amz-trailer.');
    }
    this.state = State.Done;
    this.emit('trailers', this.trailers);
  }
}
