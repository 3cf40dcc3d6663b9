import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteObjectHeader } from '../../../../libs/grpc/generated/silt/ufs/v1/WriteObjectHeader';
import { ufsClient } from '../../../../libs/grpc/src/clients';
import { startGrpcServer, type RunningGrpcServer } from '../../../../libs/grpc/src/server';
import { fromGrpcError, S3_CODE_KEY } from '../../../../libs/grpc/src/status';
import { createHasher } from '../../../../libs/s3-protocol/src/checksums/checksums';
import { LocalUfsAdapter } from '../adapters/local/local-adapter';
import { readObjectStream, writeObjectFromStream } from '../../../../libs/ufs-client/src/write-stream';
import { UfsOperations } from '../ufs-operations';
import { ufsServiceBinding } from './ufs.grpc-service';

const loc = (path: string, mount_id = 'root') => ({ mount_id, path });
const crc32 = (buf: Buffer) => {
  const h = createHasher('CRC32');
  h.update(buf);
  return h.digest().toString('base64');
};
const md5b64 = (buf: Buffer) => createHash('md5').update(buf).digest('base64');
const s3CodeOf = (err: unknown) => fromGrpcError(err).code;

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('UfsService over gRPC (local root mount)', () => {
  let root: string;
  let server: RunningGrpcServer;
  let client: ReturnType<typeof ufsClient>;

  const write = (path: string, body: Buffer | Readable, header: Partial<WriteObjectHeader> = {}, trailer?: Record<string, string>) =>
    writeObjectFromStream(
      client.raw,
      { location: loc(path), expected_size: Buffer.isBuffer(body) ? body.length : -1, ...header },
      Buffer.isBuffer(body) ? Readable.from([body]) : body,
      trailer ? () => trailer : undefined,
    );
  const read = (path: string, req: { offset?: number; length?: number; expected_version?: string } = {}) =>
    collect(readObjectStream(client.raw, { location: loc(path), offset: 0, length: -1, ...req }));
  const tmpFiles = () => readdirSync(join(root, '.silt/tmp'));

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-grpc-'));
    const adapter = new LocalUfsAdapter({ root, fsync: true });
    await adapter.start();
    server = await startGrpcServer('127.0.0.1', 0, [ufsServiceBinding(new UfsOperations(new Map([['root', adapter]])))]);
    client = ufsClient(`127.0.0.1:${server.port}`);
    await client.api.CreateDirectory({ location: loc('bkt') });
  });
  afterAll(async () => {
    client.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes an object and reads it back, with size, MD5, checksums and version', async () => {
    const body = randomBytes(3 * 1024 * 1024 + 17);
    const res = await write('bkt/data/blob.bin', body, { checksum_algorithms: ['CRC32', 'SHA256'] });
    expect(res.size).toBe(body.length);
    expect(res.md5_hex).toBe(createHash('md5').update(body).digest('hex'));
    expect(res.checksums).toEqual({ CRC32: crc32(body), SHA256: createHash('sha256').update(body).digest('base64') });
    expect(res.ufs_version).not.toBe('');
    expect(Math.abs(res.last_modified_ms - Date.now())).toBeLessThan(60_000);
    expect((await read('bkt/data/blob.bin')).equals(body)).toBe(true);
    const st = await client.api.StatObject({ location: loc('bkt/data/blob.bin') });
    expect(st).toMatchObject({ exists: true, size: body.length, ufs_version: res.ufs_version, last_modified_ms: res.last_modified_ms });
  });

  it('StatObjects answers many locations in order, each with its stat or its own error', async () => {
    const res = await write('bkt/many/one', Buffer.from('1'));
    const { results } = await client.api.StatObjects({
      locations: [loc('bkt/many/one'), loc('bkt/many/none'), { mount_id: 'no-such-mount', path: 'bkt/x' }, loc('bkt/many/one')],
    });
    expect(results.map((r) => [r.stat?.exists ?? null, r.stat?.ufs_version ?? null, r.error_code])).toEqual([
      [true, res.ufs_version, ''],
      [false, '', ''],
      [null, null, expect.stringMatching(/^[A-Z]\w+$/)],
      [true, res.ufs_version, ''],
    ]);
    const tooMany = await client.api.StatObjects({ locations: Array.from({ length: 1001 }, () => loc('bkt/many/one')) }).catch((e: unknown) => e);
    expect(s3CodeOf(tooMany)).toBe('InvalidArgument');
  });

  it('reads ranges: offset + length, to the end, empty at the end, InvalidRange beyond it', async () => {
    const body = Buffer.from('0123456789');
    await write('bkt/range', body);
    expect((await read('bkt/range', { offset: 2, length: 3 })).toString()).toBe('234');
    expect((await read('bkt/range', { offset: 7, length: -1 })).toString()).toBe('789');
    expect((await read('bkt/range', { offset: 8, length: 100 })).toString()).toBe('89');
    expect((await read('bkt/range', { offset: 10 })).length).toBe(0);
    const err = await read('bkt/range', { offset: 11 }).catch((e: unknown) => e);
    expect(s3CodeOf(err)).toBe('InvalidRange');
  });

  it('streams large reads in bounded chunks', async () => {
    const body = randomBytes(5 * 1024 * 1024);
    await write('bkt/big', body);
    const call = client.raw.ReadObject({ location: loc('bkt/big'), offset: 0, length: -1 });
    const sizes: number[] = [];
    for await (const msg of call) sizes.push((msg as { chunk: Buffer }).chunk.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1024 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(body.length);
  });

  it('fails a versioned read with ABORTED when the object changed, and NoSuchKey when it is gone', async () => {
    const v1 = await write('bkt/versioned', Buffer.from('one'));
    expect((await read('bkt/versioned', { expected_version: v1.ufs_version })).toString()).toBe('one');
    await write('bkt/versioned', Buffer.from('two'));
    const err = (await read('bkt/versioned', { expected_version: v1.ufs_version }).catch((e: unknown) => e)) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.ABORTED);
    expect(err.details).toBe('ufs version changed');
    expect(err.metadata.get(S3_CODE_KEY)).toEqual([]);
    const missing = (await read('bkt/nothing-here').catch((e: unknown) => e)) as grpc.ServiceError;
    expect(missing.code).toBe(grpc.status.NOT_FOUND);
    expect(s3CodeOf(missing)).toBe('NoSuchKey');
  });

  it('leaves nothing behind when the client cancels mid-stream: the old version stays readable', async () => {
    const old = await write('bkt/cancel-me', Buffer.from('old bytes'));
    const call = client.raw.WriteObject(() => undefined);
    call.write({ header: { location: loc('bkt/cancel-me'), expected_size: -1, ends_with_trailer: true } });
    call.write({ chunk: Buffer.alloc(512 * 1024, 1) });
    call.write({ chunk: Buffer.alloc(512 * 1024, 2) });
    for (let i = 0; i < 100 && tmpFiles().length === 0; i++) await sleep(10); // the server has begun writing
    expect(tmpFiles().length).toBe(1);
    call.cancel();
    for (let i = 0; i < 100 && tmpFiles().length > 0; i++) await sleep(10);
    expect(tmpFiles()).toEqual([]);
    expect((await read('bkt/cancel-me')).toString()).toBe('old bytes');
    expect((await client.api.StatObject({ location: loc('bkt/cancel-me') })).ufs_version).toBe(old.ufs_version);
  });

  it('drops a stream that half-closes without the trailer it announced', async () => {
    const result = new Promise<unknown>((resolve) => {
      const call = client.raw.WriteObject((err) => resolve(err));
      call.write({ header: { location: loc('bkt/no-trailer'), expected_size: -1, ends_with_trailer: true } });
      call.write({ chunk: Buffer.from('looks complete') });
      call.end();
    });
    expect(s3CodeOf(await result)).toBe('IncompleteBody');
    expect((await client.api.StatObject({ location: loc('bkt/no-trailer') })).exists).toBe(false);
  });

  it('drops a cancelled raw stream of known size (the bytes fall short)', async () => {
    const call = client.raw.WriteObject(() => undefined);
    call.write({ header: { location: loc('bkt/cancel-sized'), expected_size: 4 * 1024 * 1024 } });
    call.write({ chunk: Buffer.alloc(1024 * 1024) });
    for (let i = 0; i < 100 && tmpFiles().length === 0; i++) await sleep(10);
    call.cancel();
    for (let i = 0; i < 100 && tmpFiles().length > 0; i++) await sleep(10);
    expect(tmpFiles()).toEqual([]);
    expect((await client.api.StatObject({ location: loc('bkt/cancel-sized') })).exists).toBe(false);
  });

  it('refuses a body whose checksum does not match (header or trailer); nothing changes', async () => {
    const body = Buffer.from('checked body');
    const v1 = await write('bkt/checked', Buffer.from('original'));
    const wrong = crc32(Buffer.from('something else'));
    const fromHeader = await write('bkt/checked', body, { checksum_algorithms: ['CRC32'], expected_checksums: { CRC32: wrong } }).catch(
      (e: unknown) => e,
    );
    expect(s3CodeOf(fromHeader)).toBe('BadDigest');
    const fromTrailer = await write('bkt/checked', body, { checksum_algorithms: ['CRC32'] }, { CRC32: wrong }).catch((e: unknown) => e);
    expect(fromGrpcError(fromTrailer)).toMatchObject({ code: 'BadDigest', message: 'The CRC32 you specified did not match the calculated checksum.' });
    const badMd5 = await write('bkt/checked', body, { content_md5: md5b64(Buffer.from('nope')) }).catch((e: unknown) => e);
    expect(s3CodeOf(badMd5)).toBe('BadDigest');
    expect((await read('bkt/checked')).toString()).toBe('original');
    expect((await client.api.StatObject({ location: loc('bkt/checked') })).ufs_version).toBe(v1.ufs_version);
    expect(tmpFiles()).toEqual([]);

    const ok = await write('bkt/checked', body, { checksum_algorithms: ['CRC32'], content_md5: md5b64(body) }, { CRC32: crc32(body) });
    expect(ok.checksums.CRC32).toBe(crc32(body));
    expect((await read('bkt/checked')).toString()).toBe('checked body');
  });

  it('refuses a body shorter or longer than expected_size with IncompleteBody', async () => {
    const short = await write('bkt/sized', Buffer.from('12345'), { expected_size: 10 }).catch((e: unknown) => e);
    expect(s3CodeOf(short)).toBe('IncompleteBody');
    const long = await write('bkt/sized', Buffer.from('12345678901'), { expected_size: 10 }).catch((e: unknown) => e);
    expect(s3CodeOf(long)).toBe('IncompleteBody');
    expect((await client.api.StatObject({ location: loc('bkt/sized') })).exists).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });

  it('answers NoSuchBucket, InvalidArgument (unknown mount, unsafe key) and InvalidDigest early', async () => {
    expect(s3CodeOf(await write('nobucket/k', Buffer.from('x')).catch((e: unknown) => e))).toBe('NoSuchBucket');
    const unknownMount = writeObjectFromStream(client.raw, { location: loc('bkt/k', 'elsewhere'), expected_size: -1 }, Readable.from([]));
    expect(s3CodeOf(await unknownMount.catch((e: unknown) => e))).toBe('InvalidArgument');
    expect(s3CodeOf(await write('bkt/a/../../etc', Buffer.from('x')).catch((e: unknown) => e))).toBe('InvalidArgument');
    expect(s3CodeOf(await write('bkt/k', Buffer.from('x'), { content_md5: 'not-md5' }).catch((e: unknown) => e))).toBe('InvalidDigest');
    expect(s3CodeOf(await client.api.StatObject({ location: loc('bkt/x\u0000y') }).catch((e: unknown) => e))).toBe('InvalidArgument');
  });

  it('stops reading the body and rejects at once when ufs refuses the header', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(64 * 1024));
      },
    });
    const err = await write('nobucket/k', endless).catch((e: unknown) => e);
    expect(s3CodeOf(err)).toBe('NoSuchBucket');
    expect(pulled).toBeLessThan(10_000);
    endless.destroy();
  });

  it('cancels the call when the body fails, rejecting with the body error', async () => {
    const body = new Readable({ read() {} });
    body.push(Buffer.alloc(1000));
    const pending = write('bkt/broken-body', body);
    await sleep(50);
    body.destroy(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    await sleep(50);
    expect((await client.api.StatObject({ location: loc('bkt/broken-body') })).exists).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });

  it('cancels the call when the signal aborts, rejecting with CANCELLED', async () => {
    const body = new Readable({ read() {} });
    body.push(Buffer.alloc(1000));
    const ac = new AbortController();
    const pending = writeObjectFromStream(client.raw, { location: loc('bkt/aborted'), expected_size: -1 }, body, undefined, ac.signal);
    await sleep(50);
    ac.abort();
    const err = (await pending.catch((e: unknown) => e)) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.CANCELLED);
    body.destroy();
    await sleep(50);
    expect((await client.api.StatObject({ location: loc('bkt/aborted') })).exists).toBe(false);
  });

  it('cancels the read when the consumer destroys the stream', async () => {
    await write('bkt/big-read', randomBytes(8 * 1024 * 1024));
    const stream = readObjectStream(client.raw, { location: loc('bkt/big-read'), offset: 0, length: -1 });
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
  });

  it('copies server-side with fresh digests; refuses a changed source with ABORTED', async () => {
    const body = Buffer.from('copy me, please');
    const src = await write('bkt/copy/src', body);
    const res = await client.api.CopyObject({
      source: loc('bkt/copy/src'),
      destination: loc('bkt/copy/dst'),
      source_version: src.ufs_version,
      checksum_algorithms: ['CRC32'],
    });
    expect(res.result).toMatchObject({ size: body.length, md5_hex: src.md5_hex, checksums: { CRC32: crc32(body) } });
    expect(res.result?.ufs_version).not.toBe(src.ufs_version);
    expect((await read('bkt/copy/dst')).toString()).toBe('copy me, please');

    await write('bkt/copy/src', Buffer.from('changed'));
    const stale = (await client.api
      .CopyObject({ source: loc('bkt/copy/src'), destination: loc('bkt/copy/dst2'), source_version: src.ufs_version, checksum_algorithms: [] })
      .catch((e: unknown) => e)) as grpc.ServiceError;
    expect(stale.code).toBe(grpc.status.ABORTED);
    expect((await client.api.StatObject({ location: loc('bkt/copy/dst2') })).exists).toBe(false);
    const missing = await client.api
      .CopyObject({ source: loc('bkt/copy/none'), destination: loc('bkt/copy/dst3'), source_version: '', checksum_algorithms: [] })
      .catch((e: unknown) => e);
    expect(s3CodeOf(missing)).toBe('NoSuchKey');
  });

  it('copies an object onto itself', async () => {
    await write('bkt/self-copy', Buffer.from('same'));
    const res = await client.api.CopyObject({ source: loc('bkt/self-copy'), destination: loc('bkt/self-copy'), source_version: '', checksum_algorithms: [] });
    expect(res.result?.size).toBe(4);
    expect((await read('bkt/self-copy')).toString()).toBe('same');
  });

  it('deletes objects, leaving a newer version than if_version alone, and reports absent ones', async () => {
    const v1 = await write('bkt/del', Buffer.from('1'));
    await write('bkt/del', Buffer.from('2'));
    expect(await client.api.DeleteObject({ location: loc('bkt/del'), if_version: v1.ufs_version })).toEqual({ deleted: false });
    expect((await read('bkt/del')).toString()).toBe('2');
    expect(await client.api.DeleteObject({ location: loc('bkt/del'), if_version: '' })).toEqual({ deleted: true });
    expect(await client.api.DeleteObject({ location: loc('bkt/del'), if_version: '' })).toEqual({ deleted: false });
  });

  it('keeps the a/b vs a/b/c clash invisible to callers', async () => {
    await write('bkt/clash/a/b', Buffer.from('ab'));
    await write('bkt/clash/a/b/c', Buffer.from('abc'));
    await write('bkt/clash/dir/', Buffer.alloc(0));
    expect((await read('bkt/clash/a/b')).toString()).toBe('ab');
    await client.api.DeleteObject({ location: loc('bkt/clash/a/b/c'), if_version: '' });
    expect((await read('bkt/clash/a/b')).toString()).toBe('ab');
    expect((await client.api.StatObject({ location: loc('bkt/clash/dir/') })).size).toBe(0);
  });

  it('creates bucket directories idempotently and deletes only empty ones', async () => {
    await client.api.CreateDirectory({ location: loc('other') });
    await client.api.CreateDirectory({ location: loc('other/') });
    await write('other/k', Buffer.from('x'));
    expect(s3CodeOf(await client.api.DeleteDirectory({ location: loc('other') }).catch((e: unknown) => e))).toBe('BucketNotEmpty');
    await client.api.DeleteObject({ location: loc('other/k'), if_version: '' });
    await client.api.DeleteDirectory({ location: loc('other') });
    expect(existsSync(join(root, 'other'))).toBe(false);
    expect(s3CodeOf(await client.api.CreateDirectory({ location: loc('.silt') }).catch((e: unknown) => e))).toBe('InvalidBucketName');
  });
});
