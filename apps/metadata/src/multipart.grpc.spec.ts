import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../libs/config/src/schema';
import { metadataClient, multipartClient } from '../../../libs/grpc/src/clients';
import { fromGrpcError } from '../../../libs/grpc/src/status';
import { MetadataGrpcServer, MetadataModule } from './metadata.module';

const GiB = 2 ** 30;

/** The multipart flow through the process's real gRPC server (Nest module, SQLite on disk). */
describe('MultipartService over gRPC', () => {
  let dir: string;
  let app: INestApplicationContext;
  let meta: ReturnType<typeof metadataClient>;
  let mp: ReturnType<typeof multipartClient>;
  const errorOf = (p: Promise<unknown>) => p.then(() => undefined, fromGrpcError);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'silt-multipart-grpc-'));
    const config = loadConfig({ env: {}, overrides: { 'metadata.port': 0, 'metadata.dataDir': dir, 'metadata.sync.enabled': false } });
    app = await NestFactory.createApplicationContext(MetadataModule.forRoot(config), { logger: false, abortOnError: false });
    const address = app.get(MetadataGrpcServer).address;
    meta = metadataClient(address);
    mp = multipartClient(address);
    await meta.api.CreateBucket({ bucket: 'videos', owner: 'alice' });
  });
  afterAll(async () => {
    meta?.close();
    mp?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, fills, lists and completes an upload; a retried Complete gets the same object', async () => {
    const { upload } = await mp.api.CreateUpload({
      upload: { bucket: 'videos', key: 'big.mp4', owner: 'alice', content_type: 'video/mp4', tags: [{ key: 't', value: 'v' }] },
    });
    expect(upload).toMatchObject({ bucket: 'videos', key: 'big.mp4', state: 'ACTIVE', content_type: 'video/mp4', result: null });
    const ref = { bucket: 'videos', key: 'big.mp4', upload_id: upload!.upload_id };
    const part = (n: number, size: number) => ({ part_number: n, size, etag: `e${n}`, location: { mount_id: 'root', path: `stage/${n}` } });
    expect(await mp.api.PutPart({ ...ref, part: part(1, 5 * GiB) })).toEqual({});
    expect((await mp.api.PutPart({ ...ref, part: part(1, 5 * GiB) })).replaced?.etag).toBe('e1');
    await mp.api.PutPart({ ...ref, part: part(2, 3) });

    const parts = await mp.api.ListParts({ ...ref, max_parts: 1 });
    expect([parts.parts.map((p) => [p.part_number, p.size]), parts.is_truncated, parts.next_part_number_marker]).toEqual([[[1, 5 * GiB]], true, 1]);
    expect(parts.upload?.upload_id).toBe(ref.upload_id);
    const uploads = await mp.api.ListUploads({ bucket: 'videos', max_uploads: 10 });
    expect([uploads.uploads.map((u) => u.upload_id), uploads.next_key_marker]).toEqual([[ref.upload_id], 'big.mp4']);

    const object = {
      bucket: 'videos',
      key: 'big.mp4',
      size: 5 * GiB + 3,
      etag: 'abc-2',
      content_type: 'video/mp4',
      parts_count: 2,
      part_sizes: [5 * GiB, 3],
      location: { mount_id: 'root', path: 'videos/big.mp4' },
    };
    const done = await mp.api.CompleteUpload({ ...ref, object });
    expect(done.object).toMatchObject(object);
    expect(done.replaced).toBeUndefined();
    expect((await meta.api.GetObject({ bucket: 'videos', key: 'big.mp4' })).object?.part_sizes).toEqual([5 * GiB, 3]);
    expect((await mp.api.CompleteUpload({ ...ref, object: { ...object, etag: 'other' } })).object).toEqual(done.object);
    expect((await mp.api.GetUpload(ref)).upload).toMatchObject({ state: 'COMPLETED', result: done.object });
    expect((await mp.api.ListUploads({ bucket: 'videos', max_uploads: 10 })).uploads).toEqual([]);
  });

  it('aborts, and carries NoSuchUpload {UploadId} and InvalidArgument across the wire', async () => {
    const { upload } = await mp.api.CreateUpload({ upload: { bucket: 'videos', key: 'k' } });
    const ref = { bucket: 'videos', key: 'k', upload_id: upload!.upload_id };
    expect((await errorOf(mp.api.PutPart({ ...ref, part: { part_number: 0 } })))?.code).toBe('InvalidArgument');
    expect((await mp.api.AbortUpload(ref)).upload?.state).toBe('ABORTED');
    const err = await errorOf(mp.api.GetUpload(ref));
    expect([err?.code, err?.details]).toEqual(['NoSuchUpload', { UploadId: ref.upload_id }]);
    expect((await errorOf(mp.api.CreateUpload({ upload: { bucket: 'nope', key: 'k' } })))?.code).toBe('NoSuchBucket');
  });
});
