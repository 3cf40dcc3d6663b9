import { S3Error } from '../errors/s3-errors';
import { createHasher, createMd5, parseContentMd5, parseRequestChecksums, type ChecksumAlgorithm } from './checksums';
import { contentSha256Mismatch, expectedContentSha256 } from './content-sha256';

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The digests a small body read whole (the XML documents: DeleteObjects, CompleteMultipartUpload, Put*Tagging,
 * CreateBucket) promises, parsed before a byte is read — a malformed x-amz-content-sha256 is InvalidArgument, a
 * malformed Content-MD5 InvalidDigest, a malformed x-amz-checksum-* InvalidRequest — and a check of the body once it
 * is in: XAmzContentSHA256Mismatch first (S3 checks the payload hash while authenticating), then BadDigest for
 * Content-MD5 or a checksum, as for PutObject. Large bodies are checked by the ufs as it writes them.
 */
export function bodyVerifier(headers: HeaderBag): (body: Uint8Array) => void {
  const contentSha256 = expectedContentSha256(headers);
  const rawMd5 = headers['content-md5'];
  const md5Header = Array.isArray(rawMd5) ? rawMd5[0] : rawMd5;
  const md5 = md5Header !== undefined ? parseContentMd5(md5Header) : undefined;
  const expected = Object.entries(parseRequestChecksums(headers).expected) as Array<[ChecksumAlgorithm, string]>;
  return (body) => {
    if (contentSha256 !== undefined) {
      const h = createHasher('SHA256');
      h.update(body);
      const computed = h.digest().toString('hex');
      if (computed !== contentSha256) throw contentSha256Mismatch(contentSha256, computed);
    }
    if (md5) {
      const h = createMd5();
      h.update(body);
      if (!md5.equals(h.digest())) throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    for (const [alg, value] of expected) {
      const h = createHasher(alg);
      h.update(body);
      if (h.digest().toString('base64') !== value) {
        throw new S3Error('BadDigest', `The ${alg} you specified did not match the calculated checksum.`);
      }
    }
  };
}
