import { describe, expect, it } from 'vitest';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import { fromGrpcError, toServiceError } from './status';

describe('S3 error details across gRPC', () => {
  it('carries details naming non-ASCII keys (a NoSuchKey for `ключ/😀`) and reads them back unchanged', () => {
    const key = `ключ/${'😀'.repeat(3)}/é\u007f`;
    const sent = toServiceError(new S3Error('NoSuchKey', undefined, { Key: key }));
    const back = fromGrpcError({ ...sent, message: sent.details, name: 'Error' });
    expect(back.code).toBe('NoSuchKey');
    expect(back.details).toEqual({ Key: key });
  });
});
