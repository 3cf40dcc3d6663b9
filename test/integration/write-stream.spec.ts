import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ufsClient, ufsUploadClient } from '../../libs/grpc/src/clients';
import { zeroCopySafe } from '../../libs/grpc/src/pre-framed';
import { startGrpcServer, type RunningGrpcServer } from '../../libs/grpc/src/server';
import { LocalUfsAdapter } from '../../apps/ufs/src/adapters/local/local-adapter';
import { ufsServiceBinding } from '../../apps/ufs/src/grpc/ufs.grpc-service';
import { UfsOperations } from '../../apps/ufs/src/ufs-operations';
import { BufferPool } from '../../libs/runtime/src/buffer-pool';
import { MAX_CHUNK_BYTES, writeObjectFromStream } from '../../libs/ufs-client/src/write-stream';

const giveOriginal = BufferPool.prototype.give;

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/** A body in pieces of `piece` bytes, as a socket delivers it. */
const pieces = (body: Buffer, piece = 64 * 1024) => Readable.from(Array.from({ length: Math.ceil(body.length / piece) }, (_, i) => body.subarray(i * piece, (i + 1) * piece)));

describe('writeObjectFromStream: chunk buffers handed to HTTP/2 uncopied (ufsUploadClient)', () => {
  let root: string;
  let server: RunningGrpcServer;
  let uploads: ReturnType<typeof ufsUploadClient>;
  let plain: ReturnType<typeof ufsClient>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-write-stream-'));
    const adapter = new LocalUfsAdapter({ root, fsync: false });
    await adapter.start();
    server = await startGrpcServer('127.0.0.1', 0, [ufsServiceBinding(new UfsOperations(new Map([['root', adapter]])))]);
    uploads = ufsUploadClient(`127.0.0.1:${server.port}`);
    plain = ufsClient(`127.0.0.1:${server.port}`);
    await plain.api.CreateDirectory({ location: { mount_id: 'root', path: 'bkt' } });
  });
  afterAll(async () => {
    uploads.close();
    plain.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const put = (client: typeof uploads, path: string, body: Buffer) =>
    writeObjectFromStream(client.raw, { location: { mount_id: 'root', path }, expected_size: body.length }, pieces(body));

  it('only the upload client (no retry buffer) is sent pre-framed buffers', () => {
    expect(zeroCopySafe(uploads.raw)).toBe(true);
    expect(zeroCopySafe(plain.raw)).toBe(false); // its retry buffer answers small writes before HTTP/2 has them
  });

  it('writes each full chunk to HTTP/2 as a view of its pooled buffer, not a framed copy', async () => {
    const writes = vi.spyOn(Duplex.prototype, 'write') // Http2Stream's write (Duplex copies Writable's methods);
    try {
      const body = randomBytes(3 * MAX_CHUNK_BYTES);
      expect((await put(uploads, 'bkt/framed', body)).md5_hex).toBe(md5(body));
      const chunks = writes.mock.calls.map(([data]) => data).filter((d): d is Buffer => Buffer.isBuffer(d) && d.length > MAX_CHUNK_BYTES);
      expect(chunks.length).toBe(3);
      for (const c of chunks) {
        // A grpc-js copy is its own allocation of exactly the framed size; a pooled buffer also has room for a
        // longer length prefix than 1 MiB needs, so the framed view starts inside it.
        expect(c.buffer.byteLength).toBeGreaterThan(c.length);
        expect(c.readUInt32BE(1)).toBe(c.length - 5);
      }
    } finally {
      writes.mockRestore();
    }
  });

  it('many concurrent uploads of every size class arrive byte-exact, no buffer going back to the pool before HTTP/2 wrote it', async () => {
    // Every chunk buffer HTTP/2 was given and has not yet said it wrote, by backing ArrayBuffer.
    const pending = new Map<ArrayBufferLike, number>();
    const early: number[] = [];
    const write = Duplex.prototype.write as (this: Duplex, ...args: unknown[]) => boolean;
    const writes = vi.spyOn(Duplex.prototype, 'write').mockImplementation(function (this: Duplex, data: unknown, ...rest: unknown[]) {
      const cbAt = rest.findIndex((a) => typeof a === 'function');
      if (!Buffer.isBuffer(data) || cbAt < 0) return write.call(this, data, ...rest);
      const ab = data.buffer;
      pending.set(ab, (pending.get(ab) ?? 0) + 1);
      const cb = rest[cbAt] as (err?: Error | null) => void;
      rest[cbAt] = (err?: Error | null) => {
        pending.set(ab, pending.get(ab)! - 1);
        cb(err);
      };
      return write.call(this, data, ...rest);
    });
    const gives = vi.spyOn(BufferPool.prototype, 'give').mockImplementation(function (this: BufferPool, buf: Buffer) {
      if ((pending.get(buf.buffer) ?? 0) > 0) early.push(buf.length);
      giveOriginal.call(this, buf);
    });
    try {
      const sizes = [1, 100 * 1024, MAX_CHUNK_BYTES - 1, MAX_CHUNK_BYTES, MAX_CHUNK_BYTES + 1, 2 * MAX_CHUNK_BYTES + 12_345, 0];
      const jobs = Array.from({ length: 28 }, (_, i) => ({ path: `bkt/many/${i}`, body: randomBytes(sizes[i % sizes.length]) }));
      const results = await Promise.all(jobs.map((j) => put(uploads, j.path, j.body)));
      results.forEach((r, i) => {
        expect(r.size).toBe(jobs[i].body.length);
        expect(r.md5_hex).toBe(md5(jobs[i].body));
      });
      expect(gives).toHaveBeenCalled();
      expect(early).toEqual([]);
    } finally {
      writes.mockRestore();
      gives.mockRestore();
    }
  });

  it('a client without the upload options still works (grpc-js frames a copy)', async () => {
    const body = randomBytes(MAX_CHUNK_BYTES + 7);
    expect((await put(plain, 'bkt/plain', body)).md5_hex).toBe(md5(body));
  });
});
