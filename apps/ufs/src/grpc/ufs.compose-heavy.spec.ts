import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposePart } from '../../../../libs/grpc/generated/silt/ufs/v1/ComposePart';
import { ufsClient } from '../../../../libs/grpc/src/clients';
import { startGrpcServer, type RunningGrpcServer } from '../../../../libs/grpc/src/server';
import { LocalUfsAdapter } from '../adapters/local/local-adapter';
import { writeAtomically } from '../atomic-write';
import { UfsOperations } from '../ufs-operations';
import { ufsServiceBinding } from './ufs.grpc-service';

// CompleteMultipartUpload's cost on the 1 GiB path, against the ufs side of a single 1 GiB PUT (the same bytes through
// writeAtomically: MD5 + write + fsync + rename), same process, same disk. Heavy (writes ~3 GiB): SILT_HEAVY=1.

const MiB = 1024 * 1024;
const PART_BYTES = 128 * MiB;
const PARTS = 8;
const TOTAL = PART_BYTES * PARTS;

/** Patterned bytes, 1 MiB at a time (never the whole body in memory). */
function* mebibytes(first: number, count: number): Generator<Buffer> {
  for (let i = first; i < first + count; i++) yield Buffer.alloc(MiB, i % 251);
}

async function* asAsync(chunks: Iterable<Buffer>): AsyncGenerator<Buffer> {
  yield* chunks;
}

const rate = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

describe.skipIf(!process.env.SILT_HEAVY)('ComposeObject of 1 GiB (SILT_HEAVY)', () => {
  let root: string;
  let adapter: LocalUfsAdapter;
  let server: RunningGrpcServer;
  let client: ReturnType<typeof ufsClient>;
  const parts: ComposePart[] = [];
  const md5 = createHash('md5');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-compose-heavy-'));
    adapter = new LocalUfsAdapter({ root, fsync: true }); // the default `ufs.fsync`
    await adapter.start();
    await adapter.createDirectory('bkt');
    server = await startGrpcServer('127.0.0.1', 0, [ufsServiceBinding(new UfsOperations(new Map([['root', adapter]])))]);
    client = ufsClient(`127.0.0.1:${server.port}`);
    for (let p = 0; p < PARTS; p++) {
      const staged = await adapter.beginPartWrite('bkt', 'big.bin', { uploadId: 'heavy', partNumber: p + 1 });
      for (const chunk of mebibytes(p * (PART_BYTES / MiB), PART_BYTES / MiB)) {
        md5.update(chunk);
        await staged.write(chunk);
      }
      const st = await staged.commit();
      parts.push({ location: { mount_id: 'root', path: st.stagedPath }, ufs_version: st.version, size: st.size });
    }
  }, 300_000);
  afterAll(async () => {
    client?.close();
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('composes 8 x 128 MiB near the speed of a single PUT, RSS growing by less than 64 MiB', { timeout: 300_000 }, async () => {
    const expectedMd5 = md5.digest('hex');
    // The reference: the ufs side of a single 1 GiB PUT (bytes from memory, so only MD5 + write + fsync + rename).
    let t0 = performance.now();
    const put = await writeAtomically(await adapter.beginWrite('bkt', 'single-put.bin'), asAsync(mebibytes(0, TOTAL / MiB)), {
      expectedSize: TOTAL,
      algorithms: [],
      expected: {},
    });
    const putMs = performance.now() - t0;
    expect(put.md5Hex).toBe(expectedMd5);
    await client.api.StatObject({ location: { mount_id: 'root', path: 'bkt/warm-up' } });

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    let composeMs: number;
    let composeCrcMs: number;
    let linkMs: number;
    let noMd5Ms: number;
    let linkNoMd5Ms: number;
    try {
      t0 = performance.now();
      const { result } = await client.api.ComposeObject({ destination: { mount_id: 'root', path: 'bkt/big.bin' }, parts }, { timeoutMs: 300_000 });
      composeMs = performance.now() - t0;
      expect(result).toMatchObject({ size: TOTAL, md5_hex: expectedMd5 });

      t0 = performance.now();
      const withCrc = await client.api.ComposeObject(
        { destination: { mount_id: 'root', path: 'bkt/big-crc.bin' }, parts, checksum_algorithms: ['CRC64NVME'] },
        { timeoutMs: 300_000 },
      );
      composeCrcMs = performance.now() - t0;
      expect(withCrc.result?.md5_hex).toBe(expectedMd5);

      t0 = performance.now();
      const one = await client.api.ComposeObject({ destination: { mount_id: 'root', path: 'bkt/one-part.bin' }, parts: [parts[0]] }, { timeoutMs: 300_000 });
      linkMs = performance.now() - t0;
      expect(one.result?.size).toBe(PART_BYTES);

      // What a multipart Complete asks for: no MD5 of the whole (its ETag is the MD5 of the part MD5s).
      t0 = performance.now();
      const noMd5 = await client.api.ComposeObject({ destination: { mount_id: 'root', path: 'bkt/big-nomd5.bin' }, parts, skip_md5: true }, { timeoutMs: 300_000 });
      noMd5Ms = performance.now() - t0;
      expect(noMd5.result).toMatchObject({ size: TOTAL, md5_hex: '' });

      t0 = performance.now();
      const oneNoMd5 = await client.api.ComposeObject(
        { destination: { mount_id: 'root', path: 'bkt/one-part-nomd5.bin' }, parts: [parts[0]], skip_md5: true },
        { timeoutMs: 300_000 },
      );
      linkNoMd5Ms = performance.now() - t0;
      expect(oneNoMd5.result?.size).toBe(PART_BYTES);
    } finally {
      clearInterval(sampler);
    }
    const grewMiB = (peak - baseline) / MiB;
    console.log(
      [
        `ufs compose 1 GiB (8 x 128 MiB, fsync): ${rate(TOTAL, composeMs).toFixed(0)} MiB/s (${(composeMs / 1000).toFixed(2)} s)`,
        `  with CRC64NVME full-object checksum: ${rate(TOTAL, composeCrcMs).toFixed(0)} MiB/s`,
        `  single-PUT reference (writeAtomically, MD5 + write + fsync): ${rate(TOTAL, putMs).toFixed(0)} MiB/s (${(putMs / 1000).toFixed(2)} s)`,
        `  one-part compose (link, read once for MD5) of 128 MiB: ${rate(PART_BYTES, linkMs).toFixed(0)} MiB/s`,
        `  skip_md5 (a multipart Complete): 1 GiB copy ${rate(TOTAL, noMd5Ms).toFixed(0)} MiB/s (${(noMd5Ms / 1000).toFixed(2)} s), one-part link ${linkNoMd5Ms.toFixed(1)} ms`,
        `  RSS baseline ${(baseline / MiB).toFixed(0)} MiB, peak +${grewMiB.toFixed(1)} MiB`,
      ].join('\n'),
    );
    expect(grewMiB).toBeLessThan(64);
  });
});
