import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../libs/config/src/schema';
import { ufsClient } from '../../../libs/grpc/src/clients';
import { writeObjectFromStream } from '../../../libs/ufs-client/src/write-stream';
import { UfsGrpcServer, UfsModule } from './ufs.module';

describe(UfsModule.name, () => {
  it('starts the UfsService on the configured port when the application starts, and stops it on close', async () => {
    const root = mkdtempSync(join(tmpdir(), 'silt-ufs-module-'));
    const config = loadConfig({ env: {}, overrides: { 'ufs.port': 0, 'ufs.root': join(root, 'ufs'), 'ufs.fsync': false } });
    const app = await NestFactory.createApplicationContext(UfsModule.forRoot(config), { logger: false });
    await app.init();
    const address = app.get(UfsGrpcServer).address;
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    const client = ufsClient(address);
    try {
      await client.api.CreateDirectory({ location: { mount_id: 'root', path: 'bkt' } });
      const location = { mount_id: 'root', path: 'bkt/hello.txt' };
      const res = await writeObjectFromStream(client.raw, { location, expected_size: 5 }, Readable.from([Buffer.from('hello')]));
      expect(res.md5_hex).toBe('5d41402abc4b2a76b9719d911017c592');
      expect(await client.api.StatObject({ location })).toMatchObject({ exists: true, size: 5 });
    } finally {
      client.close();
      await app.close();
      rmSync(root, { recursive: true, force: true });
    }
    expect(() => app.get(UfsGrpcServer).address).toThrow('not started');
  });
});
