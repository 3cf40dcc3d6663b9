import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { LocalUfsAdapter } from './local-adapter';
import { EMPTY_MD5 } from './local-list';

// Keys the file system cannot name in one go (./layout.ts: `.silt~c~` chains) and directories as folder objects
// (`s3.listing.directoriesAsObjects`), against a real directory.

async function put(adapter: LocalUfsAdapter, bucket: string, key: string, body: string) {
  const staged = await adapter.beginWrite(bucket, key);
  await staged.write(Buffer.from(body));
  return staged.commit();
}

async function get(adapter: LocalUfsAdapter, bucket: string, key: string): Promise<string> {
  const reader = await adapter.openRead(bucket, key);
  try {
    const parts: Buffer[] = [];
    for await (const chunk of reader.read(0, -1, 64)) parts.push(chunk);
    return Buffer.concat(parts).toString();
  } finally {
    await reader.close();
  }
}

async function keys(adapter: LocalUfsAdapter, bucket: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for await (const e of adapter.list(bucket, prefix)) out.push(e.key);
  // The metadata index orders by bytes; the UFS listing need not.
  return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => (err instanceof S3Error ? err.code : (err as Error).name),
  );

const seg300 = 's'.repeat(300);
const emojiKey = '😀'.repeat(256); // 1,024 bytes, one segment

describe('LocalUfsAdapter: long key segments', () => {
  let root: string;
  let adapter: LocalUfsAdapter;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-long-'));
    adapter = new LocalUfsAdapter({ root, fsync: false });
    await adapter.start();
    await adapter.createDirectory('bkt');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes, reads, stats, lists and deletes keys with segments over 255 bytes', async () => {
    const all = [seg300, `p/${seg300}/leaf`, emojiKey, 'k'.repeat(1024), `${'é'.repeat(128)}`, `${seg300}/`];
    for (const key of all) await put(adapter, 'bkt', key, `body of ${key.length}`);
    for (const key of all) {
      expect(await get(adapter, 'bkt', key)).toBe(`body of ${key.length}`);
      expect((await adapter.stat('bkt', key))?.size).toBe(`body of ${key.length}`.length);
    }
    expect(await keys(adapter, 'bkt')).toEqual([...all].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(await keys(adapter, 'bkt', 's'.repeat(250))).toEqual([seg300, `${seg300}/`]);
    expect(await keys(adapter, 'bkt', `p/${'s'.repeat(260)}`)).toEqual([`p/${seg300}/leaf`]);
    for (const key of all) expect(await adapter.delete('bkt', key)).toBe(true);
    expect(await keys(adapter, 'bkt')).toEqual([]);
    expect(statSync(join(root, 'bkt')).isDirectory()).toBe(true);
  });

  it('holds a long key and keys below it together (.silt~self in the chain\'s last directory)', async () => {
    await put(adapter, 'bkt', seg300, 'parent');
    await put(adapter, 'bkt', `${seg300}/child`, 'child');
    expect(await get(adapter, 'bkt', seg300)).toBe('parent');
    expect(await keys(adapter, 'bkt')).toEqual([seg300, `${seg300}/child`]);
    await adapter.delete('bkt', `${seg300}/child`);
    expect(await get(adapter, 'bkt', seg300)).toBe('parent');
    expect(await keys(adapter, 'bkt')).toEqual([seg300]);
  });

  it('still reads files laid out by the old layout, including escaped names', async () => {
    mkdirSync(join(root, 'bkt', 'old', 'dir'), { recursive: true });
    writeFileSync(join(root, 'bkt', 'old', 'x'.repeat(255)), 'plain');
    writeFileSync(join(root, 'bkt', 'old', 'dir', '.silt~e~'), '');
    expect(await get(adapter, 'bkt', `old/${'x'.repeat(255)}`)).toBe('plain');
    expect(await keys(adapter, 'bkt')).toEqual(['old/dir/', `old/${'x'.repeat(255)}`]);
  });

  it('refuses keys whose path would pass PATH_MAX with 400 KeyTooLongError, storing nothing', async () => {
    expect(await codeOf(adapter.beginWrite('bkt', '/'.repeat(1023)))).toBe('KeyTooLongError');
  });
});

describe('LocalUfsAdapter: directories as folder objects', () => {
  let root: string;
  const make = async (directoriesAsObjects: boolean) => {
    const adapter = new LocalUfsAdapter({ root, fsync: false, singleBucket: true, directoriesAsObjects });
    await adapter.start();
    return adapter;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-dirs-'));
    // A directory filled by plain file tools, as a mounted file system is.
    mkdirSync(join(root, 'a', 'b', 'empty'), { recursive: true });
    writeFileSync(join(root, 'a', 'b', 'f.txt'), 'f');
    writeFileSync(join(root, 'top.txt'), 't');
    mkdirSync(join(root, 'real'));
    writeFileSync(join(root, 'real', '.silt~e~'), ''); // a folder object written through Silt
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists every directory as a 0-byte dir/ object once, and stats and reads it as one', async () => {
    const adapter = await make(true);
    expect(await keys(adapter, 'mnt')).toEqual(['a/', 'a/b/', 'a/b/empty/', 'a/b/f.txt', 'real/', 'top.txt']);
    expect(await keys(adapter, 'mnt', 'a/b/')).toEqual(['a/b/', 'a/b/empty/', 'a/b/f.txt']);
    const entry = (await (async () => { for await (const e of adapter.list('mnt', 'a/b/e')) return e; })())!;
    expect(entry).toMatchObject({ key: 'a/b/empty/', size: 0, version: expect.stringMatching(new RegExp(`^${EMPTY_MD5}@\\d+$`)) });
    expect(entry.lastModifiedMs).toBe(Math.floor(statSync(join(root, 'a', 'b', 'empty')).mtimeMs));
    const st = await adapter.stat('mnt', 'a/b/');
    expect(st).toMatchObject({ size: 0, version: expect.stringMatching(new RegExp(`^${EMPTY_MD5}@`)) });
    expect(await get(adapter, 'mnt', 'a/b/')).toBe('');
    expect(await adapter.stat('mnt', 'a/b')).toBeUndefined(); // the directory is `a/b/`, not `a/b`
    expect(await adapter.stat('mnt', 'top.txt/')).toBeUndefined();
  });

  it('deletes an empty directory through its folder object, keeps one that holds objects', async () => {
    const adapter = await make(true);
    expect(await adapter.delete('mnt', 'a/b/empty/')).toBe(true);
    expect(await adapter.stat('mnt', 'a/b/empty/')).toBeUndefined();
    expect(await adapter.delete('mnt', 'a/')).toBe(false);
    expect(await adapter.stat('mnt', 'a/')).toBeDefined();
  });

  it('keeps a directory that a delete leaves empty: it is still a folder object (a chain\'s pieces still go)', async () => {
    const adapter = await make(true);
    mkdirSync(join(root, 'solo'));
    writeFileSync(join(root, 'solo', 'one.txt'), '1');
    expect(await adapter.delete('mnt', 'solo/one.txt')).toBe(true);
    expect(await keys(adapter, 'mnt', 'solo')).toEqual(['solo/']);
    expect(statSync(join(root, 'solo')).isDirectory()).toBe(true); // the user's directory is left alone
    await put(adapter, 'mnt', `a/${'L'.repeat(300)}/x`, 'x');
    expect(await keys(adapter, 'mnt', 'a/L')).toEqual([`a/${'L'.repeat(300)}/`, `a/${'L'.repeat(300)}/x`]);
    await adapter.delete('mnt', `a/${'L'.repeat(300)}/x`);
    await adapter.delete('mnt', `a/${'L'.repeat(300)}/`);
    expect(await keys(adapter, 'mnt', 'a/L')).toEqual([]);
    expect(await keys(adapter, 'mnt', 'a/')).toEqual(['a/', 'a/b/', 'a/b/empty/', 'a/b/f.txt']); // no chain left over
    await put(adapter, 'mnt', 'made/', '');
    expect(await keys(adapter, 'mnt', 'made')).toEqual(['made/']);
    expect(await adapter.delete('mnt', 'made/')).toBe(true); // the folder object and its (empty) directory
    expect(await keys(adapter, 'mnt', 'made')).toEqual([]);
  });

  it('changes nothing with the flag off', async () => {
    const adapter = await make(false);
    expect(await keys(adapter, 'mnt')).toEqual(['a/b/f.txt', 'real/', 'top.txt']);
    expect(await adapter.stat('mnt', 'a/b/')).toBeUndefined();
    expect(await codeOf(adapter.openRead('mnt', 'a/b/'))).toBe('NoSuchKey');
  });
});
