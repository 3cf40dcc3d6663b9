import { bodyVerifier } from '../../../../libs/s3-protocol/src/checksums/body-digests';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import type { S3Request } from './s3-request';

/** Reads a small request body (XML documents) with a hard cap; larger bodies are refused before they are buffered. */
export async function readSmallBody(req: S3Request, limit: number): Promise<Buffer> {
  const verify = bodyVerifier(req.headers); // malformed digests refused before the body is read
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new S3Error('MaxMessageLengthExceeded');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.body) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new S3Error('MaxMessageLengthExceeded');
    parts.push(chunk as Buffer);
  }
  if (req.headers['content-length'] !== undefined && size < declared) throw new S3Error('IncompleteBody');
  const body = Buffer.concat(parts);
  verify(body); // XAmzContentSHA256Mismatch / BadDigest before the document is acted on
  return body;
}
