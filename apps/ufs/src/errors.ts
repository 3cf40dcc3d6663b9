import * as grpc from '@grpc/grpc-js';

/**
 * The object at a path is not the version the caller expected (versioned read, copy or delete). It crosses gRPC as
 * ABORTED with details 'ufs version changed' and no S3 code: the caller re-resolves the object, it is not a client
 * error. Shaped as a gRPC error so `toServiceError` passes it through unchanged.
 */
export class UfsVersionChanged extends Error {
  readonly code = grpc.status.ABORTED;
  readonly details = 'ufs version changed';
  readonly metadata = new grpc.Metadata();
  constructor(
    readonly expected: string,
    readonly actual: string | undefined,
  ) {
    super('ufs version changed');
    this.name = 'UfsVersionChanged';
  }
}
