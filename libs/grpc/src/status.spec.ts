import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import { metadataClient, ufsClient } from './clients';
import { loadSiltProto } from './loader';
import { startGrpcServer, type RunningGrpcServer } from './server';
import { failStream, fromGrpcError, toServiceError, unary } from './status';

/** Keys S3 takes as they are (any UTF-8): each must come back in the error's details, byte for byte. */
const KEYS = ['café', '数据/1.bin', '®', 'emoji-😀', 'tab\tand "quotes" <&>'];
/** Far under the clients' 30 s default: a call that is never answered fails here instead of at its deadline. */
const PROMPT_MS = 3_000;

/** Details whose JSON serialisation throws: the error cannot be encoded, the call must still be answered. */
const unserialisable = () => ({ Key: 'x', toJSON: () => { throw new Error('no JSON for you'); } }) as unknown as Record<string, string>;

describe('S3 errors across a real grpc-js server', () => {
  let server: RunningGrpcServer;
  let meta: ReturnType<typeof metadataClient>;
  let ufs: ReturnType<typeof ufsClient>;
  const failures: Record<string, () => unknown> = {};

  beforeAll(async () => {
    const proto = loadSiltProto();
    server = await startGrpcServer('127.0.0.1', 0, [
      {
        definition: proto.silt.metadata.v1.MetadataService.service,
        implementation: {
          GetObject: unary((req: { key: string }) => {
            throw failures[req.key]?.() ?? new S3Error('NoSuchKey', `No key “${req.key}” here`, { Key: req.key, BucketName: 'bücket' });
          }),
        },
      },
      {
        definition: proto.silt.ufs.v1.UfsService.service,
        implementation: {
          ReadObject: (call: grpc.ServerWritableStream<{ location: { path: string } }, unknown>) => {
            const path = call.request.location.path;
            if (path.startsWith('after-a-chunk/')) call.write({ chunk: Buffer.from('partial') });
            failStream(call, failures[path]?.() ?? new S3Error('NoSuchKey', undefined, { Key: path }));
          },
        },
      },
    ]);
    meta = metadataClient(`127.0.0.1:${server.port}`);
    ufs = ufsClient(`127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    meta.close();
    ufs.close();
    await server.stop();
  });

  const getObject = (key: string) => meta.api.GetObject({ bucket: 'b', key }, { timeoutMs: PROMPT_MS }).then(
    () => expect.unreachable('GetObject succeeded'),
    (e: unknown) => e,
  );
  const readObject = (path: string) =>
    new Promise<{ err: unknown; chunks: number }>((resolve) => {
      let chunks = 0;
      const call = ufs.raw.ReadObject({ location: { mount_id: 'm', path } }, { deadline: Date.now() + PROMPT_MS });
      call.on('data', () => chunks++);
      call.on('error', (err) => resolve({ err, chunks }));
      call.on('end', () => resolve({ err: undefined, chunks }));
    });

  it.each(KEYS)('a unary NoSuchKey for %j keeps its code, message and details intact', async (key) => {
    const s3 = fromGrpcError(await getObject(key));
    expect(s3.code).toBe('NoSuchKey');
    expect(s3.message).toBe(`No key “${key}” here`);
    expect(s3.details).toEqual({ Key: key, BucketName: 'bücket' });
  });

  it.each(KEYS)('a streamed NoSuchKey for %j keeps its code and details intact', async (key) => {
    const { err } = await readObject(key);
    const s3 = fromGrpcError(err);
    expect(s3.code).toBe('NoSuchKey');
    expect(s3.details).toEqual({ Key: key });
  });

  it('ends a stream with the error after what it already wrote', async () => {
    const { err, chunks } = await readObject('after-a-chunk/数据');
    expect(chunks).toBe(1);
    expect(fromGrpcError(err).details).toEqual({ Key: 'after-a-chunk/数据' });
  });

  it('answers an error whose message holds a lone surrogate (encodeURI throws on it) with U+FFFD in its place', async () => {
    failures['lone'] = () => new S3Error('InvalidArgument', 'bad \uD800 key', { Key: 'lone\uDC00' });
    const unaryErr = fromGrpcError(await getObject('lone'));
    expect(unaryErr.code).toBe('InvalidArgument');
    expect(unaryErr.message).toBe('bad \uFFFD key');
    failures['plain-lone'] = () => new Error('disk \uDBFF on fire');
    expect((await getObject('plain-lone')) as grpc.ServiceError).toMatchObject({ code: grpc.status.INTERNAL, details: 'disk \uFFFD on fire' });
    const streamed = await readObject('lone');
    expect(fromGrpcError(streamed.err).code).toBe('InvalidArgument');
  });

  it('answers with a plain INTERNAL when the error itself cannot be encoded, unary and streamed', async () => {
    failures['unencodable'] = () => new S3Error('NoSuchKey', undefined, unserialisable());
    const unaryErr = (await getObject('unencodable')) as grpc.ServiceError;
    expect(unaryErr.code).toBe(grpc.status.INTERNAL);
    expect(fromGrpcError(unaryErr).code).toBe('InternalError');
    const { err } = await readObject('unencodable');
    expect((err as grpc.ServiceError).code).toBe(grpc.status.INTERNAL);
  });

  it('answers when a handler throws something that is not an Error, or an error-like with hostile fields', async () => {
    failures['string'] = () => 'just a string';
    expect(((await getObject('string')) as grpc.ServiceError).code).toBe(grpc.status.INTERNAL);
    // gRPC-shaped (passed through as is) but with metadata grpc-js cannot clone: its code is kept, the metadata not.
    failures['fake-grpc'] = () => ({ code: grpc.status.NOT_FOUND, details: 'gone ✗', metadata: { nope: true } });
    expect((await getObject('fake-grpc')) as grpc.ServiceError).toMatchObject({ code: grpc.status.NOT_FOUND, details: 'gone ✗' });
    failures['hostile'] = () => Object.defineProperty(new Error('x'), 'message', { get: () => { throw new Error('getter'); } });
    expect(((await getObject('hostile')) as grpc.ServiceError).code).toBe(grpc.status.INTERNAL);
    expect(((await readObject('hostile')).err as grpc.ServiceError).code).toBe(grpc.status.INTERNAL);
  });
});

describe(toServiceError.name, () => {
  it('never throws, whatever it is given', () => {
    for (const err of [new S3Error('NoSuchUpload', undefined, { UploadId: 'ü' }), new S3Error('NoSuchKey', undefined, unserialisable()), null, undefined, 42, {}]) {
      expect(() => toServiceError(err)).not.toThrow();
    }
  });
});

describe(fromGrpcError.name, () => {
  const withDetails = (raw: Buffer) => {
    const metadata = new grpc.Metadata();
    metadata.set('s3-error-code', 'NoSuchKey');
    metadata.set('s3-error-details-bin', raw);
    return { code: grpc.status.NOT_FOUND, details: 'gone', metadata };
  };

  it('keeps only string details, and none from a value that is not a JSON object', () => {
    expect(fromGrpcError(withDetails(Buffer.from('{"Key":"数据","Size":3,"BucketName":"b"}'))).details).toEqual({ Key: '数据', BucketName: 'b' });
    for (const raw of ['null', '["Key"]', '"Key"', '{not json', '\xff\xfe']) {
      const s3 = fromGrpcError(withDetails(Buffer.from(raw, 'latin1')));
      expect([s3.code, s3.details]).toEqual(['NoSuchKey', {}]);
    }
  });
});
