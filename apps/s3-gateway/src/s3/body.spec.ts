import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { readSmallBody, uploadIdleGuard } from './body';
import type { S3Request } from './s3-request';

/** A request whose body is a stream the test writes to; `headers` as the client sent them. */
function request(headers: Record<string, string>) {
  const body = new PassThrough();
  return { req: { headers, body } as unknown as S3Request, body };
}

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof S3Error) return err.code;
    throw err;
  }
  return undefined;
};

describe(readSmallBody.name, () => {
  it('returns the body when it is within the cap, with or without Content-Length', async () => {
    const a = request({ 'content-length': '5' });
    a.body.end('hello');
    expect((await readSmallBody(a.req, 5)).toString()).toBe('hello');
    const b = request({ 'transfer-encoding': 'chunked' });
    b.body.write('hel');
    b.body.end('lo');
    expect((await readSmallBody(b.req, 5)).toString()).toBe('hello');
  });

  it('refuses a declared length over the cap before reading anything', async () => {
    const { req, body } = request({ 'content-length': '6' });
    expect(await codeOf(readSmallBody(req, 5))).toBe('MaxMessageLengthExceeded');
    expect(body.readableLength).toBe(0);
  });

  it('refuses a chunked body (no Content-Length) as soon as it passes the cap', async () => {
    const { req, body } = request({ 'transfer-encoding': 'chunked' });
    body.write(Buffer.alloc(4));
    body.write(Buffer.alloc(4)); // never ended: the cap alone decides
    expect(await codeOf(readSmallBody(req, 5))).toBe('MaxMessageLengthExceeded');
    expect(body.destroyed).toBe(false); // left for the router to answer and close
  });

  it('refuses a body longer than a lying Content-Length once it passes the cap', async () => {
    const { req, body } = request({ 'content-length': '3' });
    body.write(Buffer.alloc(8));
    expect(await codeOf(readSmallBody(req, 5))).toBe('MaxMessageLengthExceeded');
  });

  it('answers RequestTimeout when a body declaring more than it sends stalls', async () => {
    const { req, body } = request({ 'content-length': '5' });
    body.write('he');
    const started = Date.now();
    expect(await codeOf(readSmallBody(req, 5, 50))).toBe('RequestTimeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers IncompleteBody when the body ends short of Content-Length or the client goes away', async () => {
    const short = request({ 'content-length': '5' });
    short.body.end('he');
    expect(await codeOf(readSmallBody(short.req, 5))).toBe('IncompleteBody');
    const gone = request({ 'content-length': '5' });
    gone.body.write('he');
    setImmediate(() => gone.body.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    expect(await codeOf(readSmallBody(gone.req, 5))).toBe('IncompleteBody');
  });
});

describe(uploadIdleGuard.name, () => {
  const drain = async (guard: NodeJS.ReadableStream) => {
    const out: Buffer[] = [];
    for await (const c of guard) out.push(c as Buffer);
    return Buffer.concat(out).toString();
  };
  it('fails with RequestTimeout when the client stops sending before the end', async () => {
    const src = new PassThrough();
    const guard = src.pipe(uploadIdleGuard(30));
    src.write('some');
    await expect(drain(guard)).rejects.toMatchObject({ code: 'RequestTimeout' });
  });
  it('passes a body through unchanged and does not fire after it ends', async () => {
    const src = new PassThrough();
    const guard = src.pipe(uploadIdleGuard(30));
    src.write('ab');
    setTimeout(() => src.end('cd'), 10);
    expect(await drain(guard)).toBe('abcd');
    await new Promise((r) => setTimeout(r, 60));
    expect(guard.destroyed || guard.readableEnded).toBe(true);
    expect(guard.errored).toBeNull();
  });
  it('does not blame the client while downstream is not reading', async () => {
    const src = new PassThrough();
    const guard = src.pipe(uploadIdleGuard(30));
    src.end('x'.repeat(64 * 1024));
    await new Promise((r) => setTimeout(r, 80)); // nobody reads: backpressure, not a stalled client
    expect(guard.errored).toBeNull();
    expect((await drain(guard)).length).toBe(64 * 1024);
  });
});
