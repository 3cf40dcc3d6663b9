import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { bodyVerifier } from './body-digests';
import { contentSha256Mismatch, parseContentSha256 } from './content-sha256';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

describe(parseContentSha256.name, () => {
  it.each([
    [{}, undefined],
    [{ 'x-amz-content-sha256': hex('a') }, { kind: 'sha256', hex: hex('a') }],
    [{ 'x-amz-content-sha256': hex('a').toUpperCase() }, { kind: 'sha256', hex: hex('a') }],
    [{ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, { kind: 'unsigned' }],
    [{ 'x-amz-content-sha256': 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER' }, { kind: 'streaming', value: 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER' }],
  ])('%j -> %j', (headers, want) => expect(parseContentSha256(headers)).toEqual(want));

  it.each(['', 'unsigned-payload', 'STREAMING-PAYLOAD', 'a'.repeat(63), 'g'.repeat(64)])('refuses %j with InvalidArgument', (value) => {
    expect(() => parseContentSha256({ 'x-amz-content-sha256': value })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', details: { ArgumentName: 'x-amz-content-sha256', ArgumentValue: value } }),
    );
  });

  it('the mismatch carries both digests', () => {
    const err = contentSha256Mismatch('aa', 'bb');
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ code: 'XAmzContentSHA256Mismatch', status: 400, details: { ClientComputedContentSHA256: 'aa', S3ComputedContentSHA256: 'bb' } });
  });
});

describe(bodyVerifier.name, () => {
  const body = Buffer.from('<Delete/>');
  const md5 = (s: string) => createHash('md5').update(s).digest('base64');

  it('passes a body matching every digest sent', () => {
    expect(() => bodyVerifier({ 'x-amz-content-sha256': hex('<Delete/>'), 'content-md5': md5('<Delete/>') })(body)).not.toThrow();
    expect(() => bodyVerifier({})(body)).not.toThrow();
  });

  it('refuses malformed values before the body is read', () => {
    expect(() => bodyVerifier({ 'x-amz-content-sha256': 'nope' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(() => bodyVerifier({ 'content-md5': 'short' })).toThrow(expect.objectContaining({ code: 'InvalidDigest' }));
    expect(() => bodyVerifier({ 'x-amz-checksum-crc32': '!' })).toThrow(expect.objectContaining({ code: 'InvalidRequest' }));
  });

  it('answers XAmzContentSHA256Mismatch before BadDigest, then BadDigest for Content-MD5 and checksums', () => {
    expect(() => bodyVerifier({ 'x-amz-content-sha256': hex('x'), 'content-md5': md5('x') })(body)).toThrow(
      expect.objectContaining({ code: 'XAmzContentSHA256Mismatch', details: { ClientComputedContentSHA256: hex('x'), S3ComputedContentSHA256: hex('<Delete/>') } }),
    );
    expect(() => bodyVerifier({ 'content-md5': md5('x') })(body)).toThrow(expect.objectContaining({ code: 'BadDigest' }));
    expect(() => bodyVerifier({ 'x-amz-checksum-crc32': 'AAAAAA==' })(body)).toThrow(expect.objectContaining({ code: 'BadDigest' }));
  });
});
