import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';
import type { ComposeSource, ObjectReader, StagedPartStat } from '../ufs-adapter';
import { S3UfsAdapter, type S3UfsAdapterOptions } from './s3-adapter';
import { startMotoServer, type MotoServer } from '../../../../../libs/runtime/src/moto-server';

// Against moto's S3 server (`python3 -m moto.server`), started here on a free port and stopped by its PID.

const MiB = 1024 * 1024;
const BUCKET = 'their-bucket';
const PREFIX = 'mnt/';
const SECRET = 'wJalrXUtnFEMI-not-a-real-secret';
const credentials = { accessKeyId: 'AKIATESTMOUNT', secretAccessKey: SECRET };

let moto: MotoServer | undefined;
let endpoint: string;
let client: S3Client;
const adapters: S3UfsAdapter[] = [];

function adapter(extra: Partial<S3UfsAdapterOptions> = {}): S3UfsAdapter {
  const a = new S3UfsAdapter({
    bucket: BUCKET,
    prefix: PREFIX,
    endpoint,
    region: 'us-east-1',
    credentials,
    forcePathStyle: true,
    multipartThreshold: 6 * MiB,
    partSize: 6 * MiB,
    mountBucket: 's3-mount',
    ...extra,
  });
  adapters.push(a);
  return a;
}

const put = (key: string, body: Buffer | string) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
const exists = (key: string) =>
  client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(
    () => true,
    () => false,
  );
async function backendBytes(key: string): Promise<Buffer> {
  const res = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await res.Body!.transformToByteArray());
}
async function readAll(reader: ObjectReader, offset = 0, length = -1, chunkBytes = 256 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of reader.read(offset, length, chunkBytes)) {
    expect(c.length).toBeLessThanOrEqual(chunkBytes);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}
async function pendingUploads(): Promise<number> {
  const r = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
  return r.Uploads?.length ?? 0;
}
async function hiddenKeys(uploadId: string): Promise<string[]> {
  const r = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}.silt/staging/${uploadId}/` }));
  return (r.Contents ?? []).map((c) => c.Key!);
}
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
/** Writes `body` in chunks of `chunk` bytes from one reused buffer, as the ufs's compose pump does. */
async function writeAll(staged: { write(c: Buffer): Promise<void> }, body: Buffer, chunk = MiB): Promise<void> {
  const scratch = Buffer.alloc(chunk);
  for (let off = 0; off < body.length; off += chunk) {
    const n = body.copy(scratch, 0, off, Math.min(body.length, off + chunk));
    await staged.write(scratch.subarray(0, n));
  }
  scratch.fill(0); // a writer that kept references to our buffer would now hold zeros
}

beforeAll(async () => {
  moto = await startMotoServer();
  endpoint = moto.endpoint;
  client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
}, 40_000);

afterAll(async () => {
  for (const a of adapters) await a.close();
  client?.destroy();
  await moto?.stop();
});

describe('S3 UFS adapter (moto)', () => {
  it('stats and reads objects put straight into the backend, whole and ranged, in bounded chunks', async () => {
    const a = adapter();
    const body = randomBytes(3 * MiB + 123);
    await put(`${PREFIX}direct/a`, body);
    await put(`${PREFIX}direct/empty`, Buffer.alloc(0));
    const st = await a.stat('s3-mount', 'direct/a');
    expect(st).toMatchObject({ size: body.length, version: expect.stringMatching(/^[0-9a-f]{32}@\d+$/) });
    expect(await a.stat('s3-mount', 'direct/a')).toEqual(st); // stable
    expect(await a.stat('s3-mount', 'direct/missing')).toBeUndefined();

    const reader = await a.openRead('s3-mount', 'direct/a');
    expect(reader.stat).toEqual(st);
    expect((await readAll(reader)).equals(body)).toBe(true);
    expect((await readAll(reader, 1000, 5000, 1024)).equals(body.subarray(1000, 6000))).toBe(true);
    expect((await readAll(reader, body.length - 10, 100)).equals(body.subarray(body.length - 10))).toBe(true); // clamped
    expect(await readAll(reader, body.length, 10)).toHaveLength(0);
    await reader.close();
    const empty = await a.openRead('s3-mount', 'direct/empty');
    expect(empty.stat.size).toBe(0);
    expect(await readAll(empty)).toHaveLength(0);

    await expect(a.openRead('s3-mount', 'direct/missing')).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(a.stat('other-bucket', 'direct/a')).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(a.stat('s3-mount', 'a/../b')).rejects.toMatchObject({ code: 'InvalidArgument' });
    // The prefix is the mount's root: a key outside it is not reachable.
    await put('outside', 'x');
    expect(await a.stat('s3-mount', 'outside')).toBeUndefined();
  });

  it('stops a reader early without reading the rest (break out of the iteration)', async () => {
    const a = adapter();
    await put(`${PREFIX}direct/big`, randomBytes(4 * MiB));
    const reader = await a.openRead('s3-mount', 'direct/big');
    let got = 0;
    for await (const c of reader.read(0, -1, 64 * 1024)) {
      got += c.length;
      if (got >= 128 * 1024) break;
    }
    expect(got).toBe(128 * 1024);
    await reader.close();
  });

  it('writes a small object with one PutObject, invisible until commit; abort leaves nothing', async () => {
    const a = adapter();
    const body = randomBytes(200 * 1024 + 7);
    const staged = await a.beginWrite('s3-mount', 'w/small');
    await writeAll(staged, body, 64 * 1024);
    expect(await exists(`${PREFIX}w/small`)).toBe(false);
    const st = await staged.commit();
    expect(st).toEqual(await a.stat('s3-mount', 'w/small'));
    expect(st.size).toBe(body.length);
    expect((await backendBytes(`${PREFIX}w/small`)).equals(body)).toBe(true);

    const dropped = await a.beginWrite('s3-mount', 'w/dropped');
    await dropped.write(randomBytes(1000));
    await dropped.abort();
    await dropped.abort(); // idempotent
    expect(await exists(`${PREFIX}w/dropped`)).toBe(false);

    const aborted = new AbortController();
    aborted.abort();
    const late = await a.beginWrite('s3-mount', 'w/late');
    await late.write(randomBytes(10));
    await expect(late.commit(aborted.signal)).rejects.toThrow();
    await late.abort();
    expect(await exists(`${PREFIX}w/late`)).toBe(false);
  });

  it('writes an object above the threshold as a backend multipart upload; abort aborts it', async () => {
    const a = adapter();
    const before = await pendingUploads();
    const body = randomBytes(13 * MiB + 5);
    const staged = await a.beginWrite('s3-mount', 'w/large');
    await writeAll(staged, body);
    expect(await pendingUploads()).toBe(before + 1);
    expect(await exists(`${PREFIX}w/large`)).toBe(false);
    const st = await staged.commit();
    expect(st.size).toBe(body.length);
    expect(st.version).toMatch(/-3@\d+$/); // three parts of 6 MiB, 6 MiB, 1 MiB
    expect(md5(await backendBytes(`${PREFIX}w/large`))).toBe(md5(body));
    expect(await pendingUploads()).toBe(before);

    const dropped = await a.beginWrite('s3-mount', 'w/large-dropped');
    await writeAll(dropped, randomBytes(13 * MiB));
    expect(await pendingUploads()).toBe(before + 1);
    await dropped.abort();
    expect(await pendingUploads()).toBe(before);
    expect(await exists(`${PREFIX}w/large-dropped`)).toBe(false);

    // A threshold below the part size: a write above it is a one-part multipart upload.
    const oneLarge = await adapter({ multipartThreshold: MiB }).beginWrite('s3-mount', 'w/one-part');
    await writeAll(oneLarge, randomBytes(2 * MiB));
    expect((await oneLarge.commit()).version).toMatch(/-1@\d+$/);
  });

  it('a read of a version the caller knows is one GET (If-Match), no HEAD; a changed or deleted object fails it', async () => {
    const a = adapter();
    const body = randomBytes(300_000);
    await put(`${PREFIX}known/obj`, body);
    const st = (await a.stat('s3-mount', 'known/obj'))!;
    const sent: string[] = [];
    const backend = (a as unknown as { backend: { client: S3Client } }).backend.client;
    backend.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countForTest' },
    );
    try {
      const reader = await a.openRead('s3-mount', 'known/obj', { version: st.version, size: st.size });
      expect(reader.stat).toMatchObject({ size: st.size, version: st.version });
      expect(md5(await readAll(reader, 1000, 200_000))).toBe(md5(body.subarray(1000, 201_000)));
      expect(md5(await readAll(reader))).toBe(md5(body));
      await reader.close();
      expect(sent).toEqual(['GetObjectCommand', 'GetObjectCommand']);
      // Overwritten behind its back: the read fails as a stale stat would have made it.
      await put(`${PREFIX}known/obj`, randomBytes(1000));
      const stale = await a.openRead('s3-mount', 'known/obj', { version: st.version, size: st.size });
      await expect(readAll(stale)).rejects.toBeInstanceOf(UfsVersionChanged);
      await stale.close();
      // A version that names no ETag still stats first.
      sent.length = 0;
      const plain = await a.openRead('s3-mount', 'known/obj', { version: 'no-etag-here', size: 1000 });
      expect(sent).toEqual(['HeadObjectCommand']);
      expect(plain.stat.size).toBe(1000);
      await plain.close();
    } finally {
      backend.middlewareStack.remove('countForTest');
    }
  });

  it('changes the version on overwrite, and a reader opened on the old version fails with UfsVersionChanged', async () => {
    const a = adapter();
    await put(`${PREFIX}v/obj`, randomBytes(100_000));
    const old = await a.openRead('s3-mount', 'v/obj');
    const listed = [];
    for await (const e of a.list('s3-mount', 'v/')) listed.push(e);
    expect(listed).toEqual([{ key: 'v/obj', ...old.stat }]); // a listing and a stat agree on the version

    const staged = await a.beginWrite('s3-mount', 'v/obj');
    await staged.write(randomBytes(100_000));
    const st = await staged.commit();
    expect(st.version).not.toBe(old.stat.version);
    expect((await a.stat('s3-mount', 'v/obj'))?.version).toBe(st.version);
    await expect(readAll(old)).rejects.toBeInstanceOf(UfsVersionChanged);
    await old.close();
    // Deleted under an open reader: the same.
    const current = await a.openRead('s3-mount', 'v/obj');
    expect(await a.delete('s3-mount', 'v/obj')).toBe(true);
    await expect(readAll(current)).rejects.toBeInstanceOf(UfsVersionChanged);
  });

  it('lists lazily, one page at a time, after startAfter, without the hidden area or keys outside the prefix', async () => {
    // 1,500 keys (more than S3's largest page), listed in pages of 200: moto takes ~9 ms per PutObject here.
    const keys = Array.from({ length: 1500 }, (_, i) => `many/k${String(i).padStart(5, '0')}`);
    let next = 0;
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        while (next < keys.length) await put(PREFIX + keys[next++], 'x');
      }),
    );
    await put(`${PREFIX}.silt/hidden`, 'hidden');
    await put('mnt-sibling/many/k00000', 'outside');
    const a = adapter({ listPageSize: 200 });
    const send = vi.spyOn((a as unknown as { backend: { client: S3Client } }).backend.client, 'send');
    const seen: string[] = [];
    for await (const e of a.list('s3-mount', 'many/')) {
      seen.push(e.key);
      expect(e).toMatchObject({ size: 1, version: expect.stringContaining('@') });
      if (seen.length === 10) expect(send).toHaveBeenCalledTimes(1); // nothing fetched ahead
    }
    expect(seen).toEqual(keys);
    expect(send).toHaveBeenCalledTimes(Math.ceil(1500 / 200));
    const after = [];
    for await (const e of a.list('s3-mount', 'many/', 'many/k01490')) after.push(e.key);
    expect(after).toEqual(keys.slice(1491));
    const all = [];
    for await (const e of a.list('s3-mount')) all.push(e.key);
    expect(all.some((k) => k.startsWith('.silt'))).toBe(false);
    send.mockRestore();
  }, 40_000);

  it('deletes, conditionally on the version when asked', async () => {
    const a = adapter();
    await put(`${PREFIX}d/x`, 'one');
    const st = (await a.stat('s3-mount', 'd/x'))!;
    expect(await a.delete('s3-mount', 'd/x', 'deadbeef@1')).toBe(false);
    expect(await exists(`${PREFIX}d/x`)).toBe(true);
    expect(await a.delete('s3-mount', 'd/x', st.version)).toBe(true);
    expect(await exists(`${PREFIX}d/x`)).toBe(false);
    expect(await a.delete('s3-mount', 'd/x')).toBe(false);
  });

  it('checks the backend bucket for CreateBucket and refuses DeleteBucket while objects exist', async () => {
    await adapter().createDirectory('s3-mount');
    await expect(adapter({ bucket: 'no-such-backend-bucket' }).createDirectory('s3-mount')).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(adapter().deleteDirectory('s3-mount')).rejects.toMatchObject({ code: 'BucketNotEmpty' });
    await adapter({ prefix: 'empty-mount/' }).deleteDirectory('s3-mount'); // a no-op on an empty mount
  });

  it('never shows its credentials: not when inspected or serialised, not in errors', async () => {
    const a = adapter({ bucket: 'no-such-backend-bucket' });
    expect(inspect(a, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(a)).not.toContain(SECRET);
    const errors = await Promise.all([
      a.openRead('s3-mount', 'k').catch((e: unknown) => e),
      a.beginWrite('s3-mount', 'k').then(async (w) => {
        await w.write(Buffer.from('x'));
        return w.commit().catch((e: unknown) => e);
      }),
      adapter({ endpoint: 'http://127.0.0.1:1', maxAttempts: 1 })
        .stat('s3-mount', 'k')
        .catch((e: unknown) => e),
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(Error);
      expect(inspect(e, { depth: 10 })).not.toMatch(/wJalr|AKIATESTMOUNT/);
    }
    expect(errors.map((e) => (e as S3Error).code)).toEqual(['NoSuchKey', 'NoSuchBucket', 'ServiceUnavailable']);
  });
});

describe('S3 UFS adapter: Silt multipart uploads (moto)', () => {
  async function putPart(a: S3UfsAdapter, uploadId: string, partNumber: number, body: Buffer, key = 'mp/obj'): Promise<StagedPartStat> {
    const staged = await a.beginPartWrite('s3-mount', key, { uploadId, partNumber, expectedSize: body.length });
    await writeAll(staged, body);
    return staged.commit();
  }
  const source = (st: StagedPartStat): ComposeSource => ({ stagedPath: st.stagedPath, version: st.version, size: st.size });
  async function compose(a: S3UfsAdapter, key: string, parts: StagedPartStat[]) {
    const hash = createHash('md5');
    let observed = 0;
    const st = await a.compose('s3-mount', key, parts.map(source), (chunk) => {
      hash.update(chunk);
      observed += chunk.length;
    });
    return { st, md5: hash.digest('hex'), observed };
  }

  it('composes 3 parts of 5 MiB + a small last one through a backend multipart upload, byte-exact', async () => {
    const a = adapter();
    const bodies = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1000)];
    const parts = [];
    for (const [i, b] of bodies.entries()) parts.push(await putPart(a, 'up1', i + 1, b));
    expect(parts.map((p) => p.stagedPath)).toEqual([
      expect.stringMatching(/^\.silt\/staging\/up1\/1@[0-9a-f]{32}$/),
      expect.stringMatching(/^\.silt\/staging\/up1\/2@/),
      expect.stringMatching(/^\.silt\/staging\/up1\/3@/),
      '.silt/staging/up1/part.4', // too small for a backend part: an object of its own
    ]);
    expect(await exists(`${PREFIX}mp/obj`)).toBe(false);
    const whole = Buffer.concat(bodies);
    const { st, md5: observedMd5, observed } = await compose(a, 'mp/obj', parts);
    expect(observed).toBe(whole.length);
    expect(observedMd5).toBe(md5(whole));
    expect(st).toEqual(await a.stat('s3-mount', 'mp/obj'));
    expect(st.version).toMatch(/-4@/); // one backend Complete of four parts
    expect(md5(await backendBytes(`${PREFIX}mp/obj`))).toBe(md5(whole));

    // A retry of the same Complete (metadata failed after compose) gives the same object.
    const again = await a.compose('s3-mount', 'mp/obj', parts.map(source), undefined);
    expect(again.version).toBe(st.version);
    await a.deleteStaging('up1');
    expect(await hiddenKeys('up1')).toEqual([]);
    expect(md5(await backendBytes(`${PREFIX}mp/obj`))).toBe(md5(whole));
  });

  it('finds the upload again after a restart of the ufs (new adapter instances between parts and compose)', async () => {
    const bodies = [randomBytes(5 * MiB), randomBytes(5 * MiB + 3), randomBytes(77)];
    const p1 = await putPart(adapter(), 'up2', 1, bodies[0], 'mp/restart');
    const p2 = await putPart(adapter(), 'up2', 2, bodies[1], 'mp/restart');
    const p3 = await putPart(adapter(), 'up2', 3, bodies[2], 'mp/restart');
    const { md5: observedMd5 } = await compose(adapter(), 'mp/restart', [p1, p2, p3]);
    expect(observedMd5).toBe(md5(Buffer.concat(bodies)));
    expect(md5(await backendBytes(`${PREFIX}mp/restart`))).toBe(md5(Buffer.concat(bodies)));
    await adapter().deleteStaging('up2');
  });

  it('composes parts too small for the backend by regrouping them (read + upload of the short stretches)', async () => {
    const a = adapter();
    const bodies = [randomBytes(2 * MiB), randomBytes(2 * MiB), randomBytes(2 * MiB), randomBytes(1024)];
    const parts = [];
    for (const [i, b] of bodies.entries()) parts.push(await putPart(a, 'up3', i + 1, b, 'mp/small'));
    expect(parts.every((p) => p.stagedPath.includes('/part.'))).toBe(true);
    const { md5: observedMd5, st } = await compose(a, 'mp/small', parts);
    expect(observedMd5).toBe(md5(Buffer.concat(bodies)));
    expect(st.size).toBe(6 * MiB + 1024);
    expect(md5(await backendBytes(`${PREFIX}mp/small`))).toBe(md5(Buffer.concat(bodies)));
    // One small part alone: a server-side CopyObject.
    const single = await putPart(a, 'up3b', 1, Buffer.from('tiny'), 'mp/tiny');
    await a.compose('s3-mount', 'mp/tiny', [source(single)], undefined);
    expect((await backendBytes(`${PREFIX}mp/tiny`)).toString()).toBe('tiny');
    await a.deleteStaging('up3');
    await a.deleteStaging('up3b');
    expect(await hiddenKeys('up3')).toEqual([]);
  });

  it('makes one backend upload when two processes write the first parts of an upload at once', async () => {
    const before = await pendingUploads();
    const bodies = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(10)];
    const [a, b] = [adapter(), adapter()];
    // Both find no marker and make a backend upload; b's conditional marker write goes out only once a's has landed. moto checks
    // If-None-Match: * and stores the object in separate steps, so two truly simultaneous marker writes can both
    // succeed there (S3 itself decides them atomically); ordering the two writes tests the loser's path every run.
    type WithMarker = { writeMarker(...args: unknown[]): Promise<void> };
    const [wa, wb] = [a as unknown as WithMarker, b as unknown as WithMarker];
    const [origA, origB] = [wa.writeMarker.bind(a), wb.writeMarker.bind(b)];
    let aLanded!: () => void;
    let bReady!: () => void;
    const aMarker = new Promise<void>((resolve) => (aLanded = resolve));
    const bMarker = new Promise<void>((resolve) => (bReady = resolve)); // b found no marker and made its upload
    const spyA = vi.spyOn(wa, 'writeMarker').mockImplementation(async (...args) => {
      await bMarker;
      return origA(...args).finally(aLanded);
    });
    const spyB = vi.spyOn(wb, 'writeMarker').mockImplementation(async (...args) => {
      bReady();
      await aMarker;
      return origB(...args);
    });
    try {
      const [p1, p2] = await Promise.all([putPart(a, 'up9', 1, bodies[0], 'mp/race'), putPart(b, 'up9', 2, bodies[1], 'mp/race')]);
      expect(spyA).toHaveBeenCalledTimes(1);
      expect(spyB).toHaveBeenCalledTimes(1); // b made its own backend upload, lost the marker, and took a's
      const p3 = await putPart(b, 'up9', 3, bodies[2], 'mp/race');
      expect(await pendingUploads()).toBe(before + 1); // the loser of the marker race aborted its own
      const { md5: observedMd5 } = await compose(a, 'mp/race', [p1, p2, p3]);
      expect(observedMd5).toBe(md5(Buffer.concat(bodies)));
    } finally {
      await a.deleteStaging('up9');
    }
    expect(await pendingUploads()).toBe(before);
  });

  it('checks every part at compose: a replaced part is UfsVersionChanged, a missing one InvalidPart', async () => {
    const a = adapter();
    const p1 = await putPart(a, 'up4', 1, randomBytes(5 * MiB), 'mp/check');
    const p2 = await putPart(a, 'up4', 2, randomBytes(100), 'mp/check');
    await putPart(a, 'up4', 2, randomBytes(100), 'mp/check'); // replaced after it was recorded
    await expect(a.compose('s3-mount', 'mp/check', [source(p1), source(p2)], undefined)).rejects.toBeInstanceOf(UfsVersionChanged);
    await expect(a.compose('s3-mount', 'mp/check', [source(p1), { ...source(p2), stagedPath: '.silt/staging/up4/part.9' }], undefined)).rejects.toMatchObject({
      code: 'InvalidPart',
    });
    await expect(a.compose('s3-mount', 'mp/check', [{ ...source(p1), version: 'other' }], undefined)).rejects.toBeInstanceOf(UfsVersionChanged);
    await a.deleteStaging('up4');
  });

  it('keeps the earlier part when a rewrite of it is aborted mid-way (nothing reaches the backend before commit)', async () => {
    const a = adapter();
    const body = randomBytes(5 * MiB);
    const p1 = await putPart(a, 'up5', 1, body, 'mp/abort');
    const rewrite = await a.beginPartWrite('s3-mount', 'mp/abort', { uploadId: 'up5', partNumber: 1, expectedSize: 5 * MiB });
    await writeAll(rewrite, randomBytes(5 * MiB)); // every byte written, the last chunk held back until commit
    await rewrite.abort();
    const { md5: observedMd5 } = await compose(a, 'mp/abort', [p1]);
    expect(observedMd5).toBe(md5(body));
    // A part longer than declared is refused before it reaches the backend.
    const long = await a.beginPartWrite('s3-mount', 'mp/abort', { uploadId: 'up5b', partNumber: 1, expectedSize: 5 * MiB });
    await expect(writeAll(long, randomBytes(5 * MiB + 1))).rejects.toMatchObject({ code: 'IncompleteBody' });
    await long.abort();
    await a.deleteStaging('up5');
    await a.deleteStaging('up5b');
  });

  it('deleteStaging aborts the backend upload and drops the staged objects; the reaper drops stale uploads', async () => {
    const a = adapter();
    const before = await pendingUploads();
    const p1 = await putPart(a, 'up6', 1, randomBytes(5 * MiB), 'mp/gone');
    await putPart(a, 'up6', 2, randomBytes(10), 'mp/gone');
    expect(await pendingUploads()).toBe(before + 1);
    expect(await hiddenKeys('up6')).toEqual([`${PREFIX}.silt/staging/up6/part.2`, `${PREFIX}.silt/staging/up6/upload.json`]);
    await a.deleteStaging('up6');
    await a.deleteStaging('up6'); // idempotent
    expect(await pendingUploads()).toBe(before);
    expect(await hiddenKeys('up6')).toEqual([]);
    await expect(a.compose('s3-mount', 'mp/gone', [source(p1)], undefined)).rejects.toMatchObject({ code: 'InvalidPart' });

    await putPart(a, 'up7', 1, randomBytes(5 * MiB), 'mp/reaped');
    await putPart(a, 'up7', 2, randomBytes(10), 'mp/reaped');
    expect(await a.reapStaging(Date.now() - 60_000)).toEqual([]);
    const writing = await a.beginPartWrite('s3-mount', 'mp/reaped', { uploadId: 'up7', partNumber: 3, expectedSize: 10 });
    expect(await a.reapStaging(Date.now() + 60_000)).toEqual([]); // a write in flight keeps it
    await writing.abort();
    expect(await a.reapStaging(Date.now() + 60_000)).toEqual(['up7']);
    expect(await pendingUploads()).toBe(before);
    expect(await hiddenKeys('up7')).toEqual([]);
    const parts = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: `${PREFIX}mp/reaped` }));
    expect(parts.Uploads ?? []).toEqual([]);
  });
});
