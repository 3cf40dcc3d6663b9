import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  DigestTransform,
  checksumHeaderName,
  compositeChecksum,
  createHasher,
  createMd5,
  multipartEtag,
  parseContentMd5,
  parseRequestChecksums,
} from './checksums';

const errorOf = (fn: () => unknown): S3Error => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err;
    throw err;
  }
  throw new Error('expected an S3Error');
};

const digestOf = (alg: ChecksumAlgorithm, ...parts: Array<string | Buffer>) => {
  const h = createHasher(alg);
  for (const p of parts) h.update(typeof p === 'string' ? Buffer.from(p) : p);
  return h.digest();
};

describe(createHasher.name, () => {
  const vectors: Array<[ChecksumAlgorithm, string]> = [
    ['CRC32', 'cbf43926'],
    ['CRC32C', 'e3069283'],
    ['CRC64NVME', 'ae8b14860a799888'],
    ['SHA1', 'f7c3bc1d808e04732adf679965ccc34ca7ae3441'],
    ['SHA256', '15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225'],
  ];
  it.each(vectors)('%s("123456789") = %s', (alg, hex) => expect(digestOf(alg, '123456789').toString('hex')).toBe(hex));
  it.each(vectors)('%s is incremental across update() calls', (alg, hex) =>
    expect(digestOf(alg, '1', '', '2345', '6789').toString('hex')).toBe(hex));
  it.each(CHECKSUM_ALGORITHMS)('%s of nothing has the right length', (alg) =>
    expect(digestOf(alg).length).toBe({ CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 }[alg]));

  it('CRC64NVME matches @aws-sdk/crc64-nvme on random data at odd offsets', async () => {
    const data = randomBytes(1 << 20);
    const oracle = new Crc64Nvme();
    oracle.update(data);
    const want = Buffer.from(await oracle.digest());
    expect(digestOf('CRC64NVME', data.subarray(0, 3), data.subarray(3, 1001), data.subarray(1001)).equals(want)).toBe(true);
  });

  it('MD5 works', () => {
    const h = createMd5();
    h.update(Buffer.from('abc'));
    expect(h.digest().toString('hex')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });
});

describe(checksumHeaderName.name, () => {
  it('lower-cases the algorithm', () => expect(checksumHeaderName('CRC64NVME')).toBe('x-amz-checksum-crc64nvme'));
});

describe(parseRequestChecksums.name, () => {
  const crc32 = digestOf('CRC32', 'x').toString('base64');
  const sha256 = digestOf('SHA256', 'x').toString('base64');

  it('reads a value header', () =>
    expect(parseRequestChecksums({ 'x-amz-checksum-crc32': crc32, 'x-amz-sdk-checksum-algorithm': 'CRC32' })).toEqual({
      algorithms: ['CRC32'],
      expected: { CRC32: crc32 },
    }));
  it('reads the trailer name', () =>
    expect(parseRequestChecksums({ 'x-amz-trailer': 'x-amz-checksum-crc32c', 'x-amz-sdk-checksum-algorithm': 'crc32c' })).toEqual({
      algorithms: ['CRC32C'],
      expected: {},
      trailer: 'CRC32C',
    }));
  it('reads x-amz-checksum-algorithm (CreateMultipartUpload)', () =>
    expect(parseRequestChecksums({ 'x-amz-checksum-algorithm': 'SHA256' }).algorithms).toEqual(['SHA256']));
  it('returns nothing for a plain request', () => expect(parseRequestChecksums({})).toEqual({ algorithms: [], expected: {} }));
  it('ignores x-amz-checksum-mode and x-amz-checksum-type', () =>
    expect(parseRequestChecksums({ 'x-amz-checksum-mode': 'ENABLED', 'x-amz-checksum-type': 'COMPOSITE' }).algorithms).toEqual([]));

  const bad: Array<[string, Record<string, string>, string]> = [
    ['two value headers', { 'x-amz-checksum-crc32': crc32, 'x-amz-checksum-sha256': sha256 },
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.'],
    ['a value header and a trailer', { 'x-amz-checksum-crc32': crc32, 'x-amz-trailer': 'x-amz-checksum-crc32' },
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.'],
    ['a value of the wrong length', { 'x-amz-checksum-crc32': sha256 }, 'Value for x-amz-checksum-crc32 header is invalid.'],
    ['a value that is not base64', { 'x-amz-checksum-sha256': 'not base64!' }, 'Value for x-amz-checksum-sha256 header is invalid.'],
    ['unpadded base64', { 'x-amz-checksum-crc32': crc32.replace(/=+$/, '') }, 'Value for x-amz-checksum-crc32 header is invalid.'],
    ['an unknown SDK algorithm', { 'x-amz-sdk-checksum-algorithm': 'MD5', 'x-amz-checksum-crc32': crc32 },
      'Value for x-amz-sdk-checksum-algorithm header is invalid.'],
    ['an SDK algorithm with no value', { 'x-amz-sdk-checksum-algorithm': 'CRC32' },
      'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.'],
    ['an unknown trailer', { 'x-amz-trailer': 'x-amz-meta-foo' }, 'The value specified in the x-amz-trailer header is not supported'],
  ];
  it.each(bad)('rejects %s with InvalidRequest', (_, headers, message) => {
    const err = errorOf(() => parseRequestChecksums(headers));
    expect([err.code, err.message]).toEqual(['InvalidRequest', message]);
  });
});

describe(parseContentMd5.name, () => {
  const md5 = createHash('md5').update('x').digest();
  it('decodes 16 bytes', () => expect(parseContentMd5(md5.toString('base64')).equals(md5)).toBe(true));
  it.each(['', 'abc', md5.toString('hex'), Buffer.alloc(15).toString('base64'), Buffer.alloc(17).toString('base64')])(
    'rejects %j with InvalidDigest',
    (value) => expect(errorOf(() => parseContentMd5(value)).code).toBe('InvalidDigest'),
  );
});

describe(DigestTransform.name, () => {
  const run = async (t: DigestTransform, chunks: Buffer[]) => {
    const out: Buffer[] = [];
    await pipeline(
      Readable.from(chunks),
      t,
      new Writable({ write: (c: Buffer, _e, cb) => (out.push(c), cb()) }),
    );
    return Buffer.concat(out);
  };

  it('passes bytes through unchanged and digests them', async () => {
    const data = randomBytes(100_000);
    const t = new DigestTransform(['CRC32', 'SHA256']);
    const out = await run(t, [data.subarray(0, 7), data.subarray(7)]);
    expect(out.equals(data)).toBe(true);
    expect(t.size).toBe(100_000);
    expect(t.md5Hex()).toBe(createHash('md5').update(data).digest('hex'));
    expect(t.checksumsBase64()).toEqual({
      CRC32: digestOf('CRC32', data).toString('base64'),
      SHA256: createHash('sha256').update(data).digest('base64'),
    });
  });

  it('verifies matching digests', async () => {
    const t = new DigestTransform(['CRC32C']);
    await run(t, [Buffer.from('hello')]);
    expect(() => t.verify(createHash('md5').update('hello').digest(), { CRC32C: digestOf('CRC32C', 'hello').toString('base64') })).not.toThrow();
  });

  it('throws BadDigest for a Content-MD5 mismatch', async () => {
    const t = new DigestTransform();
    await run(t, [Buffer.from('hello')]);
    expect(errorOf(() => t.verify(createHash('md5').update('other').digest())).code).toBe('BadDigest');
  });

  it('throws BadDigest naming the algorithm for a checksum mismatch', async () => {
    const t = new DigestTransform(['CRC32']);
    await run(t, [Buffer.from('hello')]);
    const err = errorOf(() => t.verify(undefined, { CRC32: digestOf('CRC32', 'other').toString('base64') }));
    expect([err.code, err.status, err.message]).toEqual(['BadDigest', 400, 'The CRC32 you specified did not match the calculated checksum.']);
  });

  it('refuses to answer before the stream finished', () => expect(() => new DigestTransform().md5Hex()).toThrow());
});

describe(compositeChecksum.name, () => {
  it('is the checksum of the concatenated part digests, suffixed with the part count', () => {
    const parts = [digestOf('CRC32', 'a'), digestOf('CRC32', 'b')];
    expect(compositeChecksum('CRC32', parts)).toBe(`${digestOf('CRC32', Buffer.concat(parts)).toString('base64')}-2`);
  });
});

describe(multipartEtag.name, () => {
  it('matches S3 for two parts', () => {
    const md5 = (s: string) => createHash('md5').update(s).digest();
    const want = createHash('md5').update(Buffer.concat([md5('a'), md5('b')])).digest('hex');
    expect(multipartEtag([md5('a'), md5('b')])).toBe(`${want}-2`);
  });
});
