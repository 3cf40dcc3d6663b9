import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { VersionChangedError } from '../errors';
import { DiskTier } from '../pages/disk-tier';
import { MemoryTier } from '../pages/memory-tier';
import type { ObjectRef } from '../../../../libs/block-cache-client/src/page-math';
import { PageStore, type PageSource } from '../pages/page-store';
import { parseRangeHeader, parseReadQuery, startReadServer, type ByteRange, type RunningReadServer } from './read-server';
import { redirectKeyOf, signRedirect, type RedirectGrant } from '../../../../libs/block-cache-client/src/redirect-signing';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as S3Error).code;
  }
  return undefined;
};

describe(parseRangeHeader.name, () => {
  const cases: Array<[header: string, size: number, range: ByteRange]> = [
    ['bytes=0-0', 10, { start: 0, end: 1 }],
    ['bytes=2-5', 10, { start: 2, end: 6 }],
    ['bytes=2-100', 10, { start: 2, end: 10 }], // an end past the object is cut
    ['bytes=7-', 10, { start: 7, end: 10 }],
    ['bytes=-3', 10, { start: 7, end: 10 }],
    ['bytes=-30', 10, { start: 0, end: 10 }],
    ['bytes=10-', 10, 'unsatisfiable'],
    ['bytes=10-20', 10, 'unsatisfiable'],
    ['bytes=-0', 10, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'], // nothing to serve in a 0-byte object
    ['bytes=-5', 0, 'unsatisfiable'],
  ];
  it.each(cases)('%s of %i bytes -> %o', (header, size, range) => expect(parseRangeHeader(header, size)).toEqual(range));

  it.each(['bytes=5-1', 'bytes=-', 'bytes=0-1,3-4', 'items=0-1', 'bytes=a-b'])('refuses %s', (header) =>
    expect(codeOf(() => parseRangeHeader(header, 10))).toBe('InvalidArgument'),
  );
});

describe(parseReadQuery.name, () => {
  it('reads mount, path (decoded once, + as space), version and size', () => {
    expect(parseReadQuery('mount=root&path=b%2Fa+b%2Bc%25&version=v1&size=42')).toEqual({
      ref: { mountId: 'root', path: 'b/a b+c%', version: 'v1', sizeBytes: 42 },
      offset: 0,
      length: -1,
    });
  });

  it.each([
    'path=b%2Fk&version=v1&size=1',
    'mount=root&version=v1&size=1',
    'mount=root&path=b%2Fk&size=1',
    'mount=root&path=b%2Fk&version=v1',
    'mount=root&path=b%2Fk&version=v1&size=-1',
    'mount=root&path=b%2Fk&version=v1&size=1e3',
    'mount=root&path=b%00k&version=v1&size=1',
  ])('refuses %s', (q) => expect(codeOf(() => parseReadQuery(q))).toBe('InvalidArgument'));
});

describe('redirected GETs (/v1/s3/)', () => {
  const P = 1000;
  const data = Buffer.from(Array.from({ length: 2500 }, (_, i) => i % 251));
  const key = redirectKeyOf({ 'metadata.host': 'm', 'metadata.port': 1, 'ufs.host': 'u', 'ufs.port': 2 }, { SILT_REDIRECT_SECRET: 'k' }).key;
  let dir: string;
  let server: RunningReadServer;
  let version = 'v1';

  const source: PageSource = {
    async *read(ref: ObjectRef, offset: number, length: number) {
      if (ref.version !== version) throw new VersionChangedError('changed');
      yield data.subarray(offset, offset + length);
    },
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'silt-read-server-'));
    const disk = new DiskTier({ dir, capacityBytes: 100 * P });
    await disk.open();
    const store = new PageStore({ pageSizeBytes: P, memory: new MemoryTier(10 * P), disk, source });
    server = await startReadServer('127.0.0.1', 0, store, pino({ level: 'silent' }), { redirectKey: key });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const grant = (over: Partial<RedirectGrant> = {}): RedirectGrant => ({
    mountId: 'root',
    path: 'b/k',
    version: 'v1',
    sizeBytes: data.length,
    headers: { etag: '"e1"', 'content-type': 'text/plain', 'accept-ranges': 'bytes', 'x-amz-meta-a': 'b', 'x-amz-checksum-crc32': 'AAAAAA==' },
    range: 'header',
    expiresAtMs: Date.now() + 60_000,
    ...over,
  });

  function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, method, headers, agent: false }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on('error', reject);
      req.end();
    });
  }
  const url = (g: RedirectGrant, q = signRedirect(key, g)) => `/v1/s3/b/k?${q}`;

  it('answers the whole object with the signed headers and its length', async () => {
    const res = await get(url(grant()));
    expect(res.status).toBe(200);
    expect(res.body.equals(data)).toBe(true);
    expect(res.headers).toMatchObject({
      etag: '"e1"',
      'content-type': 'text/plain',
      'accept-ranges': 'bytes',
      'x-amz-meta-a': 'b',
      'x-amz-checksum-crc32': 'AAAAAA==',
      'content-length': String(data.length),
      server: 'Silt',
    });
    expect(res.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    expect(res.headers['content-range']).toBeUndefined();
  });

  it.each([
    ['bytes=10-1500', 10, 1500],
    ['bytes=-7', 2493, 2499],
    ['bytes=2000-', 2000, 2499],
    ['bytes=2400-99999', 2400, 2499],
  ])('honours Range %s with a 206 (and no full-object checksum)', async (range, start, end) => {
    const res = await get(url(grant()), { range });
    expect(res.status).toBe(206);
    expect(res.body.equals(data.subarray(start, end + 1))).toBe(true);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${data.length}`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.headers['x-amz-checksum-crc32']).toBeUndefined();
    expect(res.headers.etag).toBe('"e1"');
  });

  it('ignores a Range header S3 ignores, and answers 416 S3 XML to an unsatisfiable one', async () => {
    expect((await get(url(grant()), { range: 'bytes=5-2' })).status).toBe(200);
    expect((await get(url(grant()), { range: 'bytes=0-1,5-6' })).status).toBe(200);
    const res = await get(url(grant()), { range: 'bytes=2500-' });
    expect(res.status).toBe(416);
    expect(res.body.toString()).toContain('<Code>InvalidRange</Code>');
  });

  it('a range fixed by the gateway (partNumber) wins over the Range header; "all" ignores it', async () => {
    const part = await get(url(grant({ range: { start: 1000, end: 1999 } })), { range: 'bytes=0-0' });
    expect(part.status).toBe(206);
    expect(part.body.equals(data.subarray(1000, 2000))).toBe(true);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${data.length}`);
    const all = await get(url(grant({ range: 'all' })), { range: 'bytes=0-0' });
    expect(all.status).toBe(200);
    expect(all.body.length).toBe(data.length);
  });

  it('refuses tampered, expired and unsigned URLs with 403 S3 XML, and never redirects', async () => {
    const q = new URLSearchParams(signRedirect(key, grant()));
    q.set('p', 'b/other');
    const tampered = await get(`/v1/s3/b/k?${q.toString()}`);
    expect(tampered.status).toBe(403);
    expect(tampered.headers['content-type']).toBe('application/xml');
    expect(tampered.body.toString()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const expired = await get(url(grant({ expiresAtMs: Date.now() - 2_000 })));
    expect(expired.status).toBe(403);
    expect(expired.body.toString()).toContain('<Code>AccessDenied</Code>');
    const bare = await get('/v1/s3/b/k?m=root&p=b%2Fk&v=v1&s=2500');
    expect(bare.status).toBe(403);
    const head = await get(url(grant()), {}, 'HEAD');
    expect(head.status).toBe(405);
  });

  it('a version that changed is 503 ServiceUnavailable, as the gateway answers it', async () => {
    version = 'v2';
    try {
      const res = await get(url(grant({ version: 'v1-old', path: 'b/changed' })));
      expect(res.status).toBe(503);
      expect(res.body.toString()).toContain('<Code>ServiceUnavailable</Code>');
    } finally {
      version = 'v1';
    }
  });
});

describe('a worker without redirects enabled', () => {
  it('refuses /v1/s3/ with 403', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'silt-read-server-'));
    const disk = new DiskTier({ dir, capacityBytes: 0 });
    const store = new PageStore({ pageSizeBytes: 1000, memory: new MemoryTier(0), disk, source: { read: () => { throw new Error('no reads'); } } });
    const server = await startReadServer('127.0.0.1', 0, store, pino({ level: 'silent' }));
    try {
      const key = redirectKeyOf({ 'metadata.host': 'm', 'metadata.port': 1, 'ufs.host': 'u', 'ufs.port': 2 }, {}).key;
      const q = signRedirect(key, { mountId: 'root', path: 'b/k', version: 'v', sizeBytes: 1, headers: {}, range: 'header', expiresAtMs: Date.now() + 9_000 });
      const status = await new Promise<number>((resolve, reject) =>
        request({ host: '127.0.0.1', port: server.port, path: `/v1/s3/b/k?${q}`, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end(),
      );
      expect(status).toBe(403);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
