import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { bucketNameProblem, MAX_KEY_BYTES, validateBucketName, validateObjectKey } from './names';

const errorOf = (fn: () => unknown): S3Error | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err;
    throw err;
  }
  return undefined;
};

describe(validateBucketName.name, () => {
  const valid = [
    'abc',
    'a'.repeat(63),
    'my-bucket',
    'my.bucket.name',
    '0bucket9',
    '123',
    'a-b-c',
    'a.b-c.d',
    '192.168.5.4a', // not an IP address
    '1.2.3', // three groups only
    'xn-bucket',
    'bucket-s3alia',
    'mybucket-s3',
  ];
  it.each(valid)('accepts %j', (name) => {
    expect(bucketNameProblem(name)).toBeUndefined();
    expect(() => validateBucketName(name)).not.toThrow();
  });

  const invalid: Array<[name: string, reason: RegExp]> = [
    ['', /between 3 and 63/],
    ['ab', /between 3 and 63/],
    ['a'.repeat(64), /between 3 and 63/],
    ['MyBucket', /lowercase letters/],
    ['my_bucket', /lowercase letters/],
    ['my bucket', /lowercase letters/],
    ['bücket', /lowercase letters/],
    ['-bucket', /begin and end/],
    ['bucket-', /begin and end/],
    ['.bucket', /begin and end/],
    ['bucket.', /begin and end/],
    ['my..bucket', /adjacent periods/],
    ['foo-.bar', /hyphen next to a period/],
    ['foo.-bar', /hyphen next to a period/],
    ['192.168.5.4', /IP address/],
    ['10.0.0.1', /IP address/],
    ['999.999.999.999', /IP address/],
    ['xn--bucket', /prefix "xn--"/],
    ['sthree-bucket', /prefix "sthree-"/],
    ['sthree-configurator', /prefix "sthree-"/],
    ['amzn-s3-demo-bucket', /prefix "amzn-s3-demo-"/],
    ['bucket-s3alias', /suffix "-s3alias"/],
    ['bucket--ol-s3', /suffix "--ol-s3"/],
    ['bucket.mrap', /suffix ".mrap"/],
    ['bucket--x-s3', /suffix "--x-s3"/],
    ['bucket--table-s3', /suffix "--table-s3"/],
  ];
  it.each(invalid)('refuses %j (%s)', (name, reason) => {
    expect(bucketNameProblem(name)).toMatch(reason);
    const err = errorOf(() => validateBucketName(name));
    expect(err?.code).toBe('InvalidBucketName');
    expect(err?.message).toMatch(reason);
    expect(err?.details).toEqual({ BucketName: name });
  });
});

describe(validateObjectKey.name, () => {
  const valid: Array<[title: string, key: string]> = [
    ['a simple key', 'photos/2026/a.jpg'],
    ['double slashes', 'a//b'],
    ['a leading slash', '/a'],
    ['a trailing slash', 'a/'],
    ['only a slash', '/'],
    ['dots inside segments', 'a/.b/c../...'],
    ['three dots', '...'],
    ['spaces, plus and percent', 'a b+c%20d'],
    ['other control characters', 'a\u0001b\tc\nd\re'],
    ['unicode', '日本語/ü😀'],
    ['a replacement character', 'a\ufffdb'],
    ['1024 ASCII bytes', 'a'.repeat(1024)],
    ['1024 bytes of 2-byte characters', 'é'.repeat(512)],
    ['1024 bytes of 4-byte characters', '😀'.repeat(256)],
    ['1024 bytes mixing 3-byte characters', '日'.repeat(341) + 'a'],
  ];
  it.each(valid)('accepts %s', (_, key) => expect(() => validateObjectKey(key)).not.toThrow());

  const tooLong: Array<[title: string, key: string, bytes: number]> = [
    ['1025 ASCII bytes', 'a'.repeat(1025), 1025],
    ['1025 bytes of 2-byte characters and one ASCII', 'é'.repeat(512) + 'a', 1025],
    ['1026 bytes of 2-byte characters (513 characters)', 'é'.repeat(513), 1026],
    ['1028 bytes of 4-byte characters (257 characters, 514 UTF-16 units)', '😀'.repeat(257), 1028],
    ['1026 bytes of 3-byte characters (342 characters)', '日'.repeat(342), 1026],
  ];
  it.each(tooLong)('refuses %s with KeyTooLongError', (_, key, bytes) => {
    const err = errorOf(() => validateObjectKey(key));
    expect(err?.code).toBe('KeyTooLongError');
    expect(err?.details).toEqual({ Size: String(bytes), MaxSizeAllowed: String(MAX_KEY_BYTES) });
  });

  const unsafe: Array<[title: string, key: string, reason: RegExp]> = [
    ['an empty key', '', /empty/],
    ['"."', '.', /"\." or "\.\." path segment/],
    ['".."', '..', /path segment/],
    ['a leading ../', '../etc/passwd', /path segment/],
    ['a middle ..', 'a/../b', /path segment/],
    ['a trailing /..', 'a/..', /path segment/],
    ['a middle .', 'a/./b', /path segment/],
    ['a trailing /.', 'a/.', /path segment/],
    ['a leading ./', './a', /path segment/],
    ['.. after an empty segment', 'a//../b', /path segment/],
    ['a NUL', 'a\u0000b', /NUL/],
    ['a lone high surrogate', 'a\ud800b', /UTF-8/],
    ['a lone low surrogate', 'a\udc00b', /UTF-8/],
    ['a high surrogate at the end', 'a\ud83d', /UTF-8/],
    ['swapped surrogates', '\ude00\ud83d', /UTF-8/],
  ];
  it.each(unsafe)('refuses %s with InvalidArgument', (_, key, reason) => {
    const err = errorOf(() => validateObjectKey(key));
    expect(err?.code).toBe('InvalidArgument');
    expect(err?.message).toMatch(reason);
    expect(err?.details).toEqual({ ArgumentName: 'key', ArgumentValue: key });
  });
});
