import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UfsLocation } from '../../../../libs/grpc/generated/silt/common/v1/UfsLocation';
import type { WriteObjectHeader } from '../../../../libs/grpc/generated/silt/ufs/v1/WriteObjectHeader';
import type { WriteObjectResponse__Output } from '../../../../libs/grpc/generated/silt/ufs/v1/WriteObjectResponse';
import { ufsClient } from '../../../../libs/grpc/src/clients';
import { startGrpcServer, type RunningGrpcServer } from '../../../../libs/grpc/src/server';
import { fromGrpcError } from '../../../../libs/grpc/src/status';
import { createHasher } from '../../../../libs/s3-protocol/src/checksums/checksums';
import { PartCursor } from '../adapters/local/compose';
import { LocalUfsAdapter } from '../adapters/local/local-adapter';
import { readObjectStream, writeObjectFromStream } from '../../../../libs/ufs-client/src/write-stream';
import { UfsOperations } from '../ufs-operations';
import { ufsServiceBinding } from './ufs.grpc-service';

const loc = (path: string, mount_id = 'root') => ({ mount_id, path });
const digest = (alg: 'CRC32' | 'CRC64NVME', buf: Buffer) => {
  const h = createHasher(alg);
  h.update(buf);
  return h.digest().toString('base64');
};
const s3CodeOf = (err: unknown) => fromGrpcError(err).code;
const caught = <T>(p: Promise<T>) => p.then(() => undefined, (err: unknown) => err as grpc.ServiceError);

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('UfsService multipart (staging, UploadPartCopy, compose) over gRPC', () => {
  let root: string;
  let server: RunningGrpcServer;
  let client: ReturnType<typeof ufsClient>;
  let adapter: LocalUfsAdapter;

  /** UploadPart: the final object's location plus the staging target. */
  const putPart = (path: string, uploadId: string, partNumber: number, body: Buffer, header: Partial<WriteObjectHeader> = {}) =>
    writeObjectFromStream(
      client.raw,
      { location: loc(path), expected_size: body.length, staging: { upload_id: uploadId, part_number: partNumber }, ...header },
      Readable.from([body]),
    );
  const put = (path: string, body: Buffer) =>
    writeObjectFromStream(client.raw, { location: loc(path), expected_size: body.length }, Readable.from([body]));
  const read = (path: string) => collect(readObjectStream(client.raw, { location: loc(path), offset: 0, length: -1 }));
  const asPart = (res: WriteObjectResponse__Output) => ({ location: res.staged_location as UfsLocation, ufs_version: res.ufs_version, size: res.size });
  const compose = (path: string, parts: Array<ReturnType<typeof asPart>>, checksum_algorithms: string[] = []) =>
    client.api.ComposeObject({ destination: loc(path), parts, checksum_algorithms });
  const stagingDir = (uploadId: string) => join(root, '.silt/staging', uploadId);
  const tmpFiles = () => readdirSync(join(root, '.silt/tmp'));

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-multipart-'));
    // Part files only: in-place assembly (slots) has its own spec, adapters/local/assembly.spec.ts.
    adapter = new LocalUfsAdapter({ root, fsync: true, minSlotBytes: Number.POSITIVE_INFINITY });
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

  it('UploadPart writes into staging, returns the staged location and version, and a re-upload replaces the part', async () => {
    const first = await putPart('bkt/obj', 'up-1', 1, Buffer.from('first try'), { checksum_algorithms: ['CRC32'] });
    expect(first.staged_location).toEqual({ mount_id: 'root', path: '.silt/staging/up-1/1' });
    expect(first.md5_hex).toBe(createHash('md5').update('first try').digest('hex'));
    expect(first.checksums).toEqual({ CRC32: digest('CRC32', Buffer.from('first try')) });
    expect(readFileSync(join(stagingDir('up-1'), '1'), 'utf8')).toBe('first try');

    const second = await putPart('bkt/obj', 'up-1', 1, Buffer.from('second'));
    expect(second.staged_location?.path).toBe('.silt/staging/up-1/1');
    expect(second.ufs_version).not.toBe(first.ufs_version);
    expect(readFileSync(join(stagingDir('up-1'), '1'), 'utf8')).toBe('second');
    expect(readdirSync(stagingDir('up-1'))).toEqual(['1']);
    expect(tmpFiles()).toEqual([]);
  });

  it('checks a part like a PUT: digests, bucket, key, upload id and part number', async () => {
    const good = await putPart('bkt/obj', 'up-checks', 1, Buffer.from('kept'));
    const bad = await caught(putPart('bkt/obj', 'up-checks', 1, Buffer.from('other'), { content_md5: createHash('md5').update('x').digest('base64') }));
    expect(s3CodeOf(bad)).toBe('BadDigest');
    expect(readFileSync(join(stagingDir('up-checks'), '1'), 'utf8')).toBe('kept'); // the recorded part survives
    expect(statSync(join(stagingDir('up-checks'), '1')).ino).toBe(Number(good.ufs_version.split('-')[0]));
    expect(s3CodeOf(await caught(putPart('nobucket/obj', 'up-checks', 2, Buffer.from('x'))))).toBe('NoSuchBucket');
    expect(s3CodeOf(await caught(putPart('bkt/a/../b', 'up-checks', 2, Buffer.from('x'))))).toBe('InvalidArgument');
    for (const [id, n] of [['../etc', 1], ['a.b', 1], ['', 1], ['x'.repeat(129), 1], ['ok', 0], ['ok', 10_001]] as const) {
      expect(s3CodeOf(await caught(putPart('bkt/obj', id, n, Buffer.from('x'))))).toBe('InvalidArgument');
    }
    expect(existsSync(stagingDir('ok'))).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });

  it('never shows staged parts as objects, and a bucket holding none but staged uploads can be deleted', async () => {
    await client.api.CreateDirectory({ location: loc('hidden') });
    await putPart('hidden/k', 'up-hidden', 1, Buffer.from('part'));
    expect(await client.api.StatObject({ location: loc('hidden/k') })).toMatchObject({ exists: false });
    expect(readdirSync(join(root, 'hidden'))).toEqual([]);
    // The staging area is not a bucket: its staged path is refused as an object location.
    expect(s3CodeOf(await caught(client.api.StatObject({ location: loc('.silt/staging/up-hidden/1') })))).toBe('InvalidBucketName');
    expect(s3CodeOf(await caught(read('.silt/staging/up-hidden/1')))).toBe('InvalidBucketName');
    await client.api.DeleteDirectory({ location: loc('hidden') });
    expect(existsSync(join(root, 'hidden'))).toBe(false);
    expect(existsSync(join(stagingDir('up-hidden'), '1'))).toBe(true);
  });

  it('composes three parts byte-exact, with MD5 and full-object checksums, leaving the parts staged', async () => {
    const bodies = [randomBytes(5 * 1024 * 1024 + 3), randomBytes(1024 * 1024), randomBytes(777)];
    const parts = [];
    for (const [i, body] of bodies.entries()) parts.push(asPart(await putPart('bkt/composed.bin', 'up-3', i + 1, body)));
    const whole = Buffer.concat(bodies);
    const { result } = await compose('bkt/composed.bin', parts, ['CRC32', 'CRC64NVME']);
    expect(result).toMatchObject({ size: whole.length, md5_hex: createHash('md5').update(whole).digest('hex') });
    expect(result?.checksums).toEqual({ CRC32: digest('CRC32', whole), CRC64NVME: digest('CRC64NVME', whole) });
    expect(result?.staged_location).toBeNull();
    expect((await read('bkt/composed.bin')).equals(whole)).toBe(true);
    expect(await client.api.StatObject({ location: loc('bkt/composed.bin') })).toMatchObject({ exists: true, size: whole.length, ufs_version: result?.ufs_version });
    expect(readdirSync(stagingDir('up-3')).sort()).toEqual(['1', '2', '3']);
    expect(tmpFiles()).toEqual([]);
    // A retried Complete (metadata failed after the compose) composes the same bytes again.
    const again = await compose('bkt/composed.bin', parts);
    expect(again.result?.md5_hex).toBe(result?.md5_hex);
  });

  it('composes in the order given, not by part number, and honours the a/b vs a/b/c layout', async () => {
    const p1 = asPart(await putPart('bkt/nest/a', 'up-order', 1, Buffer.from('one-')));
    const p2 = asPart(await putPart('bkt/nest/a', 'up-order', 2, Buffer.from('two')));
    await put('bkt/nest/a/b', Buffer.from('child'));
    await compose('bkt/nest/a', [p2, p1]);
    expect((await read('bkt/nest/a')).toString()).toBe('twoone-');
    expect(readFileSync(join(root, 'bkt/nest/a/.silt~self'), 'utf8')).toBe('twoone-');
    await compose('bkt/nest/a/b/c', [p1, p2]); // the file a/b moves into a/b/.silt~self
    expect((await read('bkt/nest/a/b/c')).toString()).toBe('one-two');
    expect((await read('bkt/nest/a/b')).toString()).toBe('child');
  });

  it('fails ABORTED when a part changed since it was recorded, and leaves no object or temp file', async () => {
    const p1 = asPart(await putPart('bkt/changed', 'up-chg', 1, Buffer.from('aaaa')));
    const p2 = asPart(await putPart('bkt/changed', 'up-chg', 2, Buffer.from('bbbb')));
    await putPart('bkt/changed', 'up-chg', 2, Buffer.from('BBBB')); // same size, new bytes
    const err = await caught(compose('bkt/changed', [p1, p2]));
    expect(err?.code).toBe(grpc.status.ABORTED);
    expect(err?.details).toBe('ufs version changed');
    const wrongSize = await caught(compose('bkt/changed', [{ ...p1, size: 3 }]));
    expect(wrongSize?.code).toBe(grpc.status.ABORTED);
    expect(await client.api.StatObject({ location: loc('bkt/changed') })).toMatchObject({ exists: false });
    expect(tmpFiles()).toEqual([]);
  });

  it('answers InvalidPart for a part that is not staged, InvalidArgument for a path it never handed out', async () => {
    const p1 = asPart(await putPart('bkt/missing', 'up-miss', 1, Buffer.from('aaaa')));
    const gone = { ...p1, location: loc('.silt/staging/up-miss/2') };
    expect(s3CodeOf(await caught(compose('bkt/missing', [p1, gone])))).toBe('InvalidPart');
    expect(s3CodeOf(await caught(compose('bkt/missing', [gone])))).toBe('InvalidPart');
    for (const path of ['bkt/missing', '.silt/staging/up-miss/../x/1', '.silt/staging/up-miss/0', '.silt/tmp/abc']) {
      expect(s3CodeOf(await caught(compose('bkt/missing', [{ ...p1, location: loc(path) }])))).toBe('InvalidArgument');
    }
    expect(s3CodeOf(await caught(compose('bkt/missing', [{ ...p1, location: loc(p1.location.path!, 'other') }])))).toBe('InvalidArgument');
    expect(s3CodeOf(await caught(compose('bkt/missing', [])))).toBe('InvalidArgument');
    expect(s3CodeOf(await caught(compose('nobucket/x', [p1])))).toBe('NoSuchBucket');
    expect(await client.api.StatObject({ location: loc('bkt/missing') })).toMatchObject({ exists: false });
    expect(tmpFiles()).toEqual([]);
  });

  it('composes a single part without copying it: the object is a link to the staged file, which stays', async () => {
    const body = randomBytes(2 * 1024 * 1024);
    const part = asPart(await putPart('bkt/single', 'up-one', 1, body));
    const { result } = await compose('bkt/single', [part], ['CRC32']);
    expect(result).toMatchObject({ size: body.length, md5_hex: createHash('md5').update(body).digest('hex'), checksums: { CRC32: digest('CRC32', body) } });
    const objectFile = statSync(join(root, 'bkt/single'));
    expect(objectFile.ino).toBe(statSync(join(stagingDir('up-one'), '1')).ino);
    expect(objectFile.nlink).toBe(2);
    const retried = await compose('bkt/single', [part]); // a retried Complete: the same inode again, nothing left over
    expect(retried.result?.ufs_version).toBe(result?.ufs_version);
    expect(tmpFiles()).toEqual([]);
    await client.api.DeleteStaging({ mount_id: 'root', upload_id: 'up-one' });
    expect((await read('bkt/single')).equals(body)).toBe(true);
    expect(await client.api.StatObject({ location: loc('bkt/single') })).toMatchObject({ ufs_version: result?.ufs_version });
  });

  describe('skip_md5 (a multipart Complete: its ETag is the MD5 of the part MD5s)', () => {
    const composeNoMd5 = (path: string, parts: Array<ReturnType<typeof asPart>>, checksum_algorithms: string[] = []) =>
      client.api.ComposeObject({ destination: loc(path), parts, checksum_algorithms, skip_md5: true });
    afterEach(() => vi.restoreAllMocks());

    it('copies several parts byte-exact without hashing them, md5_hex empty', async () => {
      const bodies = [randomBytes(5 * 1024 * 1024 + 1), randomBytes(3 * 1024 * 1024), randomBytes(99)];
      const parts = [];
      for (const [i, body] of bodies.entries()) parts.push(asPart(await putPart('bkt/nomd5.bin', 'up-nomd5', i + 1, body)));
      const whole = Buffer.concat(bodies);
      const composed = vi.spyOn(adapter, 'compose');
      const { result } = await composeNoMd5('bkt/nomd5.bin', parts);
      expect(result).toMatchObject({ size: whole.length, md5_hex: '', checksums: {} });
      expect(composed).toHaveBeenCalledTimes(1);
      expect(composed.mock.calls[0][3]).toBeUndefined(); // no observer: nothing hashed on the way
      expect((await read('bkt/nomd5.bin')).equals(whole)).toBe(true);
      expect(await client.api.StatObject({ location: loc('bkt/nomd5.bin') })).toMatchObject({ exists: true, size: whole.length, ufs_version: result?.ufs_version });
      expect(readdirSync(stagingDir('up-nomd5')).sort()).toEqual(['1', '2', '3']);
      expect(tmpFiles()).toEqual([]);
    });

    it('still computes the requested full-object checksums (reading the bytes), but no MD5', async () => {
      const bodies = [randomBytes(5 * 1024 * 1024), randomBytes(1234)];
      const parts = [];
      for (const [i, body] of bodies.entries()) parts.push(asPart(await putPart('bkt/nomd5-crc.bin', 'up-nomd5-crc', i + 1, body)));
      const whole = Buffer.concat(bodies);
      const { result } = await composeNoMd5('bkt/nomd5-crc.bin', parts, ['CRC32', 'CRC64NVME']);
      expect(result).toMatchObject({ size: whole.length, md5_hex: '' });
      expect(result?.checksums).toEqual({ CRC32: digest('CRC32', whole), CRC64NVME: digest('CRC64NVME', whole) });
      expect((await read('bkt/nomd5-crc.bin')).equals(whole)).toBe(true);

      const one = asPart(await putPart('bkt/nomd5-crc1', 'up-nomd5-crc1', 1, bodies[1]));
      const single = await composeNoMd5('bkt/nomd5-crc1', [one], ['CRC32']);
      expect(single.result).toMatchObject({ size: bodies[1].length, md5_hex: '', checksums: { CRC32: digest('CRC32', bodies[1]) } });
      expect(statSync(join(root, 'bkt/nomd5-crc1')).ino).toBe(statSync(join(stagingDir('up-nomd5-crc1'), '1')).ino);
    });

    it('makes one part the object by a link alone: no byte read, staged part kept, retry idempotent', async () => {
      const body = randomBytes(3 * 1024 * 1024);
      const part = asPart(await putPart('bkt/nomd5-one', 'up-nomd5-one', 1, body));
      const reads = vi.spyOn(PartCursor.prototype, 'readInto');
      const { result } = await composeNoMd5('bkt/nomd5-one', [part]);
      expect(reads).not.toHaveBeenCalled();
      expect(result).toMatchObject({ size: body.length, md5_hex: '', checksums: {}, ufs_version: part.ufs_version });
      const objectFile = statSync(join(root, 'bkt/nomd5-one'));
      expect(objectFile.ino).toBe(statSync(join(stagingDir('up-nomd5-one'), '1')).ino);
      const retried = await composeNoMd5('bkt/nomd5-one', [part]);
      expect(retried.result?.ufs_version).toBe(result?.ufs_version);
      expect(reads).not.toHaveBeenCalled();
      expect(tmpFiles()).toEqual([]);
      await client.api.DeleteStaging({ mount_id: 'root', upload_id: 'up-nomd5-one' });
      expect((await read('bkt/nomd5-one')).equals(body)).toBe(true);
    });

    it('still checks every part without reading it: changed or resized -> ABORTED, missing -> InvalidPart', async () => {
      const p1 = asPart(await putPart('bkt/nomd5-chg', 'up-nomd5-chg', 1, Buffer.from('aaaa')));
      const p2 = asPart(await putPart('bkt/nomd5-chg', 'up-nomd5-chg', 2, Buffer.from('bbbb')));
      await putPart('bkt/nomd5-chg', 'up-nomd5-chg', 2, Buffer.from('BBBB')); // same size, new bytes
      for (const parts of [[p1, p2], [p2], [{ ...p1, size: 3 }]]) {
        const err = await caught(composeNoMd5('bkt/nomd5-chg', parts));
        expect(err?.code).toBe(grpc.status.ABORTED);
      }
      const gone = { ...p1, location: loc('.silt/staging/up-nomd5-chg/7') };
      expect(s3CodeOf(await caught(composeNoMd5('bkt/nomd5-chg', [gone])))).toBe('InvalidPart');
      expect(s3CodeOf(await caught(composeNoMd5('bkt/nomd5-chg', [p1, gone])))).toBe('InvalidPart');
      expect(await client.api.StatObject({ location: loc('bkt/nomd5-chg') })).toMatchObject({ exists: false });
      expect(tmpFiles()).toEqual([]);
    });
  });

  it('UploadPartCopy copies a byte range of the source into staging, checking the source version and range', async () => {
    const source = Buffer.from('0123456789abcdef');
    const src = await put('bkt/copy-src', source);
    const copy = (range_start: number, range_length: number, extra: object = {}) =>
      client.api.CopyObject({
        source: loc('bkt/copy-src'),
        destination: loc('bkt/copy-dst'),
        source_version: src.ufs_version,
        range_start,
        range_length,
        staging: { upload_id: 'up-copy', part_number: 1 },
        checksum_algorithms: ['CRC32'],
        ...extra,
      });
    const { result } = await copy(3, 5);
    expect(result).toMatchObject({ size: 5, md5_hex: createHash('md5').update('34567').digest('hex'), checksums: { CRC32: digest('CRC32', Buffer.from('34567')) } });
    expect(result?.staged_location).toEqual({ mount_id: 'root', path: '.silt/staging/up-copy/1' });
    expect(readFileSync(join(stagingDir('up-copy'), '1'), 'utf8')).toBe('34567');
    expect((await copy(0, 0)).result?.size).toBe(16); // no range: the whole source
    expect((await copy(0, -1)).result?.size).toBe(16);
    expect((await copy(15, 1)).result?.size).toBe(1); // the last byte
    expect(s3CodeOf(await caught(copy(10, 7)))).toBe('InvalidRange');
    expect(s3CodeOf(await caught(copy(16, 1)))).toBe('InvalidRange');
    expect(s3CodeOf(await caught(copy(-1, 2)))).toBe('InvalidArgument');
    expect((await caught(copy(0, 4, { source_version: 'stale' })))?.code).toBe(grpc.status.ABORTED);
    expect(await client.api.StatObject({ location: loc('bkt/copy-dst') })).toMatchObject({ exists: false });
    // Without staging, a range copies into the object.
    const plain = await client.api.CopyObject({ source: loc('bkt/copy-src'), destination: loc('bkt/copy-dst'), range_start: 10, range_length: 6 });
    expect(plain.result?.staged_location).toBeNull();
    expect((await read('bkt/copy-dst')).toString()).toBe('abcdef');
    expect(tmpFiles()).toEqual([]);
  });

  it('DeleteStaging drops every part of the upload and is idempotent', async () => {
    await putPart('bkt/del', 'up-del', 1, Buffer.from('1'));
    await putPart('bkt/del', 'up-del', 2, Buffer.from('2'));
    await putPart('bkt/del', 'up-keep', 1, Buffer.from('k'));
    await client.api.DeleteStaging({ mount_id: 'root', upload_id: 'up-del' });
    expect(existsSync(stagingDir('up-del'))).toBe(false);
    expect(existsSync(stagingDir('up-keep'))).toBe(true);
    await client.api.DeleteStaging({ mount_id: 'root', upload_id: 'up-del' });
    await client.api.DeleteStaging({ mount_id: 'root', upload_id: 'never-existed' });
    expect(s3CodeOf(await caught(client.api.DeleteStaging({ mount_id: 'root', upload_id: '../bkt' })))).toBe('InvalidArgument');
    expect(s3CodeOf(await caught(client.api.DeleteStaging({ mount_id: 'nope', upload_id: 'up-keep' })))).toBe('InvalidArgument');
  });
});
