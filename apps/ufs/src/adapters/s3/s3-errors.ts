import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';

/*
 * SDK errors of the backend, as Silt's errors. The result never carries the SDK error's message, the request, the
 * endpoint or anything from the mount's configuration (credentials above all): only the backend's error code and
 * HTTP status, which say what went wrong without saying where or as whom. The SDK error is not kept as `cause`
 * either, so that a logger walking the error finds nothing else.
 */

interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function backendStatus(err: unknown): number | undefined {
  return (err as SdkErrorShape | undefined)?.$metadata?.httpStatusCode;
}

/** The backend's error code (SDK `name` / `Code`), or a Node network code (ECONNREFUSED, ...). */
export function backendCode(err: unknown): string | undefined {
  const e = err as SdkErrorShape | undefined;
  if (!e || typeof e !== 'object') return undefined;
  return e.Code ?? (typeof e.code === 'string' ? e.code : undefined) ?? e.name;
}

export const isNotFound = (err: unknown) =>
  backendStatus(err) === 404 || ['NotFound', 'NoSuchKey'].includes(backendCode(err) ?? '');
export const isPreconditionFailed = (err: unknown) => backendStatus(err) === 412 || backendCode(err) === 'PreconditionFailed';
export const isNoSuchUpload = (err: unknown) => backendCode(err) === 'NoSuchUpload';

/** What a call was about, for the details of the mapped error (Silt's names, never the backend's). */
export interface ErrorContext {
  bucket?: string;
  key?: string;
}

/** The caller went away (its AbortSignal fired): nothing was made visible. */
export class CallerGone extends Error {
  constructor(what: string) {
    super(`${what} abandoned by its caller`);
    this.name = 'CallerGone';
  }
}

/** Maps any failure of a backend call to a Silt error; Silt's own errors pass through unchanged. */
export function toUfsError(err: unknown, ctx: ErrorContext = {}): Error {
  if (err instanceof S3Error || err instanceof UfsVersionChanged || err instanceof CallerGone) return err;
  const code = backendCode(err) ?? 'Unknown';
  const status = backendStatus(err);
  const bucketDetails = ctx.bucket !== undefined ? { BucketName: ctx.bucket } : undefined;
  switch (code) {
    case 'NoSuchBucket':
      return new S3Error('NoSuchBucket', "The S3 mount's bucket does not exist.", bucketDetails);
    case 'NoSuchKey':
    case 'NotFound':
      return new S3Error('NoSuchKey', undefined, ctx.key !== undefined ? { Key: ctx.key } : {});
    case 'NoSuchUpload':
      return new S3Error('NoSuchUpload', "The upload's parts are no longer in the S3 mount's storage.");
    case 'InvalidPart':
      return new S3Error('InvalidPart');
    case 'EntityTooSmall':
      return new S3Error('EntityTooSmall');
    case 'EntityTooLarge':
      return new S3Error('EntityTooLarge');
    case 'AccessDenied':
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'ExpiredToken':
    case 'InvalidToken':
    case 'AllAccessDisabled':
    case 'CredentialsProviderError':
      return new S3Error('AccessDenied', "The S3 mount's storage refused Silt's credentials for this request.");
    case 'SlowDown':
      return new S3Error('SlowDown');
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EPIPE':
    case 'TimeoutError':
      return new S3Error('ServiceUnavailable', "The S3 mount's storage could not be reached.");
    default:
      break;
  }
  if (status === 403) return new S3Error('AccessDenied', "The S3 mount's storage refused Silt's credentials for this request.");
  if (status === 503) return new S3Error('ServiceUnavailable', "The S3 mount's storage is unavailable.");
  const safeCode = /^[A-Za-z0-9._-]{1,64}$/.test(code) ? code : 'Unknown';
  return new S3Error('InternalError', `The S3 mount's storage failed (${safeCode}${status ? `, HTTP ${status}` : ''}).`);
}
