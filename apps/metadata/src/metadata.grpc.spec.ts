import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import * as grpc from '@grpc/grpc-js';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../libs/config/src/schema';
import { membershipClient, metadataClient } from '../../../libs/grpc/src/clients';
import { fromGrpcError } from '../../../libs/grpc/src/status';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import { metadataServiceHandlers } from './metadata.grpc';
import { MetadataGrpcServer, MetadataModule } from './metadata.module';
import type { MetadataStore } from './store/metadata-store';

/** The whole service as its process runs it (Nest module, real gRPC server on port 0, SQLite on disk). */
describe('metadata service over gRPC', () => {
  let dir: string;
  let app: INestApplicationContext;
  let meta: ReturnType<typeof metadataClient>;
  let members: ReturnType<typeof membershipClient>;
  const errorOf = (p: Promise<unknown>) => p.then(() => undefined, fromGrpcError);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'silt-metadata-grpc-'));
    const config = loadConfig({
      env: {},
      // No ufs here: the metadata service alone, its index all there is (sync has its own specs and e2e).
      overrides: { 'metadata.port': 0, 'metadata.dataDir': dir, 's3.region': 'eu-west-1', 'cache.heartbeat.interval': '250ms', 'metadata.sync.enabled': false },
    });
    app = await NestFactory.createApplicationContext(MetadataModule.forRoot(config), { logger: false, abortOnError: false });
    const address = app.get(MetadataGrpcServer).address;
    meta = metadataClient(address);
    members = membershipClient(address);
  });
  afterAll(async () => {
    meta?.close();
    members?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, gets and lists buckets, with the configured region by default', async () => {
    const created = await meta.api.CreateBucket({ bucket: 'photos', owner: 'alice' });
    expect(created.bucket).toMatchObject({ name: 'photos', owner: 'alice', region: 'eu-west-1', location: { mount_id: 'root', path: 'photos' } });
    expect(typeof created.bucket?.created_ms).toBe('number');
    expect((await meta.api.GetBucket({ bucket: 'photos' })).bucket?.name).toBe('photos');
    expect((await meta.api.ListBuckets({})).buckets.map((b) => b.name)).toEqual(['photos']);
  });

  it('carries S3 error codes and details across the wire', async () => {
    const noKey = await errorOf(meta.api.GetObject({ bucket: 'photos', key: 'missing.jpg' }));
    expect([noKey?.code, noKey?.details]).toEqual(['NoSuchKey', { Key: 'missing.jpg' }]);
    const noBucket = await errorOf(meta.api.ListObjects({ bucket: 'nope', max_keys: 10 }));
    expect([noBucket?.code, noBucket?.details]).toEqual(['NoSuchBucket', { BucketName: 'nope' }]);
    expect((await errorOf(meta.api.CreateBucket({ bucket: 'photos', owner: 'bob' })))?.code).toBe('BucketAlreadyExists');
  });

  it('commits, reads, lists and deletes an object record, int64 and maps intact', async () => {
    const object = {
      bucket: 'photos',
      key: '2024/😀.jpg',
      size: 5 * 2 ** 40,
      etag: 'abc',
      last_modified_ms: 1_700_000_000_123,
      content_type: 'image/jpeg',
      user_metadata: { camera: 'x100' },
      system_metadata: {},
      checksums: { CRC32: 'AAAAAA==' },
      checksum_type: 'FULL_OBJECT',
      location: { mount_id: 'root', path: 'photos/2024/😀.jpg' },
      ufs_version: 'v1',
      tags: [
        { key: 'b', value: '1' },
        { key: 'a', value: '2' },
      ],
      owner: 'alice',
      parts_count: 0,
      storage_class: 'STANDARD',
      part_sizes: [],
      parts: [],
    };
    const first = await meta.api.CommitObject({ object });
    expect(first.object).toEqual(object);
    expect(first.replaced).toBeUndefined();
    const second = await meta.api.CommitObject({ object: { ...object, etag: 'def' }, if_match_etag: 'abc' });
    expect(second.replaced?.etag).toBe('abc');
    expect((await errorOf(meta.api.CommitObject({ object, if_none_match_any: true })))?.code).toBe('PreconditionFailed');
    expect((await meta.api.GetObject({ bucket: 'photos', key: '2024/😀.jpg' })).object).toEqual({ ...object, etag: 'def' });

    const page = await meta.api.ListObjects({ bucket: 'photos', delimiter: '/', max_keys: 1000 });
    expect(page).toEqual({ objects: [], common_prefixes: ['2024/'], is_truncated: false, next_marker: '2024/' });
    expect((await errorOf(meta.api.DeleteBucket({ bucket: 'photos' })))?.code).toBe('BucketNotEmpty');
    expect((await meta.api.DeleteObject({ bucket: 'photos', key: '2024/😀.jpg' })).deleted?.etag).toBe('def');
    expect((await meta.api.DeleteObject({ bucket: 'photos', key: '2024/😀.jpg' })).deleted).toBeUndefined();
    await meta.api.DeleteBucket({ bucket: 'photos' });
  });

  it('GetObjects answers many keys of a bucket at once, in order, each with its record or its error', async () => {
    await meta.api.CreateBucket({ bucket: 'many', owner: 'alice' });
    const rec = (key: string) => ({ bucket: 'many', key, size: 1, etag: `e-${key}`, location: { mount_id: 'root', path: `many/${key}` }, ufs_version: 'v', owner: 'alice', storage_class: 'STANDARD' });
    await meta.api.CommitObject({ object: rec('a') });
    await meta.api.CommitObject({ object: rec('c') });
    const { results } = await meta.api.GetObjects({ bucket: 'many', keys: ['c', 'b', 'a'] });
    expect(results.map((r) => [r.object?.key ?? null, r.error_code, r.checked_age_ms])).toEqual([
      ['c', '', -1], // this spec's metadata does not sync: -1
      [null, 'NoSuchKey', -1],
      ['a', '', -1],
    ]);
    const noBucket = await meta.api.GetObjects({ bucket: 'nope', keys: ['a'] });
    expect(noBucket.results[0].error_code).toBe('NoSuchBucket');
    expect((await errorOf(meta.api.GetObjects({ bucket: 'many', keys: Array.from({ length: 1001 }, (_, i) => `k${i}`) })))?.code).toBe('InvalidArgument');
  });

  it('registers workers, answers heartbeats and lists live workers', async () => {
    const reg = await members.api.RegisterWorker({ worker: { worker_id: 'w1', host: '127.0.0.1', grpc_port: 29992, http_port: 29997 } });
    expect(reg.heartbeat_interval_ms).toBe(250);
    expect((await members.api.Heartbeat({ worker_id: 'w1' })).known).toBe(true);
    expect((await members.api.Heartbeat({ worker_id: 'ghost' })).known).toBe(false);
    expect((await members.api.ListWorkers({})).workers.map((w) => [w.worker_id, w.grpc_port])).toEqual([['w1', 29992]]);
  });
});

describe(metadataServiceHandlers.name, () => {
  const call = (handler: (...args: never[]) => void, request: object) =>
    new Promise<{ err: unknown; res: unknown }>((resolve) =>
      (handler as unknown as (c: object, cb: (err: unknown, res: unknown) => void) => void)({ request }, (err, res) =>
        resolve({ err, res }),
      ),
    );

  it('logs unexpected errors once, with their method, and never S3 answers', async () => {
    const logged: unknown[] = [];
    const store = {
      getBucket: async (name: string) => {
        if (name === 'missing') throw new S3Error('NoSuchBucket');
        throw new Error('disk I/O error');
      },
    } as unknown as MetadataStore;
    const handlers = metadataServiceHandlers(store, { defaultRegion: 'r', log: { error: (obj: unknown) => logged.push(obj) } as never });
    expect((await call(handlers.GetBucket, { bucket: 'missing' })).err).toMatchObject({ code: grpc.status.NOT_FOUND });
    expect(logged).toEqual([]);
    expect((await call(handlers.GetBucket, { bucket: 'x' })).err).toMatchObject({ code: grpc.status.INTERNAL, details: 'disk I/O error' });
    expect(logged).toMatchObject([{ method: 'GetBucket' }]);
  });
});
