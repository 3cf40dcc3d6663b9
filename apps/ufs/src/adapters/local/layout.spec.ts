import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { componentsToKey, encodeSegment, keyToComponents, LocalLayout, parseComponent, validateBucketDirName } from './layout';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof S3Error ? err.code : `not an S3Error: ${String(err)}`;
  }
};
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

// key -> path components under the bucket directory
const cases: Array<[key: string, components: string[]]> = [
  ['a', ['a']],
  ['a/b/c.txt', ['a', 'b', 'c.txt']],
  ['dir/', ['dir', '.silt~e~']], // folder object: base64url('') is ''
  ['/', ['.silt~e~', '.silt~e~']],
  ['a//b', ['a', '.silt~e~', 'b']],
  ['/x', ['.silt~e~', 'x']],
  ['.silt~self', [`.silt~e~${b64('.silt~self')}`]], // a user's key never meets the reserved name
  ['a/.silt~x', ['a', `.silt~e~${b64('.silt~x')}`]],
  ['.silt', ['.silt']], // only `.silt~` is reserved inside buckets
  ['.hidden/..foo/...', ['.hidden', '..foo', '...']],
  ['ключ/日本語/😀', ['ключ', '日本語', '😀']],
  ['back\\slash', ['back\\slash']], // not a separator on POSIX
  ['%2e%2e', ['%2e%2e']], // still encoded: a plain name
];

describe('local layout', () => {
  it.each(cases)('%j -> %j', (key, components) => {
    expect(keyToComponents(key)).toEqual(components);
    expect(componentsToKey(components)).toBe(key);
  });

  it.each([
    ['..', 'InvalidArgument'],
    ['.', 'InvalidArgument'],
    ['a/../b', 'InvalidArgument'],
    ['a/./b', 'InvalidArgument'],
    ['a/..', 'InvalidArgument'],
    [decodeURIComponent('%2e%2e/etc/passwd'), 'InvalidArgument'], // what `%2e%2e` decodes to at the gateway
    ['nul\u0000byte', 'InvalidArgument'],
    ['lone\ud800surrogate', 'InvalidArgument'],
    ['', 'InvalidArgument'],
  ])('refuses %j with %s', (key, code) => {
    expect(codeOf(() => keyToComponents(key))).toBe(code);
  });

  it('accepts a 255-byte segment', () => {
    expect(keyToComponents('x'.repeat(255))).toEqual(['x'.repeat(255)]);
  });

  it('explains why a key is refused', () => {
    expect(() => encodeSegment('..')).toThrow('Silt cannot store object keys with a ".." path segment.');
  });

  it('never treats reserved names as key segments', () => {
    expect(parseComponent('.silt~self')).toBeUndefined();
    expect(parseComponent('.silt~uploads')).toBeUndefined();
  });

  it('refuses bucket names that are not one plain directory, including the hidden area', () => {
    for (const bad of ['', '.silt', '.', '..', 'a/b', 'x\u0000']) expect(codeOf(() => validateBucketDirName(bad))).toBe('InvalidBucketName');
    expect(codeOf(() => validateBucketDirName('my-bucket.1'))).toBeUndefined();
  });

  it('maps objects to paths under the bucket directory, with the self form beside', () => {
    const layout = new LocalLayout('/r');
    expect(layout.objectPaths('bkt', 'a/b/c')).toEqual({
      bucketDir: join('/r', 'bkt'),
      parents: [join('/r/bkt/a'), join('/r/bkt/a/b')],
      direct: join('/r/bkt/a/b/c'),
      self: join('/r/bkt/a/b/c/.silt~self'),
    });
    expect(layout.objectPaths('bkt', 'dir/').direct).toBe(join('/r/bkt/dir/.silt~e~'));
    expect(layout.tmpDir).toBe(join('/r/.silt/tmp'));
  });

  it('puts staged parts under the hidden staging area of the mount and parses back only the paths it hands out', () => {
    const layout = new LocalLayout('/r');
    expect(layout.partFile({ uploadId: 'u_1-A', partNumber: 7 })).toBe(join('/r/.silt/staging/u_1-A/7'));
    expect(layout.stagedPathOf({ uploadId: 'u_1-A', partNumber: 10000 })).toBe('.silt/staging/u_1-A/10000');
    expect(layout.parseStagedPath('.silt/staging/u_1-A/10000')).toEqual({ uploadId: 'u_1-A', partNumber: 10000, slot: false });
    expect(layout.parseStagedPath('.silt/staging/u_1-A/slot.3')).toEqual({ uploadId: 'u_1-A', partNumber: 3, slot: true });
    for (const bad of ['.silt/staging/u/0', '.silt/staging/u/01', '.silt/staging/u/10001', '.silt/staging/../1', '.silt/staging/a.b/1',
      '.silt/staging/u/1/x', '.silt/staging/u/slot.0', '.silt/staging/u/slot.10001', '.silt/staging/u/slot1', '/.silt/staging/u/1', '.silt/tmp/1', 'bkt/key']) {
      expect(codeOf(() => layout.parseStagedPath(bad))).toBe('InvalidArgument');
    }
    for (const uploadId of ['', '..', 'a/b', 'x'.repeat(129)]) expect(codeOf(() => layout.uploadDir(uploadId))).toBe('InvalidArgument');
    expect(layout.uploadDir('x'.repeat(128))).toBe(join('/r/.silt/staging', 'x'.repeat(128)));
  });
});
