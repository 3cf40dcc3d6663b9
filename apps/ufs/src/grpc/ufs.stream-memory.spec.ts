import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ufsClient } from '../../../../libs/grpc/src/clients';
import { startGrpcServer, type RunningGrpcServer } from '../../../../libs/grpc/src/server';
import { LocalUfsAdapter } from '../adapters/local/local-adapter';
import { readObjectStream, writeObjectFromStream } from '../../../../libs/ufs-client/src/write-stream';
import { UfsOperations } from '../ufs-operations';
import { ufsServiceBinding } from './ufs.grpc-service';

const MiB = 1024 * 1024;
const TOTAL = 256 * MiB;

/** 256 MiB of patterned bytes, produced on demand (never held whole), hashed as they go. */
function body(md5: ReturnType<typeof createHash>): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= TOTAL) return void this.push(null);
      const chunk = Buffer.alloc(MiB, sent / MiB);
      md5.update(chunk);
      sent += MiB;
      this.push(chunk);
    },
  });
}

describe('UfsService streams bodies without holding them', () => {
  let root: string;
  let server: RunningGrpcServer;
  let client: ReturnType<typeof ufsClient>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-rss-'));
    const adapter = new LocalUfsAdapter({ root, fsync: false });
    await adapter.start();
    await adapter.createDirectory('bkt');
    server = await startGrpcServer('127.0.0.1', 0, [ufsServiceBinding(new UfsOperations(new Map([['root', adapter]])))]);
    client = ufsClient(`127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    client.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes and reads 256 MiB through gRPC with RSS growing by less than 64 MiB', { timeout: 120_000 }, async () => {
    // Warm up the channel so its fixed buffers are part of the baseline.
    const location = { mount_id: 'root', path: 'bkt/big.bin' };
    await writeObjectFromStream(client.raw, { location, expected_size: 4 * MiB }, Readable.from([Buffer.alloc(4 * MiB)]));
    for await (const _ of readObjectStream(client.raw, { location, offset: 0, length: -1 }));

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const sentMd5 = createHash('md5');
      const res = await writeObjectFromStream(client.raw, { location, expected_size: TOTAL, checksum_algorithms: ['CRC32'] }, body(sentMd5));
      const md5 = sentMd5.digest('hex');
      expect(res.size).toBe(TOTAL);
      expect(res.md5_hex).toBe(md5);

      const h = createHash('md5');
      let size = 0;
      for await (const chunk of readObjectStream(client.raw, { location, offset: 0, length: -1, expected_version: res.ufs_version })) {
        h.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      expect(size).toBe(TOTAL);
      expect(h.digest('hex')).toBe(md5);
    } finally {
      clearInterval(sampler);
    }
    const grewMiB = (peak - baseline) / MiB;
    console.log(`ufs 256 MiB write+read: RSS baseline ${(baseline / MiB).toFixed(0)} MiB, peak +${grewMiB.toFixed(1)} MiB`);
    expect(grewMiB).toBeLessThan(64);
  });
});
