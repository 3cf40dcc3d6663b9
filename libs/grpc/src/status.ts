import * as grpc from '@grpc/grpc-js';
import { isS3ErrorCode, S3Error, S3_ERRORS, type S3ErrorCode } from '../../s3-protocol/src/errors/s3-errors';

/** The trailer key that carries an S3 error code across gRPC, so the gateway answers what the service decided. */
export const S3_CODE_KEY = 's3-error-code';
/**
 * The error body's extra elements (Key, BucketName, UploadId, ...) as UTF-8 JSON. A `-bin` key: grpc-js refuses a
 * string metadata value that is not printable ASCII (it throws), and keys, upload ids and tag values are any Unicode.
 */
const DETAILS_KEY = 's3-error-details-bin';

/** What is sent when an error cannot be encoded at all: the caller is answered (InternalError), never left waiting. */
const unencodable = (): GrpcServiceError => ({
  code: grpc.status.INTERNAL,
  details: 'the service failed and its error could not be encoded',
  metadata: new grpc.Metadata(),
});

/** One table from S3 error status to gRPC status, used only to keep the gRPC status meaningful for other callers. */
function grpcCodeFor(code: S3ErrorCode): grpc.status {
  const status = S3_ERRORS[code].status;
  if (status === 404) return grpc.status.NOT_FOUND;
  if (status === 409) return grpc.status.ALREADY_EXISTS;
  if (status === 412) return grpc.status.FAILED_PRECONDITION;
  if (status === 403) return grpc.status.PERMISSION_DENIED;
  if (status === 416) return grpc.status.OUT_OF_RANGE;
  if (status === 501) return grpc.status.UNIMPLEMENTED;
  if (status === 503) return grpc.status.UNAVAILABLE;
  if (status >= 500) return grpc.status.INTERNAL;
  return grpc.status.INVALID_ARGUMENT;
}

export type GrpcServiceError = Partial<grpc.StatusObject> & { code: grpc.status; details: string };

/**
 * A status message grpc-js can send: it percent-encodes it with `encodeURI`, which throws on a lone UTF-16
 * surrogate (and, on a stream, throws where nothing catches it). Those become U+FFFD; all other text travels intact.
 */
function sendableText(text: unknown): string {
  return String(text ?? '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function encode(err: unknown): GrpcServiceError {
  const metadata = new grpc.Metadata();
  if (err instanceof S3Error) {
    metadata.set(S3_CODE_KEY, err.code);
    if (Object.keys(err.details).length) metadata.set(DETAILS_KEY, Buffer.from(JSON.stringify(err.details), 'utf8'));
    return { code: grpcCodeFor(err.code), details: sendableText(err.message), metadata };
  }
  if (isGrpcError(err)) {
    // Passed through (a downstream service's answer, a version change); grpc-js clones the metadata, so it must be one.
    const passed = err.metadata instanceof grpc.Metadata ? err.metadata : metadata;
    return { code: err.code, details: sendableText(err.details), metadata: passed };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: grpc.status.INTERNAL, details: sendableText(message), metadata };
}

/**
 * A service-side error a handler can pass to its callback (or emit on its stream). Never throws: an error that
 * cannot be encoded (details that do not serialise, a hostile getter) becomes a plain INTERNAL status.
 */
export function toServiceError(err: unknown): GrpcServiceError {
  try {
    return encode(err);
  } catch {
    return unencodable();
  }
}

/**
 * Answers a unary (or client-streaming) call with an error. If grpc-js throws while sending it, the call is still
 * answered with a plain INTERNAL; a call already answered or gone has nothing left to send.
 */
export function answerError<Res>(
  callback: grpc.sendUnaryData<Res>,
  err: unknown,
  toError: (err: unknown) => GrpcServiceError = toServiceError,
): void {
  try {
    callback(toError(err));
  } catch {
    try {
      callback(unencodable());
    } catch {
      // grpc-js refused even that: the call is over (answered or cancelled).
    }
  }
}

/**
 * Ends a server-streaming (or bidi) call with an error status, after what was already written. The status is built
 * by `toServiceError` (it cannot make grpc-js throw when the stream ends), and a throwing 'error' listener cannot
 * leave the call open: it falls back to a plain INTERNAL, or, at worst, to cutting the stream.
 */
export function failStream(
  call: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>,
  err: unknown,
  toError: (err: unknown) => GrpcServiceError = toServiceError,
): void {
  if (call.cancelled) return;
  try {
    call.emit('error', toError(err));
  } catch {
    try {
      call.emit('error', unencodable());
    } catch {
      call.destroy();
    }
  }
}

export function isGrpcError(err: unknown): err is grpc.ServiceError {
  return typeof err === 'object' && err !== null && typeof (err as grpc.ServiceError).code === 'number' && 'details' in err;
}

/** ABORTED without an S3 code: the UFS bytes are no longer the version the caller named ('ufs version changed'). */
export function isVersionChanged(err: unknown): boolean {
  return isGrpcError(err) && err.code === grpc.status.ABORTED && !err.metadata?.get(S3_CODE_KEY)?.length;
}

/**
 * The gateway's side: the S3 error a failed call stands for. A service's S3 code is kept; a service that is down or
 * timed out becomes 503 ServiceUnavailable (clients retry it); anything else is an InternalError, never a crash.
 */
export function fromGrpcError(err: unknown): S3Error {
  if (err instanceof S3Error) return err;
  if (isGrpcError(err)) {
    const code = err.metadata?.get(S3_CODE_KEY)?.[0];
    if (isS3ErrorCode(code)) {
      return new S3Error(code, err.details || undefined, detailsOf(err.metadata.get(DETAILS_KEY)?.[0]));
    }
    if (err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED) {
      return new S3Error('ServiceUnavailable', 'A Silt service is unavailable; please retry.');
    }
  }
  return new S3Error('InternalError');
}

/** The error body's extra elements sent by `toServiceError`; anything else (a foreign or garbled value) is none. */
function detailsOf(raw: grpc.MetadataValue | undefined): Record<string, string> {
  if (!Buffer.isBuffer(raw)) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/**
 * Wraps an async unary implementation: its result or its error (S3 code kept, or as `toError` encodes it) goes back
 * to the caller. Every call is answered: a reply grpc-js cannot send (a response that does not serialise, an error
 * that does not encode) becomes an error reply, never an unhandled rejection and a caller left to its deadline.
 */
export function unary<Req, Res>(
  fn: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res> | Res,
  toError: (err: unknown) => GrpcServiceError = toServiceError,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request, call))
      .then((res) => callback(null, res))
      .catch((err: unknown) => answerError(callback, err, toError));
  };
}
