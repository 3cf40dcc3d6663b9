import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { DigestTransform } from '../checksums/checksums';
import { S3Error } from '../errors/s3-errors';
import { type AwsChunkedMode, type AwsChunkedOptions, AwsChunkedDecoder, awsChunkedMode, stripAwsChunkedEncoding } from './aws-chunked';

const SIG1 = 'a'.repeat(64);
const SIG2 = 'b'.repeat(64);
const SIG3 = 'c'.repeat(64);

const UNSIGNED_TRAILER: AwsChunkedOptions = { signed: false, expectTrailer: true };
const SIGNED: AwsChunkedOptions = { signed: true, expectTrailer: false };
const SIGNED_TRAILER: AwsChunkedOptions = { signed: true, expectTrailer: true };

interface Decoded {
  out: Buffer;
  trailers: Record<string, string>;
  trailersEvent?: Record<string, string>;
  decoder: AwsChunkedDecoder;
}

async function decode(pieces: Buffer[], options: AwsChunkedOptions): Promise<Decoded> {
  const decoder = new AwsChunkedDecoder(options);
  let trailersEvent: Record<string, string> | undefined;
  decoder.on('trailers', (t: Record<string, string>) => (trailersEvent = { ...t }));
  const out: Buffer[] = [];
  await pipeline(Readable.from(pieces), decoder, new Writable({ write: (c: Buffer, _e, cb) => (out.push(c), cb()) }));
  return { out: Buffer.concat(out), trailers: decoder.trailers, trailersEvent, decoder };
}

const oneByteAtATime = (body: Buffer) => [...body].map((b) => Buffer.from([b]));
const splitAt = (body: Buffer, i: number) => [body.subarray(0, i), body.subarray(i)].filter((b) => b.length > 0);

async function failure(pieces: Buffer[], options: AwsChunkedOptions): Promise<S3Error> {
  try {
    await decode(pieces, options);
  } catch (err) {
    if (err instanceof S3Error) return err;
    throw err;
  }
  throw new Error('expected the decoder to fail');
}

const b = (s: string) => Buffer.from(s, 'latin1');

// Bodies as the clients send them (STACK-NOTES "Checksums"); the first is byte-identical to @aws-sdk/client-s3's.
const valid: Array<[name: string, body: Buffer, options: AwsChunkedOptions, payload: string, trailers: Record<string, string>]> = [
  ['unsigned + trailer (JS SDK, CRC32C)', b('3\r\nabc\r\n0\r\nx-amz-checksum-crc32c:Nks/tw==\r\n\r\n'), UNSIGNED_TRAILER, 'abc', { 'x-amz-checksum-crc32c': 'Nks/tw==' }],
  ['unsigned + trailer, empty object (JS SDK)', b('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'), { ...UNSIGNED_TRAILER, decodedContentLength: 0 }, '', { 'x-amz-checksum-crc32': 'AAAAAA==' }],
  ['unsigned, several chunks, upper-case hex', b('A\r\n0123456789\r\n1\r\nx\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'), { ...UNSIGNED_TRAILER, decodedContentLength: 11 }, '0123456789x', { 'x-amz-checksum-crc32': 'AAAAAA==' }],
  ['signed', b(`5;chunk-signature=${SIG1}\r\nhello\r\n0;chunk-signature=${SIG2}\r\n\r\n`), { ...SIGNED, decodedContentLength: 5 }, 'hello', {}],
  ['signed + trailer', b(`5;chunk-signature=${SIG1}\r\nhello\r\n0;chunk-signature=${SIG2}\r\nx-amz-checksum-crc32:NhCmhg==\r\nx-amz-trailer-signature:${SIG3}\r\n\r\n`), SIGNED_TRAILER, 'hello', { 'x-amz-checksum-crc32': 'NhCmhg==' }],
  ['trailer names lower-cased, values trimmed', b('1\r\nz\r\n0\r\nX-Amz-Checksum-CRC32: AAAAAA== \r\n\r\n'), UNSIGNED_TRAILER, 'z', { 'x-amz-checksum-crc32': 'AAAAAA==' }],
  ['unknown chunk extensions ignored', b('1;foo=bar\r\nz\r\n0\r\n\r\n'), { signed: false, expectTrailer: false }, 'z', {}],
  ['final empty line absent at EOF after a complete trailer', b('1\r\nz\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n'), UNSIGNED_TRAILER, 'z', { 'x-amz-checksum-crc32': 'AAAAAA==' }],
  ['final empty line absent at EOF, no trailer', b(`1;chunk-signature=${SIG1}\r\nz\r\n0;chunk-signature=${SIG2}\r\n`), SIGNED, 'z', {}],
];

describe(AwsChunkedDecoder.name, () => {
  describe.each(valid)('%s', (_, body, options, payload, trailers) => {
    it('decodes in one piece', async () => {
      const d = await decode([body], options);
      expect(d.out.toString('latin1')).toBe(payload);
      expect(d.trailers).toEqual(trailers);
      expect(d.trailersEvent).toEqual(trailers);
      expect(d.decoder.decodedBytes).toBe(payload.length);
    });
    it('decodes fed one byte at a time', async () => {
      const d = await decode(oneByteAtATime(body), options);
      expect([d.out.toString('latin1'), d.trailers]).toEqual([payload, trailers]);
    });
    it('decodes split at every byte position', async () => {
      for (let i = 1; i < body.length; i++) {
        const d = await decode(splitAt(body, i), options);
        expect([i, d.out.toString('latin1'), d.trailers]).toEqual([i, payload, trailers]);
      }
    });
  });

  it('decodes the JS SDK two-chunk body byte-exactly and forwards payload without copying whole chunks', async () => {
    const data = Buffer.alloc(100_000, 'a');
    data.write('hello world', 5);
    // Captured from @aws-sdk/client-s3 3.1174 PutObject with a 2-piece Readable body.
    const body = Buffer.concat([b('11170\r\n'), data.subarray(0, 70_000), b('\r\n7530\r\n'), data.subarray(70_000), b('\r\n0\r\nx-amz-checksum-crc32:W+gWsA==\r\n\r\n')]);
    const pieces: Buffer[] = [];
    for (let i = 0; i < body.length; i += 1000) pieces.push(body.subarray(i, i + 1000));
    const d = await decode(pieces, { ...UNSIGNED_TRAILER, decodedContentLength: 100_000 });
    expect(d.out.equals(data)).toBe(true);
    expect(d.trailers).toEqual({ 'x-amz-checksum-crc32': 'W+gWsA==' });
    expect(d.decoder.chunkCount).toBe(3);
  });

  it('hands each chunk signature and the SHA-256 of its bytes to onChunkSignature', async () => {
    const seen: Array<[string, string | undefined]> = [];
    const trailerSigs: string[] = [];
    const body = b(`5;chunk-signature=${SIG1}\r\nhello\r\n0;chunk-signature=${SIG2}\r\nx-amz-checksum-crc32:NhCmhg==\r\nx-amz-trailer-signature:${SIG3}\r\n\r\n`);
    const d = await decode(oneByteAtATime(body), {
      ...SIGNED_TRAILER,
      onChunkSignature: (sig, hash) => seen.push([sig, hash?.toString('hex')]),
      onTrailerSignature: (sig) => trailerSigs.push(sig),
    });
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(seen).toEqual([[SIG1, sha('hello')], [SIG2, sha('')]]);
    expect(trailerSigs).toEqual([SIG3]);
    expect(d.decoder.trailerSignature).toBe(SIG3);
  });

  it('fails the stream with the error a signature hook throws', async () => {
    const body = b(`1;chunk-signature=${SIG1}\r\nz\r\n0;chunk-signature=${SIG2}\r\n\r\n`);
    const err = await failure([body], { ...SIGNED, onChunkSignature: () => { throw new S3Error('SignatureDoesNotMatch'); } });
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  const invalid: Array<[name: string, body: string, options: AwsChunkedOptions, code: string]> = [
    ['truncated in chunk data', '5\r\nhel', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['truncated in a size line', '5\r\nhello\r\n0', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['truncated before the CRLF after data', '5\r\nhello', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['truncated between CR and LF', '5\r\nhello\r', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['truncated before the last chunk', '5\r\nhello\r\n', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['truncated inside a trailer line', '1\r\nz\r\n0\r\nx-amz-checksum-crc32:AAA', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['empty body', '', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['announced trailer missing', '1\r\nz\r\n0\r\n\r\n', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['announced trailer missing at EOF', '1\r\nz\r\n0\r\n', UNSIGNED_TRAILER, 'IncompleteBody'],
    ['non-hex size', 'zz\r\nz\r\n0\r\n\r\n', SIGNED, 'InvalidRequest'],
    ['empty size', '\r\nz\r\n0\r\n\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['negative size', '-1\r\nz\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['size with a leading space', ' 1\r\nz\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['17 hex digits', '00000000000000001\r\nz\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['a chunk over 5 GiB', '140000001\r\nz\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['LF without CR in a size line', '1\nz\r\n0\r\n\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['data longer than its size', '1\r\nzz\r\n0\r\n\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['LF without CR after data', '1\r\nz\n0\r\n\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['a trailer line without a colon', '1\r\nz\r\n0\r\nnocolon\r\n\r\n', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['bytes after the final empty line', '1\r\nz\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\nextra', UNSIGNED_TRAILER, 'InvalidRequest'],
    ['a signed stream without chunk-signature', '1\r\nz\r\n0\r\n\r\n', SIGNED, 'InvalidRequest'],
    ['a chunk-signature that is not 64 hex', `1;chunk-signature=${'g'.repeat(64)}\r\nz\r\n`, SIGNED, 'InvalidRequest'],
    ['a size line longer than 4 KiB', `1;${'x'.repeat(5000)}\r\nz\r\n`, UNSIGNED_TRAILER, 'InvalidRequest'],
    ['more decoded bytes than x-amz-decoded-content-length', '5\r\nhello\r\n0\r\n\r\n', { signed: false, expectTrailer: false, decodedContentLength: 4 }, 'InvalidRequest'],
    ['fewer decoded bytes than x-amz-decoded-content-length', '5\r\nhello\r\n0\r\n\r\n', { signed: false, expectTrailer: false, decodedContentLength: 6 }, 'IncompleteBody'],
  ];
  describe.each(invalid)('rejects %s', (_, body, options, code) => {
    it(`with ${code}`, async () => expect((await failure([b(body)], options)).code).toBe(code));
    it(`with ${code} when fed one byte at a time`, async () => expect((await failure(oneByteAtATime(b(body)), options)).code).toBe(code));
  });

  it('decodes a real @aws-sdk/client-s3 PutObject body and its CRC32 trailer matches the payload', async () => {
    const payload = Buffer.alloc(300_000);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) & 0xff;
    let result: { out: Buffer; trailers: Record<string, string>; crc32: string } | undefined;
    const server = createServer((req: IncomingMessage, res) => {
      const mode = awsChunkedMode(req.headers);
      if (!mode) return res.writeHead(400).end();
      const decoder = new AwsChunkedDecoder(mode);
      const digest = new DigestTransform(['CRC32']);
      const out: Buffer[] = [];
      pipeline(req, decoder, digest, new Writable({ write: (c: Buffer, _e, cb) => (out.push(c), cb()) })).then(
        () => {
          result = { out: Buffer.concat(out), trailers: decoder.trailers, crc32: digest.checksumsBase64().CRC32 ?? '' };
          res.writeHead(200, { etag: '"x"' }).end();
        },
        () => res.writeHead(400).end(),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = new S3Client({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      });
      await client.send(new PutObjectCommand({
        Bucket: 'b', Key: 'k', ContentLength: payload.length,
        Body: Readable.from([payload.subarray(0, 100_000), payload.subarray(100_000)]),
      }));
      client.destroy();
    } finally {
      server.close();
    }
    expect(result?.out.equals(payload)).toBe(true);
    expect(result?.trailers).toEqual({ 'x-amz-checksum-crc32': result?.crc32 });
  });
});

describe(awsChunkedMode.name, () => {
  const cases: Array<[Record<string, string>, AwsChunkedMode | undefined]> = [
    [{}, undefined],
    [{ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, undefined],
    [{ 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, undefined],
    [{ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '100', 'x-amz-trailer': 'x-amz-checksum-crc32' },
      { signed: false, expectTrailer: true, decodedContentLength: 100 }],
    [{ 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '5' }, { signed: true, expectTrailer: false, decodedContentLength: 5 }],
    [{ 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-sha256' }, { signed: true, expectTrailer: true }],
    [{ 'x-amz-content-sha256': 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD' }, { signed: true, expectTrailer: false }],
    [{ 'x-amz-content-sha256': 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER' }, { signed: true, expectTrailer: true }],
    // Only a STREAMING-* payload hash announces the framing: with any other, `aws-chunked` is a label on plain bytes.
    [{ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-encoding': 'gzip, aws-chunked' }, undefined],
    [{ 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' }, undefined],
    [{ 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'content-encoding': 'aws-chunked' }, undefined],
    [{ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'gzip, aws-chunked' }, { signed: false, expectTrailer: true }],
  ];
  it.each(cases)('%j -> %j', (headers, mode) => expect(awsChunkedMode(headers)).toEqual(mode));
  it('rejects a non-numeric x-amz-decoded-content-length', () =>
    expect(() => awsChunkedMode({ 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '-1' })).toThrow(S3Error));
});

describe(stripAwsChunkedEncoding.name, () => {
  it.each([
    [undefined, undefined],
    ['aws-chunked', undefined],
    ['aws-chunked,gzip', 'gzip'],
    ['gzip, aws-chunked', 'gzip'],
    ['gzip', 'gzip'],
  ])('%j -> %j', (value, want) => expect(stripAwsChunkedEncoding(value)).toBe(want));
});
