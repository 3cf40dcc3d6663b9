import * as grpc from '@grpc/grpc-js';
import { fromGrpcError, isGrpcError, toServiceError, type GrpcServiceError } from '../../../libs/grpc/src/status';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';

/**
 * The object's bytes in the UFS are no longer the version the caller asked for (the UFS answered ABORTED, or the
 * object ended before its recorded size). The gateway re-resolves the object's metadata and retries.
 */
export class VersionChangedError extends Error {
  override readonly name = 'VersionChangedError';
}

/** A failed UFS read, as the worker's callers should see it: ABORTED stays a version change, S3 codes stay. */
export function fromUfsError(err: unknown): Error {
  if (err instanceof VersionChangedError || err instanceof S3Error) return err;
  if (isGrpcError(err)) {
    if (err.code === grpc.status.ABORTED) return new VersionChangedError(err.details || 'the object changed');
    const s3 = fromGrpcError(err);
    if (s3.code === 'InternalError' && err.code === grpc.status.NOT_FOUND) return new S3Error('NoSuchKey');
    return s3;
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** For a gRPC reply: a version change is ABORTED; S3 errors carry their code in the trailers. */
export function grpcErrorOf(err: unknown): GrpcServiceError {
  if (err instanceof VersionChangedError) return toServiceError({ code: grpc.status.ABORTED, details: err.message, metadata: new grpc.Metadata() });
  return toServiceError(err);
}

/** For the HTTP read port: status plus the `x-silt-error` value. */
export function httpErrorOf(err: unknown): { status: number; code: string; message: string } {
  if (err instanceof VersionChangedError) return { status: 409, code: 'version-changed', message: err.message };
  if (err instanceof S3Error) return { status: err.status, code: err.code, message: err.message };
  return { status: 500, code: 'InternalError', message: 'internal error' };
}
