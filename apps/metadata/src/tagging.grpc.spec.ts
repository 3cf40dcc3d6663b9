import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../libs/config/src/schema';
import { metadataClient } from '../../../libs/grpc/src/clients';
import { fromGrpcError } from '../../../libs/grpc/src/status';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import { TaggingModule } from '../../../libs/tagging/src/tagging.module';
import { TaggingService } from '../../../libs/tagging/src/tagging.service';
import { MetadataGrpcServer, MetadataModule } from './metadata.module';
import { startTestMetadataServer, testRecord, TestWatcher, type TestMetadataServer } from './testing/watch-harness';

const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof S3Error ? e : fromGrpcError(e)));

describe('tagging RPCs: invalidation of gateway record caches', () => {
  let srv: TestMetadataServer;
  let meta: ReturnType<typeof metadataClient>;
  let watcher: TestWatcher;
  beforeAll(async () => {
    srv = await startTestMetadataServer();
    meta = metadataClient(srv.address);
    watcher = await new TestWatcher(meta, true).open();
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    await meta.api.CommitObject({ object: testRecord('b', 'k', 'e1') });
  });
  afterAll(async () => {
    watcher.close();
    meta.close();
    await srv.stop();
  });

  it('sends Put/DeleteObjectTagging to watchers before answering, as CommitObject', async () => {
    const before = watcher.invalidations.length;
    await meta.api.PutObjectTagging({ bucket: 'b', key: 'k', tags: [{ key: 'a', value: '1' }] });
    // Answered only after the watcher acked: the invalidation is already here.
    expect(watcher.invalidations.slice(before).map((m) => [m.bucket, m.key])).toEqual([['b', 'k']]);
    expect((await meta.api.GetObject({ bucket: 'b', key: 'k' })).object?.tags).toEqual([{ key: 'a', value: '1' }]);
    await meta.api.DeleteObjectTagging({ bucket: 'b', key: 'k' });
    expect(watcher.invalidations.slice(before).map((m) => [m.bucket, m.key])).toEqual([['b', 'k'], ['b', 'k']]);
    expect((await meta.api.GetObjectTagging({ bucket: 'b', key: 'k' })).tags).toEqual([]);
  });

  it('sends nothing for reads, for a decided refusal (NoSuchKey), or for bucket tags', async () => {
    const before = watcher.invalidations.length;
    await meta.api.GetObjectTagging({ bucket: 'b', key: 'k' });
    expect((await errorOf(meta.api.PutObjectTagging({ bucket: 'b', key: 'missing', tags: [] })))?.code).toBe('NoSuchKey');
    expect((await errorOf(meta.api.PutObjectTagging({ bucket: 'nope', key: 'k', tags: [] })))?.code).toBe('NoSuchBucket');
    await meta.api.PutBucketTagging({ bucket: 'b', tags: [{ key: 't', value: '1' }] });
    await meta.api.DeleteBucketTagging({ bucket: 'b' });
    await new Promise((r) => setTimeout(r, 50));
    expect(watcher.invalidations.length).toBe(before);
  });

  it('answers NoSuchTagSet for an untagged bucket, NoSuchBucket for a missing one', async () => {
    expect((await errorOf(meta.api.GetBucketTagging({ bucket: 'b' })))?.code).toBe('NoSuchTagSet');
    expect((await errorOf(meta.api.GetBucketTagging({ bucket: 'nope' })))?.code).toBe('NoSuchBucket');
    expect((await errorOf(meta.api.PutBucketTagging({ bucket: 'nope', tags: [] })))?.code).toBe('NoSuchBucket');
  });

  it('keeps the last of concurrent tag writes', async () => {
    const writes = Array.from({ length: 32 }, (_, i) => meta.api.PutObjectTagging({ bucket: 'b', key: 'k', tags: [{ key: 'n', value: String(i) }] }));
    await Promise.all(writes);
    const { tags } = await meta.api.GetObjectTagging({ bucket: 'b', key: 'k' });
    expect(tags).toHaveLength(1);
    // Whatever order the calls arrived in, a later Put replaces the set entirely.
    await meta.api.PutObjectTagging({ bucket: 'b', key: 'k', tags: [{ key: 'last', value: 'x' }] });
    expect((await meta.api.GetObjectTagging({ bucket: 'b', key: 'k' })).tags).toEqual([{ key: 'last', value: 'x' }]);
  });
});

/** TaggingModule imported on its own by a Nest app, against the metadata service as its process runs it. */
describe(`${TaggingModule.name} against the metadata service, across a restart`, () => {
  let dir: string;
  let metadataApp: INestApplicationContext | undefined;
  let taggingApp: INestApplicationContext | undefined;
  const startMetadata = async (port = 0) => {
    const config = loadConfig({ env: {}, overrides: { 'metadata.port': port, 'metadata.dataDir': dir, 'metadata.sync.enabled': false } });
    metadataApp = await NestFactory.createApplicationContext(MetadataModule.forRoot(config), { logger: false, abortOnError: false });
    return metadataApp.get(MetadataGrpcServer).address;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'silt-tagging-module-'));
  });
  afterEach(async () => {
    await taggingApp?.close();
    await metadataApp?.close();
    taggingApp = metadataApp = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tags an object and a bucket through TaggingService; the tags survive a metadata restart', async () => {
    const address = await startMetadata();
    const port = Number(address.split(':').pop());
    const meta = metadataClient(address);
    await meta.api.CreateBucket({ bucket: 'data', owner: 'alice' });
    await meta.api.CommitObject({ object: testRecord('data', 'train/part-0.parquet', 'e1') });
    meta.close();

    taggingApp = await NestFactory.createApplicationContext(TaggingModule.forRoot({ metadataAddress: address, restrictions: true }), {
      logger: false,
      abortOnError: false,
    });
    const tagging = taggingApp.get(TaggingService);
    await tagging.putObjectTags('data', 'train/part-0.parquet', [{ key: 'lineage', value: 'run-42' }, { key: 'split', value: 'train' }]);
    await tagging.putBucketTags('data', [{ key: 'cost-center', value: 'ml' }]);
    expect((await errorOf(tagging.putObjectTags('data', 'train/part-0.parquet', [{ key: 'aws:x', value: '' }])))?.code).toBe('InvalidTag');

    await metadataApp!.close();
    await startMetadata(port); // same data dir, same port: the module's client reconnects
    expect(await tagging.getObjectTags('data', 'train/part-0.parquet')).toEqual([
      { key: 'lineage', value: 'run-42' },
      { key: 'split', value: 'train' },
    ]);
    expect(await tagging.getBucketTags('data')).toEqual([{ key: 'cost-center', value: 'ml' }]);
    await tagging.deleteBucketTags('data');
    expect((await errorOf(tagging.getBucketTags('data')))?.code).toBe('NoSuchTagSet');
  });
});
