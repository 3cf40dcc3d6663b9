import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockCacheClient } from '../../../../libs/grpc/src/clients';
import { startGrpcServer, type RunningGrpcServer } from '../../../../libs/grpc/src/server';
import { fromGrpcError } from '../../../../libs/grpc/src/status';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { VersionChangedError } from '../errors';
import type { ObjectRef } from '../../../../libs/block-cache-client/src/page-math';
import type { PageStore } from '../pages/page-store';
import { blockCacheServiceBinding } from './block-cache.grpc-controller';

const KEYS = ['café', '数据/1.bin', '®', 'emoji-😀'];
/** A never-answered call would wait for the 30 s default; this makes it fail fast instead. */
const PROMPT_MS = 3_000;

/**
 * FAKE PageStore: every object is missing in the UFS (NoSuchKey with its Key, as the ufs service answers), except
 * paths under changed/ (a version change whose message names the path).
 */
function missingEverywhere(): PageStore {
  const failure = (ref: ObjectRef) =>
    ref.path.startsWith('changed/') ? new VersionChangedError(`${ref.path} changed`) : new S3Error('NoSuchKey', undefined, { Key: ref.path });
  return {
    read: async function* (ref: ObjectRef) {
      throw failure(ref);
    },
    load: async (ref: ObjectRef) => {
      throw failure(ref);
    },
  } as unknown as PageStore;
}

describe('BlockCacheService errors about non-ASCII keys', () => {
  let server: RunningGrpcServer;
  let client: ReturnType<typeof blockCacheClient>;
  const request = (path: string) => ({ location: { mount_id: 'm', path }, ufs_version: 'v1', object_size: 10, offset: 0, length: -1 });
  const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable('the call succeeded'), (e: unknown) => e as grpc.ServiceError);
  const readObject = (path: string) =>
    new Promise<unknown>((resolve, reject) => {
      const call = client.raw.ReadObject(request(path), { deadline: Date.now() + PROMPT_MS });
      call.on('data', () => undefined);
      call.on('end', () => resolve('ended'));
      call.on('error', reject);
    });

  beforeAll(async () => {
    server = await startGrpcServer('127.0.0.1', 0, [blockCacheServiceBinding(missingEverywhere(), () => 'w1')]);
    client = blockCacheClient(`127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    client.close();
    await server.stop();
  });

  it.each(KEYS)('answers ReadRange, LoadObject and ReadObject of a missing %j with NoSuchKey and its Key', async (key) => {
    for (const err of [
      await failure(client.api.ReadRange(request(key), { timeoutMs: PROMPT_MS })),
      await failure(client.api.LoadObject({ ...request(key), length: 0 }, { timeoutMs: PROMPT_MS })),
      await failure(readObject(key)),
    ]) {
      expect(fromGrpcError(err)).toMatchObject({ code: 'NoSuchKey', details: { Key: key } });
    }
  });

  it('answers a version change of a non-ASCII path with ABORTED and the message intact, unary and streamed', async () => {
    for (const err of [await failure(client.api.ReadRange(request('changed/数据'), { timeoutMs: PROMPT_MS })), await failure(readObject('changed/数据'))]) {
      expect(err).toMatchObject({ code: grpc.status.ABORTED, details: 'changed/数据 changed' });
    }
  });
});
