import * as grpc from '@grpc/grpc-js';
import { isS3ErrorCode, S3Error, S3_ERRORS, type S3ErrorCode } from '../../s3-protocol/src/errors/s3-errors';

/** The trailer key that carries an S3 error code across gRPC, so the gateway answers what the service decided. */
export const S3_CODE_KEY = 's3-error-code';
const DETAILS_KEY = 's3-error-details';

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

/** A service-side error a handler can pass to its callback (or `call.destroy`). */
export function toServiceError(err: unknown): GrpcServiceError {
  const metadata = new grpc.Metadata();
  if (err instanceof S3Error) {
    metadata.set(S3_CODE_KEY, err.code);
    // Metadata values must be printable ASCII (grpc-js throws otherwise, and the call would never be answered): a
    // detail naming a key like `ключ/😀` travels as JSON with \u escapes, which JSON.parse reads back unchanged.
    if (Object.keys(err.details).length) metadata.set(DETAILS_KEY, JSON.stringify(err.details).replace(/[^\x20-\x7e]/g, asciiEscape));
    return { code: grpcCodeFor(err.code), details: err.message, metadata };
  }
  if (isGrpcError(err)) return { code: err.code, details: err.details, metadata: err.metadata };
  const message = err instanceof Error ? err.message : String(err);
  return { code: grpc.status.INTERNAL, details: message, metadata };
}

const asciiEscape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

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
      let details: Record<string, string> = {};
      const raw = err.metadata.get(DETAILS_KEY)?.[0];
      if (typeof raw === 'string') {
        try {
          details = JSON.parse(raw) as Record<string, string>;
        } catch {
          details = {};
        }
      }
      return new S3Error(code, err.details || undefined, details);
    }
    if (err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED) {
      return new S3Error('ServiceUnavailable', 'A Silt service is unavailable; please retry.');
    }
  }
  return new S3Error('InternalError');
}

/** Wraps an async unary implementation: its result or its error (S3 code kept) goes back to the caller. */
export function unary<Req, Res>(
  fn: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res> | Res,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request, call))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback(toServiceError(err)),
      );
  };
}
