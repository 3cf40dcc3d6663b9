import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';
import { toUfsError } from './s3-errors';
import {
  backendKey,
  backendPartPath,
  markerKey,
  normalizePrefix,
  parseStagedPath,
  partObjectKey,
  siltKeyOf,
  versionOf,
} from './s3-layout';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof S3Error ? err.code : `not an S3Error: ${String(err)}`;
  }
};

describe('S3 layout: a mount is one Silt bucket, keys map to <prefix><key>', () => {
  it('normalises the prefix', () => {
    expect(normalizePrefix(undefined)).toBe('');
    expect(normalizePrefix('')).toBe('');
    expect(normalizePrefix('/')).toBe('');
    expect(normalizePrefix('a/b')).toBe('a/b/');
    expect(normalizePrefix('/a/b/')).toBe('a/b/');
    for (const bad of ['a//b', 'a/../b', './a', 'a/.']) expect(codeOf(() => normalizePrefix(bad))).toBe('InvalidArgument');
  });

  it.each([
    ['', 'k', 'k'],
    ['', 'a/b/c.txt', 'a/b/c.txt'],
    ['data/silt/', 'a/b', 'data/silt/a/b'],
    ['p/', 'dir/', 'p/dir/'], // folder objects are plain keys on S3
    ['p/', 'a//b', 'p/a//b'],
    ['p/', '.silt', 'p/.silt'], // only `.silt/` is reserved
    ['p/', 'ключ/😀', 'p/ключ/😀'],
  ])('prefix %j, key %j -> %j (and back)', (prefix, key, backend) => {
    expect(backendKey(prefix, key)).toBe(backend);
    expect(siltKeyOf(prefix, backend)).toBe(key);
  });

  it.each([
    ['', 'InvalidArgument'],
    ['..', 'InvalidArgument'],
    ['a/../b', 'InvalidArgument'],
    ['a/./b', 'InvalidArgument'],
    ['.silt/staging/x/upload.json', 'InvalidArgument'],
    ['nul\u0000byte', 'InvalidArgument'],
    ['lone\ud800surrogate', 'InvalidArgument'],
    ['x'.repeat(1025), 'KeyTooLongError'],
  ])('refuses key %j with %s', (key, code) => {
    expect(codeOf(() => backendKey('', key))).toBe(code);
  });

  it('counts the prefix in the 1024-byte key limit', () => {
    expect(backendKey('', 'x'.repeat(1024))).toHaveLength(1024);
    expect(codeOf(() => backendKey('pre/', 'x'.repeat(1021)))).toBe('KeyTooLongError');
  });

  it('lists only the mount’s addressable objects: outside the prefix, the hidden area and odd keys are left out', () => {
    expect(siltKeyOf('p/', 'q/x')).toBeUndefined();
    expect(siltKeyOf('p/', 'p/.silt/staging/u/upload.json')).toBeUndefined();
    expect(siltKeyOf('p/', 'p/a/../b')).toBeUndefined();
    expect(siltKeyOf('p/', 'p/')).toBeUndefined(); // the prefix's own folder object is not a key of the mount
  });

  it('hands out staged paths and parses back only those', () => {
    expect(markerKey('u_1-A')).toBe('.silt/staging/u_1-A/upload.json');
    expect(partObjectKey('u_1-A', 7)).toBe('.silt/staging/u_1-A/part.7');
    expect(parseStagedPath('.silt/staging/u_1-A/part.7')).toEqual({ kind: 'object', uploadId: 'u_1-A', partNumber: 7, key: '.silt/staging/u_1-A/part.7' });
    const path = backendPartPath('u', 10000, '"0123abc"');
    expect(path).toBe('.silt/staging/u/10000@0123abc');
    expect(parseStagedPath(path)).toEqual({ kind: 'part', uploadId: 'u', partNumber: 10000, etag: '0123abc' });
    expect(parseStagedPath(backendPartPath('u', 1, 'a/b@c')).kind).toBe('part'); // odd ETags are escaped
    for (const bad of ['.silt/staging/u/0@e', '.silt/staging/u/10001@e', '.silt/staging/u/part.0', '.silt/staging/../part.1', '.silt/staging/u/1', 'bkt/key', '.silt/staging/u/1@%zz']) {
      expect(codeOf(() => parseStagedPath(bad))).toBe('InvalidArgument');
    }
    expect(codeOf(() => markerKey('a/b'))).toBe('InvalidArgument');
  });

  it('versions by ETag and LastModified to the second, so HeadObject and ListObjectsV2 agree', () => {
    expect(versionOf('"abc"', new Date(1_700_000_000_999))).toBe('abc@1700000000');
    expect(versionOf('abc', new Date(1_700_000_000_000))).toBe('abc@1700000000');
    expect(versionOf('"abc"', new Date(1_700_000_001_000))).not.toBe(versionOf('"abc"', new Date(1_700_000_000_000)));
  });
});

describe('S3 errors', () => {
  const sdkError = (name: string, status: number, message = 'secret AKIAEXAMPLE wJalrXUtnFEMI') =>
    Object.assign(new Error(message), { name, Code: name, $metadata: { httpStatusCode: status } });

  it('maps SDK errors to Silt codes without echoing their messages', () => {
    const cases: Array<[unknown, string]> = [
      [sdkError('NoSuchKey', 404), 'NoSuchKey'],
      [sdkError('NotFound', 404), 'NoSuchKey'],
      [sdkError('NoSuchBucket', 404), 'NoSuchBucket'],
      [sdkError('AccessDenied', 403), 'AccessDenied'],
      [sdkError('SignatureDoesNotMatch', 403), 'AccessDenied'],
      [sdkError('InvalidAccessKeyId', 403), 'AccessDenied'],
      [sdkError('Whatever', 403), 'AccessDenied'],
      [sdkError('SlowDown', 503), 'SlowDown'],
      [sdkError('InternalError', 500), 'InternalError'],
      [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'ServiceUnavailable'],
    ];
    for (const [err, code] of cases) {
      const mapped = toUfsError(err, { bucket: 'b', key: 'k' }) as S3Error;
      expect(mapped.code).toBe(code);
      expect(`${mapped.message} ${JSON.stringify(mapped.details)} ${String(mapped.cause ?? '')}`).not.toMatch(/AKIA|wJalr|127\.0\.0\.1/);
    }
    expect((toUfsError(sdkError('Weird Code<x>', 500)) as S3Error).message).toBe("The S3 mount's storage failed (Unknown, HTTP 500).");
  });

  it('passes Silt errors through', () => {
    const e = new UfsVersionChanged('a', 'b');
    expect(toUfsError(e)).toBe(e);
    const s = new S3Error('InvalidPart');
    expect(toUfsError(s)).toBe(s);
  });
});
