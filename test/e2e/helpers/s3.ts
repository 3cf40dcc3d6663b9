import { createHash } from 'node:crypto';
import { S3ServiceException } from '@aws-sdk/client-s3';

export const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/** A GetObject Body (any async iterable of bytes) as one Buffer. */
export async function bytesOf(body: unknown): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body as AsyncIterable<Uint8Array>) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** The S3 error a call must fail with: its code (SDK exception name) and HTTP status. */
export async function s3Error(p: Promise<unknown>): Promise<{ name: string; status: number }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof S3ServiceException) return { name: err.name, status: err.$metadata.httpStatusCode ?? 0 };
    throw err;
  }
  throw new Error('expected the call to fail');
}
