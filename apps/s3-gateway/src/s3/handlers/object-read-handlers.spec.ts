import type { OutgoingHttpHeaders } from 'node:http';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { redirectKeyOf, verifyRedirect } from '../../../../../libs/block-cache-client/src/redirect-signing';
import { loadConfig } from '../../../../../libs/config/src/schema';
import type { ObjectRecord__Output } from '../../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { WorkerInfo__Output } from '../../../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import type { S3Request } from '../s3-request';
import type { GatewayServices } from '../services';
import { objectReadHandlers } from './object-read-handlers';

const record: ObjectRecord__Output = {
  bucket: 'b',
  key: 'dir/k ü',
  size: 3000,
  etag: 'abc',
  last_modified_ms: Date.UTC(2026, 0, 2, 3, 4, 5),
  content_type: 'text/plain',
  user_metadata: { color: 'blue' },
  system_metadata: { 'cache-control': 'no-cache' },
  checksums: { CRC32: 'AAAAAA==' },
  checksum_type: 'FULL_OBJECT',
  location: { mount_id: 'root', path: 'b/dir/k ü' },
  ufs_version: 'v9',
  tags: [],
  owner: 'me',
  parts_count: 0,
  storage_class: 'STANDARD',
  part_sizes: [],
  parts: [],
};
const worker: WorkerInfo__Output = { worker_id: 'w0', host: '10.0.0.7', grpc_port: 1, http_port: 29997, last_heartbeat_ms: 0, data_dir: '' };
const env = { SILT_REDIRECT_SECRET: 'unit' };

interface Sent {
  status: number;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

function setup(options: { redirect?: boolean; worker?: WorkerInfo__Output | undefined; record?: ObjectRecord__Output; config?: Record<string, unknown>; legacySecret?: boolean } = {}) {
  const saved = process.env.SILT_REDIRECT_SECRET;
  // The secret comes from s3.redirect.secret, or (legacySecret) from the older SILT_REDIRECT_SECRET variable.
  if (options.legacySecret) process.env.SILT_REDIRECT_SECRET = env.SILT_REDIRECT_SECRET;
  else delete process.env.SILT_REDIRECT_SECRET;
  const secret = options.legacySecret ? {} : { 's3.redirect.secret': env.SILT_REDIRECT_SECRET };
  const config = loadConfig({ env: {}, overrides: { 's3.redirect.enabled': options.redirect ?? true, ...secret, ...options.config } });
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
  const reads: Array<[number, number]> = [];
  const services = {
    config,
    log,
    records: { get: async () => options.record ?? record },
    reader: {
      redirectTarget: () => ('worker' in options ? options.worker : worker),
      read: async (_r: ObjectRecord__Output, start: number, end: number) => {
        reads.push([start, end]);
        return Buffer.alloc(end - start + 1);
      },
    },
  } as unknown as GatewayServices;
  const handlers = objectReadHandlers(services);
  if (saved === undefined) delete process.env.SILT_REDIRECT_SECRET;
  else process.env.SILT_REDIRECT_SECRET = saved;

  async function run(op: 'GetObject' | 'HeadObject', headers: Record<string, string> = {}, query: Record<string, string> = {}): Promise<Sent> {
    const sent: Partial<Sent> = {};
    const res = {
      writeHead(status: number, h: OutgoingHttpHeaders) {
        sent.status = status;
        sent.headers = h;
      },
      end(body?: Buffer) {
        sent.body = body;
      },
    };
    const req = {
      id: 'REQ1',
      op,
      bucket: 'b',
      key: (options.record ?? record).key,
      query: new Map(Object.entries(query)),
      headers,
      user: 'me',
      body: { method: op === 'HeadObject' ? 'HEAD' : 'GET' },
      res,
    } as unknown as S3Request;
    await handlers[op](req);
    return sent as Sent;
  }
  return { run, reads, warnings };
}

const key = redirectKeyOf({ 'metadata.host': '', 'metadata.port': 0, 'ufs.host': '', 'ufs.port': 0 }, env).key;
const grantOf = (sent: Sent) => {
  const location = new URL(String(sent.headers.location));
  return { location, grant: verifyRedirect(key, location.search.slice(1)) };
};

describe('GetObject in redirect mode', () => {
  it('answers 307 to the worker read port with a signed grant of the version and the exact object headers', async () => {
    const { run, reads } = setup();
    const head = await run('HeadObject');
    const sent = await run('GetObject');
    expect(sent.status).toBe(307);
    expect(reads).toEqual([]);
    expect(sent.headers['cache-control']).toBe('no-store');
    expect(sent.body?.toString()).toContain('<Code>TemporaryRedirect</Code>');
    const { location, grant } = grantOf(sent);
    expect(location.origin).toBe('http://10.0.0.7:29997');
    expect(location.pathname).toBe('/v1/s3/b/dir/k%20%C3%BC');
    expect(grant).toMatchObject({ mountId: 'root', path: 'b/dir/k ü', version: 'v9', sizeBytes: 3000, range: 'header' });
    // The worker adds Content-Length (and Content-Range): everything else is what HEAD (and a proxied GET) sends.
    const { 'content-length': length, ...objectHeaders } = head.headers;
    expect(length).toBe(3000);
    expect(grant.headers).toEqual(Object.fromEntries(Object.entries(objectHeaders).map(([k, v]) => [k, String(v)])));
    expect(grant.headers).toMatchObject({ etag: '"abc"', 'x-amz-meta-color': 'blue', 'cache-control': 'no-cache', 'accept-ranges': 'bytes' });
    expect(grant.expiresAtMs - Date.now()).toBeGreaterThan(50_000);
  });

  it('carries response-* overrides and checksum mode; the Range header is left to the worker', async () => {
    const { run } = setup();
    const sent = await run('GetObject', { range: 'bytes=0-9', 'x-amz-checksum-mode': 'ENABLED' }, { 'response-content-type': 'image/png' });
    expect(sent.status).toBe(307);
    const { grant } = grantOf(sent);
    expect(grant.range).toBe('header');
    expect(grant.headers).toMatchObject({ 'content-type': 'image/png', 'x-amz-checksum-crc32': 'AAAAAA==' });
  });

  it('pins the bytes of partNumber', async () => {
    const multipart = { ...record, parts_count: 2, part_sizes: [2000, 1000] };
    const { run } = setup({ record: multipart });
    expect(grantOf(await run('GetObject', {}, { partNumber: '2' })).grant.range).toEqual({ start: 2000, end: 2999 });
    const single = setup();
    expect(grantOf(await single.run('GetObject', {}, { partNumber: '1' })).grant.range).toBe('all');
  });

  it('answers here: HEAD, 304, 412, 416, empty objects, no live worker, redirects off', async () => {
    const { run, reads } = setup();
    expect((await run('HeadObject')).status).toBe(200);
    expect((await run('GetObject', { 'if-none-match': '"abc"' })).status).toBe(304);
    await expect(run('GetObject', { 'if-match': '"other"' })).rejects.toMatchObject({ code: 'PreconditionFailed' });
    await expect(run('GetObject', { range: 'bytes=5000-' })).rejects.toMatchObject({ code: 'InvalidRange' });
    expect(reads).toEqual([]);
    expect((await setup({ record: { ...record, size: 0 } }).run('GetObject')).status).toBe(200);
    const noWorker = setup({ worker: undefined });
    expect((await noWorker.run('GetObject', { range: 'bytes=1-2' })).status).toBe(206);
    expect(noWorker.reads).toEqual([[1, 2]]);
    const off = setup({ redirect: false });
    expect((await off.run('GetObject')).status).toBe(200);
    expect(off.reads).toEqual([[0, 2999]]);
  });

  it('signs with s3.redirect.secret or the legacy SILT_REDIRECT_SECRET, for s3.redirect.expiry; never logs the secret', async () => {
    const legacy = setup({ legacySecret: true });
    expect(grantOf(await legacy.run('GetObject')).grant.version).toBe('v9'); // verified with the same key
    expect(legacy.warnings).toEqual([]);
    const short = setup({ config: { 's3.redirect.expiry': '5s' } });
    const { grant } = grantOf(await short.run('GetObject'));
    expect(grant.expiresAtMs - Date.now()).toBeGreaterThan(3_000);
    expect(grant.expiresAtMs - Date.now()).toBeLessThanOrEqual(6_000);
    // No secret at all: a derived key, and one warning that names the key to set but carries no key material.
    const derived = setup({ config: { 's3.redirect.secret': '' } });
    expect((await derived.run('GetObject')).status).toBe(307);
    expect(derived.warnings).toHaveLength(1);
    expect(derived.warnings[0]).toContain('s3.redirect.secret');
    const withSecret = setup({ config: { 's3.redirect.secret': 'do-not-log-me' } });
    await withSecret.run('GetObject');
    expect(withSecret.warnings.join('')).not.toContain('do-not-log-me');
  });

  it('proxies when the signed URL would be too long (huge metadata)', async () => {
    const big = { ...record, user_metadata: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'ü'.repeat(100)])) };
    const { run, reads } = setup({ record: big });
    expect((await run('GetObject')).status).toBe(200);
    expect(reads).toHaveLength(1);
  });
});

describe('x-amz-mp-parts-count', () => {
  // S3 (GetObject/HeadObject "PartsCount"): "only returned if you specify partNumber in your request and the object
  // was uploaded as a multipart upload". Tools use HEAD ?partNumber=1 to learn the count; a plain HEAD never has it.
  const multipart = { ...record, parts_count: 3, part_sizes: [1000, 1000, 1000] };
  it('is sent with partNumber on a multipart object only', async () => {
    const { run } = setup({ record: multipart, redirect: false });
    expect((await run('HeadObject')).headers).not.toHaveProperty('x-amz-mp-parts-count');
    expect((await run('GetObject')).headers).not.toHaveProperty('x-amz-mp-parts-count');
    expect((await run('GetObject', { range: 'bytes=0-9' })).headers).not.toHaveProperty('x-amz-mp-parts-count');
    expect((await run('HeadObject', {}, { partNumber: '2' })).headers['x-amz-mp-parts-count']).toBe(3);
    expect((await run('GetObject', {}, { partNumber: '3' })).headers['x-amz-mp-parts-count']).toBe(3);
    const single = setup({ redirect: false });
    expect((await single.run('HeadObject', {}, { partNumber: '1' })).headers).not.toHaveProperty('x-amz-mp-parts-count');
  });

  it('is signed into a redirect only with partNumber', async () => {
    const { run } = setup({ record: multipart });
    expect(grantOf(await run('GetObject')).grant.headers).not.toHaveProperty('x-amz-mp-parts-count');
    expect(grantOf(await run('GetObject', {}, { partNumber: '1' })).grant.headers['x-amz-mp-parts-count']).toBe('3');
  });
});
