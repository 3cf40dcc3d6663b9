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

const KEYS = ['café', '数据/1.bin', '®', 'emoji-😀'];
/** A never-answered call would wait for the 30 s default; this makes it fail fast instead. */
const PROMPT_MS = 3_000;
const T = { timeoutMs: PROMPT_MS };

/** Errors naming non-ASCII keys, buckets and upload ids, through the process's real gRPC server (SQLite on disk). */
describe('Metadata and Multipart services: errors about non-ASCII names', () => {
  let dir: string;
  let app: INestApplicationContext;
  let meta: ReturnType<typeof metadataClient>;
  let mp: ReturnType<typeof multipartClient>;
  const errorOf = (p: Promise<unknown>) => p.then(() => expect.unreachable('the call succeeded'), fromGrpcError);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'silt-metadata-non-ascii-'));
    const config = loadConfig({ env: {}, overrides: { 'metadata.port': 0, 'metadata.dataDir': dir, 'metadata.sync.enabled': false } });
    app = await NestFactory.createApplicationContext(MetadataModule.forRoot(config), { logger: false, abortOnError: false });
    const address = app.get(MetadataGrpcServer).address;
    meta = metadataClient(address);
    mp = multipartClient(address);
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
  });
  afterAll(async () => {
    meta?.close();
    mp?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(KEYS)('answers GetObject, DeleteObject and the tagging calls on a missing %j promptly', async (key) => {
    expect(await errorOf(meta.api.GetObject({ bucket: 'b', key }, T))).toMatchObject({ code: 'NoSuchKey', details: { Key: key } });
    expect(await meta.api.DeleteObject({ bucket: 'b', key }, T)).toEqual({});
    expect((await errorOf(meta.api.GetObjectTagging({ bucket: 'b', key }, T))).code).toBe('NoSuchKey');
    expect((await errorOf(meta.api.PutObjectTagging({ bucket: 'b', key, tags: [{ key: 'ünï', value: '值' }] }, T))).code).toBe('NoSuchKey');
  });

  it.each(['ü-bogus', '数据', 'not-a-real-upload-id'])('answers the upload calls with upload id %j with NoSuchUpload and its UploadId', async (uploadId) => {
    const ref = { bucket: 'b', key: 'café', upload_id: uploadId };
    for (const call of [mp.api.GetUpload(ref, T), mp.api.ListParts({ ...ref, max_parts: 10 }, T), mp.api.AbortUpload(ref, T)]) {
      expect(await errorOf(call)).toMatchObject({ code: 'NoSuchUpload', details: { UploadId: uploadId } });
    }
  });

  it('answers calls on a missing non-ASCII bucket with NoSuchBucket', async () => {
    expect((await errorOf(meta.api.GetBucket({ bucket: 'bücket' }, T))).code).toBe('NoSuchBucket');
    expect((await errorOf(meta.api.GetObject({ bucket: 'bücket', key: 'café' }, T))).code).toBe('NoSuchBucket');
  });
});
