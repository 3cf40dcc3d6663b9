import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../libs/config/src/schema';
import { metadataClient, multipartClient } from '../../../libs/grpc/src/clients';
import { storeRecord } from './testing/store-fixtures';
import { MetadataGrpcServer, MetadataModule } from './metadata.module';

// ObjectRecord.parts (field 18) across the real gRPC server: Complete stores them, GetObject sends them only when
// asked (with_parts), so the records every read fetches (and gateways cache) stay small.
describe('object parts over gRPC', () => {
  let dir: string;
  let app: INestApplicationContext;
  let meta: ReturnType<typeof metadataClient>;
  let multipart: ReturnType<typeof multipartClient>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'silt-parts-grpc-'));
    const config = loadConfig({ env: {}, overrides: { 'metadata.port': 0, 'metadata.dataDir': dir, 'metadata.sync.enabled': false } });
    app = await NestFactory.createApplicationContext(MetadataModule.forRoot(config), { logger: false, abortOnError: false });
    const address = app.get(MetadataGrpcServer).address;
    meta = metadataClient(address);
    multipart = multipartClient(address);
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
  });
  afterAll(async () => {
    meta?.close();
    multipart?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the parts CompleteUpload records and answers them to GetObject with_parts only', async () => {
    const parts = [
      { part_number: 1, size: 5 * 2 ** 20, checksums: { CRC32: 'AAAAAQ==' } },
      { part_number: 3, size: 9, checksums: { CRC32: 'AAAAAw==' } },
    ];
    const { upload } = await multipart.api.CreateUpload({ upload: { bucket: 'b', key: 'mp', checksum_algorithm: 'CRC32', checksum_type: 'COMPOSITE' } });
    await multipart.api.CompleteUpload({
      bucket: 'b',
      key: 'mp',
      upload_id: upload!.upload_id,
      object: storeRecord('mp', { parts_count: 2, part_sizes: [5 * 2 ** 20, 9], parts, checksums: { CRC32: 'AAAAAA==-2' }, checksum_type: 'COMPOSITE' }),
    });
    expect((await meta.api.GetObject({ bucket: 'b', key: 'mp', with_parts: true })).object?.parts).toEqual(parts);
    const lean = (await meta.api.GetObject({ bucket: 'b', key: 'mp' })).object;
    expect([lean?.parts, lean?.parts_count, lean?.part_sizes]).toEqual([[], 2, [5 * 2 ** 20, 9]]);
  });
});
