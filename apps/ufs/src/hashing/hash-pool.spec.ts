import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHasher, CHECKSUM_ALGORITHMS } from '../../../../libs/s3-protocol/src/checksums/checksums';
import { HashPool, inlineHashes } from './hash-pool';

// The compiled worker (npm test builds dist/ first): the pool runs real worker threads here.
const SCRIPT = join(__dirname, '../../../../dist/apps/ufs/src/hashing/hash-worker.js');

describe.skipIf(!existsSync(SCRIPT))('HashPool (worker threads)', () => {
  const pool = existsSync(SCRIPT) ? new HashPool(SCRIPT, 2) : (undefined as unknown as HashPool);
  afterAll(() => pool?.close());

  const expected = (chunks: Buffer[]) => [
    createHash('md5').update(Buffer.concat(chunks)).digest(),
    ...CHECKSUM_ALGORITHMS.map((alg) => {
      const h = createHasher(alg);
      for (const c of chunks) h.update(c);
      return h.digest();
    }),
  ];

  it('computes MD5 and every checksum as inline hashing does, for interleaved streams, handed over or copied', async () => {
    const bodies = [0, 1, 2, 3].map(() => Array.from({ length: 5 }, (_, i) => randomBytes(1000 + i * 70_000)));
    const want = bodies.map((chunks) => expected(chunks));
    const streams = bodies.map(() => pool.open(CHECKSUM_ALGORITHMS));
    for (let i = 0; i < 5; i++) {
      bodies.forEach((chunks, s) => {
        // Stream 0 and 2 hand over private copies (moved: detached afterwards); 1 and 3 keep their buffers.
        const handOver = s % 2 === 0;
        const chunk = handOver ? Buffer.from(chunks[i]) : chunks[i];
        streams[s].update(chunk, handOver);
        if (handOver && chunk.length > 4096) expect(chunk.buffer.byteLength).toBe(0); // moved, not copied
        if (!handOver) expect(chunk.length).toBe(chunks[i].length); // untouched
      });
    }
    const got = await Promise.all(streams.map((st) => st.digests()));
    got.forEach((digests, s) => expect(digests.map((d) => d.toString('hex'))).toEqual(want[s].map((d) => d.toString('hex'))));
  });

  it('a slice of a larger buffer is copied, never moved (the rest of the buffer stays usable)', async () => {
    const big = randomBytes(64 * 1024);
    const slice = big.subarray(100, 30_000);
    const st = pool.open([]);
    st.update(slice, true);
    expect(big.length).toBe(64 * 1024);
    const [md5] = await st.digests();
    expect(md5.toString('hex')).toBe(createHash('md5').update(big.subarray(100, 30_000)).digest('hex'));
  });

  it('a dropped stream is forgotten; an empty one digests the empty string', async () => {
    const dropped = pool.open(['CRC32']);
    dropped.update(randomBytes(10), false);
    dropped.drop();
    const empty = pool.open(['SHA256']);
    const [md5, sha] = await empty.digests();
    expect(md5.toString('hex')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(sha.toString('hex')).toBe(createHash('sha256').digest('hex'));
  });

  it('after its workers are gone, digests in flight fail and new streams hash inline', async () => {
    const doomed = new HashPool(SCRIPT, 1);
    const st = doomed.open([]);
    st.update(Buffer.from('abc'), false);
    await doomed.close();
    await expect(st.digests()).rejects.toThrow();
    const after = doomed.open([]);
    after.update(Buffer.from('abc'), false);
    expect((await after.digests())[0].toString('hex')).toBe(createHash('md5').update('abc').digest('hex'));
  });
});

describe('inline hashes', () => {
  it('are what the pool falls back to', async () => {
    const st = inlineHashes(['CRC32C']);
    st.update(Buffer.from('hello'), true);
    const [md5, crc] = await st.digests();
    expect(md5.toString('hex')).toBe(createHash('md5').update('hello').digest('hex'));
    const want = createHasher('CRC32C');
    want.update(Buffer.from('hello'));
    expect(crc.toString('hex')).toBe(want.digest().toString('hex'));
  });
});
