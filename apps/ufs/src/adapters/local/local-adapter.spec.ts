import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { LocalUfsAdapter } from './local-adapter';

async function put(adapter: LocalUfsAdapter, bucket: string, key: string, body: string) {
  const staged = await adapter.beginWrite(bucket, key);
  await staged.write(Buffer.from(body));
  return staged.commit();
}

async function get(adapter: LocalUfsAdapter, bucket: string, key: string): Promise<string> {
  const reader = await adapter.openRead(bucket, key);
  try {
    const parts: Buffer[] = [];
    for await (const chunk of reader.read(0, -1, 4)) parts.push(chunk);
    return Buffer.concat(parts).toString();
  } finally {
    await reader.close();
  }
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => (err instanceof S3Error ? err.code : (err as Error).name),
  );

describe(LocalUfsAdapter.name, () => {
  let root: string;
  let adapter: LocalUfsAdapter;
  const bucketDir = () => join(root, 'bkt');

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-local-'));
    adapter = new LocalUfsAdapter({ root, fsync: true });
    await adapter.start();
    await adapter.createDirectory('bkt');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores plain keys as plain files', async () => {
    await put(adapter, 'bkt', 'a/b/c.txt', 'hello');
    expect(readFileSync(join(bucketDir(), 'a/b/c.txt'), 'utf8')).toBe('hello');
    expect(await get(adapter, 'bkt', 'a/b/c.txt')).toBe('hello');
  });

  it('holds a/b and a/b/c together: a/b moves into a/b/.silt~self, and back once a/b/c is gone', async () => {
    const first = await put(adapter, 'bkt', 'a/b', 'object a/b');
    await put(adapter, 'bkt', 'a/b/c', 'object a/b/c');
    expect(statSync(join(bucketDir(), 'a/b')).isDirectory()).toBe(true);
    expect(readFileSync(join(bucketDir(), 'a/b/.silt~self'), 'utf8')).toBe('object a/b');
    expect(await get(adapter, 'bkt', 'a/b')).toBe('object a/b');
    expect(await get(adapter, 'bkt', 'a/b/c')).toBe('object a/b/c');
    // The move keeps the bytes, so the version does not change.
    expect((await adapter.stat('bkt', 'a/b'))?.version).toBe(first.version);

    expect(await adapter.delete('bkt', 'a/b/c')).toBe(true);
    expect(await get(adapter, 'bkt', 'a/b')).toBe('object a/b');
    expect(statSync(join(bucketDir(), 'a/b')).isFile()).toBe(true);
    expect((await adapter.stat('bkt', 'a/b'))?.version).toBe(first.version);
  });

  it('writes a/b into a/b/.silt~self when a/b/c came first, and overwrites it there', async () => {
    await put(adapter, 'bkt', 'a/b/c', 'c');
    await put(adapter, 'bkt', 'a/b', 'b1');
    expect(readFileSync(join(bucketDir(), 'a/b/.silt~self'), 'utf8')).toBe('b1');
    await put(adapter, 'bkt', 'a/b', 'b2');
    expect(await get(adapter, 'bkt', 'a/b')).toBe('b2');
    expect(readdirSync(join(bucketDir(), 'a/b')).sort()).toEqual(['.silt~self', 'c']);
    expect(await adapter.delete('bkt', 'a/b')).toBe(true);
    expect(await adapter.stat('bkt', 'a/b')).toBeUndefined();
    expect(await get(adapter, 'bkt', 'a/b/c')).toBe('c');
  });

  it('converts several levels at once (a, then a/b/c/d)', async () => {
    await put(adapter, 'bkt', 'a', 'A');
    await put(adapter, 'bkt', 'a/b', 'B');
    await put(adapter, 'bkt', 'a/b/c/d', 'D');
    expect(await get(adapter, 'bkt', 'a')).toBe('A');
    expect(await get(adapter, 'bkt', 'a/b')).toBe('B');
    expect(await get(adapter, 'bkt', 'a/b/c/d')).toBe('D');
    expect(await adapter.stat('bkt', 'a/b/c')).toBeUndefined(); // an implicit directory is not an object
  });

  it('stores folder objects (dir/) as dir/.silt~e~ beside the folder contents', async () => {
    await put(adapter, 'bkt', 'dir/', '');
    await put(adapter, 'bkt', 'dir/file', 'f');
    expect(readdirSync(join(bucketDir(), 'dir')).sort()).toEqual(['.silt~e~', 'file']);
    expect((await adapter.stat('bkt', 'dir/'))?.size).toBe(0);
    expect(await adapter.stat('bkt', 'dir')).toBeUndefined();
    expect(await adapter.delete('bkt', 'dir/')).toBe(true);
    expect(await get(adapter, 'bkt', 'dir/file')).toBe('f');
  });

  it('keeps reserved-looking keys apart from Silt names', async () => {
    await put(adapter, 'bkt', 'x/.silt~self', 'user object');
    await put(adapter, 'bkt', 'x', 'x object');
    expect(await get(adapter, 'bkt', 'x/.silt~self')).toBe('user object');
    expect(await get(adapter, 'bkt', 'x')).toBe('x object');
  });

  it('stores unicode keys byte-exact', async () => {
    await put(adapter, 'bkt', 'ключ/日本語/😀', 'u');
    expect(readFileSync(join(bucketDir(), 'ключ/日本語/😀'), 'utf8')).toBe('u');
  });

  it('removes directories a delete leaves empty, but never the bucket directory', async () => {
    await put(adapter, 'bkt', 'p/q/r/s', 's');
    await put(adapter, 'bkt', 'p/other', 'o');
    await adapter.delete('bkt', 'p/q/r/s');
    expect(readdirSync(join(bucketDir(), 'p'))).toEqual(['other']);
    await adapter.delete('bkt', 'p/other');
    expect(readdirSync(bucketDir())).toEqual([]);
    expect(await adapter.delete('bkt', 'p/other')).toBe(false);
  });

  it('deletes only the expected version when asked', async () => {
    const v1 = await put(adapter, 'bkt', 'k', 'one');
    const v2 = await put(adapter, 'bkt', 'k', 'two');
    expect(v2.version).not.toBe(v1.version);
    expect(await adapter.delete('bkt', 'k', v1.version)).toBe(false);
    expect(await get(adapter, 'bkt', 'k')).toBe('two');
    expect(await adapter.delete('bkt', 'k', v2.version)).toBe(true);
  });

  it('answers NoSuchKey for a missing object, a directory, or a path under a file', async () => {
    await put(adapter, 'bkt', 'f', 'x');
    await put(adapter, 'bkt', 'd/e', 'x');
    expect(await codeOf(adapter.openRead('bkt', 'nope'))).toBe('NoSuchKey');
    expect(await codeOf(adapter.openRead('bkt', 'd'))).toBe('NoSuchKey');
    expect(await codeOf(adapter.openRead('bkt', 'f/g'))).toBe('NoSuchKey');
  });

  it('refuses writes into a missing bucket and keys that would leave the bucket', async () => {
    expect(await codeOf(adapter.beginWrite('nobkt', 'k'))).toBe('NoSuchBucket');
    expect(await codeOf(adapter.beginWrite('bkt', '../escape'))).toBe('InvalidArgument');
    expect(await codeOf(adapter.beginWrite('.silt', 'tmp/x'))).toBe('InvalidBucketName');
  });

  it('leaves nothing visible and no temp file when a staged write is aborted', async () => {
    const staged = await adapter.beginWrite('bkt', 'k');
    await staged.write(Buffer.from('partial'));
    await staged.abort();
    expect(await adapter.stat('bkt', 'k')).toBeUndefined();
    expect(readdirSync(join(root, '.silt/tmp'))).toEqual([]);
  });

  it('clears leftover temp files at start', async () => {
    writeFileSync(join(root, '.silt/tmp/leftover'), 'x');
    await new LocalUfsAdapter({ root, fsync: false }).start();
    expect(existsSync(join(root, '.silt/tmp/leftover'))).toBe(false);
  });

  it('deletes a bucket directory holding only empty directories; refuses one holding objects', async () => {
    mkdirSync(join(bucketDir(), 'empty/deeper'), { recursive: true });
    await put(adapter, 'bkt', 'k', 'x');
    expect(await codeOf(adapter.deleteDirectory('bkt'))).toBe('BucketNotEmpty');
    await adapter.delete('bkt', 'k');
    await adapter.deleteDirectory('bkt');
    expect(existsSync(bucketDir())).toBe(false);
    await adapter.deleteDirectory('bkt'); // idempotent
    await adapter.createDirectory('bkt');
    await adapter.createDirectory('bkt');
    expect(statSync(bucketDir()).isDirectory()).toBe(true);
  });

  it('lets the last of concurrent writers to a key win, whole', async () => {
    const bodies = ['a'.repeat(1000), 'b'.repeat(2000), 'c'.repeat(3000)];
    const staged = await Promise.all(bodies.map(() => adapter.beginWrite('bkt', 'race')));
    await Promise.all(staged.map((s, i) => s.write(Buffer.from(bodies[i]))));
    await Promise.all(staged.map((s) => s.commit()));
    expect(bodies).toContain(await get(adapter, 'bkt', 'race'));
    expect(readdirSync(join(root, '.silt/tmp'))).toEqual([]);
  });

  it('keeps a/b readable while concurrent writes convert it', async () => {
    await put(adapter, 'bkt', 'a/b', 'stay');
    const writes = Array.from({ length: 20 }, (_, i) => put(adapter, 'bkt', `a/b/c${i}`, String(i)));
    const reads = Array.from({ length: 20 }, () => get(adapter, 'bkt', 'a/b'));
    await Promise.all(writes);
    expect(new Set(await Promise.all(reads))).toEqual(new Set(['stay']));
  });

  it('replaces and deletes a large object whole; its old blocks are freed in the background, leaving nothing behind', async () => {
    const big = (fill: number) => Buffer.alloc(40 * 1024 * 1024, fill);
    const write = async (fill: number) => {
      const staged = await adapter.beginWrite('bkt', 'big');
      await staged.write(big(fill));
      return staged.commit();
    };
    await write(1);
    // A reader holding the old version keeps reading it whole while it is replaced.
    const reader = await adapter.openRead('bkt', 'big');
    await write(2);
    let oldBytes = 0;
    for await (const chunk of reader.read(0, -1, 1024 * 1024)) {
      expect(chunk.every((b) => b === 1)).toBe(true);
      oldBytes += chunk.length;
    }
    await reader.close();
    expect(oldBytes).toBe(40 * 1024 * 1024);
    expect(readFileSync(join(bucketDir(), 'big')).every((b) => b === 2)).toBe(true);
    expect(await adapter.delete('bkt', 'big')).toBe(true);
    expect(await adapter.stat('bkt', 'big')).toBeUndefined();
    const tmp = adapter.layout.tmpDir;
    for (let i = 0; i < 100 && readdirSync(tmp).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(tmp)).toEqual([]);
  });
});
