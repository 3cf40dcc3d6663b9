/**
 * Redirect mode (`s3.redirect.enabled=true`) against a real cluster: the gateway answers GetObject with 307 to the
 * owning worker's HTTP read port; the worker serves the signed URL as the S3 answer.
 *
 * What the clients do with the 307, as observed here:
 * - @aws-sdk/client-s3 v3 does not follow it: GetObject fails (HTTP 307, an error named after the body's Code).
 * - boto3 does not follow it either: botocore's region redirector sees the 307, asks for the bucket's region
 *   (HeadBucket), re-sends the GET to the same endpoint once, gets the 307 again and raises ClientError with the
 *   code TemporaryRedirect. It never requests the Location.
 * - A client that follows redirects does: Node's fetch (undici) follows the 307 and re-sends Range; the tests
 *   below read through it, via presigned URLs (the gateway is what checks the caller, the worker checks our signature).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redirectKeyOf, signRedirect, verifyRedirect } from '../../libs/block-cache-client/src/redirect-signing';
import { rawRequest, startTestCluster, type TestCluster } from './helpers/test-cluster';

const SECRET = `e2e-${randomBytes(8).toString('hex')}`;

describe('redirect mode: GetObject answered 307 to the owning worker', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  const bucket = 'redirects';
  const big = randomBytes(3 * 1024 * 1024 + 12345); // several pages
  const small = Buffer.from('hello, redirected world\n');
  let workerOrigin: string;

  /** A presigned GET of the gateway, followed by fetch (which follows 307 and re-sends its headers). */
  async function follow(key: string, headers: Record<string, string> = {}, query: Record<string, string> = {}) {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, ...query }), { expiresIn: 300 });
    const res = await fetch(url, { headers });
    return { res, url: res.url, redirected: res.redirected, body: Buffer.from(await res.arrayBuffer()) };
  }

  /** The gateway's own answer to a GET (not followed). */
  async function firstHop(key: string, headers: Record<string, string> = {}) {
    return rawRequest(cluster.endpoint, 'GET', `/${bucket}/${key}`, { headers });
  }

  beforeAll(async () => {
    process.env.SILT_REDIRECT_SECRET = SECRET; // inherited by every process of the cluster
    cluster = await startTestCluster({
      extra: { 's3.redirect.enabled': true, 'cache.heartbeat.interval': '300ms', 'metadata.worker.timeout': '1500ms' },
    });
    s3 = cluster.client();
    workerOrigin = `http://127.0.0.1:${cluster.layout.workers[0].httpPort}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: big }));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'dir/small ü.txt',
        Body: small,
        ContentType: 'text/plain; charset=utf-8',
        CacheControl: 'max-age=60',
        Metadata: { color: 'blue', note: 'ümlaut' },
      }),
    );
  });
  afterAll(async () => {
    await cluster?.dispose();
    delete process.env.SILT_REDIRECT_SECRET;
  });

  it('answers a plain GET with 307 TemporaryRedirect to the worker read port, signed', async () => {
    const res = await firstHop('big.bin');
    expect(res.status).toBe(307);
    expect(res.body).toContain('<Code>TemporaryRedirect</Code>');
    const location = new URL(String(res.headers.location));
    expect(location.origin).toBe(workerOrigin);
    expect(location.pathname).toBe(`/v1/s3/${bucket}/big.bin`);
    const grant = verifyRedirect(redirectKeyOf({ 'metadata.host': '', 'metadata.port': 0, 'ufs.host': '', 'ufs.port': 0 }, { SILT_REDIRECT_SECRET: SECRET }).key, location.search.slice(1));
    expect(grant).toMatchObject({ sizeBytes: big.length, range: 'header' });
  });

  it('@aws-sdk/client-s3 does not follow the 307: GetObject fails with status 307', async () => {
    const err = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big.bin' })).then(
      () => undefined,
      (e: { name: string; $metadata?: { httpStatusCode?: number } }) => e,
    );
    expect(err?.$metadata?.httpStatusCode).toBe(307);
    expect(err?.name).toBe('TemporaryRedirect');
  });

  it('HEAD is not redirected', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    expect(head.ContentLength).toBe(big.length);
    const raw = await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/big.bin`);
    expect(raw.status).toBe(200);
    expect(raw.headers.location).toBeUndefined();
  });

  it('a following client gets the whole object from the worker, with the headers a proxied GET has', async () => {
    for (const key of ['big.bin', 'dir/small ü.txt']) {
      const head = await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`);
      const got = await follow(key);
      expect(got.redirected).toBe(true);
      expect(new URL(got.url).origin).toBe(workerOrigin);
      expect(got.res.status).toBe(200);
      const expected = key === 'big.bin' ? big : small;
      expect(got.body.equals(expected)).toBe(true);
      for (const name of ['etag', 'last-modified', 'content-type', 'content-length', 'accept-ranges', 'cache-control', 'x-amz-meta-color', 'x-amz-meta-note']) {
        expect([name, got.res.headers.get(name) ?? undefined]).toEqual([name, head.headers[name]]);
      }
      expect(got.res.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
      expect(got.res.headers.get('content-range')).toBeNull();
    }
  });

  it('honours Range on the worker: 206 with Content-Range, across pages, suffix and open ranges', async () => {
    const cases: Array<[string, number, number]> = [
      ['bytes=1000-2000000', 1000, 2000000],
      ['bytes=-100', big.length - 100, big.length - 1],
      ['bytes=3145000-', 3145000, big.length - 1],
      ['bytes=0-0', 0, 0],
    ];
    for (const [range, start, end] of cases) {
      const got = await follow('big.bin', { range });
      expect(got.redirected).toBe(true);
      expect(got.res.status).toBe(206);
      expect(got.res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${big.length}`);
      expect(got.res.headers.get('content-length')).toBe(String(end - start + 1));
      expect(got.body.equals(big.subarray(start, end + 1))).toBe(true);
    }
    // Unsatisfiable: answered by the gateway (416), no redirect.
    const bad = await firstHop('big.bin', { range: `bytes=${big.length}-` });
    expect(bad.status).toBe(416);
  });

  it('response-* overrides and conditionals: the worker renders the overrides; 304 stays on the gateway', async () => {
    const got = await follow('dir/small ü.txt', {}, { ResponseContentType: 'application/x-test', ResponseContentDisposition: 'attachment; filename="s.txt"' });
    expect(got.redirected).toBe(true);
    expect(got.res.headers.get('content-type')).toBe('application/x-test');
    expect(got.res.headers.get('content-disposition')).toBe('attachment; filename="s.txt"');
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
    const notModified = await firstHop('big.bin', { 'if-none-match': head.ETag! });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.location).toBeUndefined();
  });

  it('the worker refuses a tampered, expired or foreign-key URL with 403 and never redirects', async () => {
    const location = new URL(String((await firstHop('big.bin')).headers.location));
    const get = (url: string) => fetch(url, { redirect: 'manual' });

    const tampered = new URL(location);
    tampered.searchParams.set('p', `${bucket}/dir/small ü.txt`);
    const t = await get(tampered.toString());
    expect(t.status).toBe(403);
    expect(await t.text()).toContain('<Code>SignatureDoesNotMatch</Code>');

    const grant = verifyRedirect(redirectKeyOf({ 'metadata.host': '', 'metadata.port': 0, 'ufs.host': '', 'ufs.port': 0 }, { SILT_REDIRECT_SECRET: SECRET }).key, location.search.slice(1));
    const key = redirectKeyOf({ 'metadata.host': '', 'metadata.port': 0, 'ufs.host': '', 'ufs.port': 0 }, { SILT_REDIRECT_SECRET: SECRET }).key;
    const expired = await get(`${location.origin}${location.pathname}?${signRedirect(key, { ...grant, expiresAtMs: Date.now() - 5_000 })}`);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');

    const foreign = redirectKeyOf({ 'metadata.host': '', 'metadata.port': 0, 'ufs.host': '', 'ufs.port': 0 }, { SILT_REDIRECT_SECRET: 'guess' }).key;
    const f = await get(`${location.origin}${location.pathname}?${signRedirect(foreign, grant)}`);
    expect(f.status).toBe(403);

    // The genuine URL, not followed: the worker answers 200 itself (no second redirect).
    const ok = await get(location.toString());
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(big)).toBe(true);
  });

  it('boto3 does not follow the 307 (documented behaviour, checked)', async () => {
    const script = `
import json, boto3, botocore
from botocore.config import Config
c = boto3.client('s3', endpoint_url='${cluster.endpoint}', region_name='us-east-1',
                 config=Config(retries={'max_attempts': 1}, s3={'addressing_style': 'path'}))
out = {}
try:
    r = c.get_object(Bucket='${bucket}', Key='big.bin')
    out['get'] = {'ok': True, 'status': r['ResponseMetadata']['HTTPStatusCode'], 'length': len(r['Body'].read())}
except botocore.exceptions.ClientError as e:
    out['get'] = {'ok': False, 'code': e.response['Error'].get('Code'), 'status': e.response['ResponseMetadata'].get('HTTPStatusCode'),
                  'location': e.response['ResponseMetadata'].get('HTTPHeaders', {}).get('location', '')}
except Exception as e:
    out['get'] = {'ok': False, 'exception': type(e).__name__, 'message': str(e)[:200]}
h = c.head_object(Bucket='${bucket}', Key='big.bin')
out['head'] = {'status': h['ResponseMetadata']['HTTPStatusCode'], 'length': h['ContentLength']}
out['boto3'] = boto3.__version__
print(json.dumps(out))
`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        'python3',
        ['-c', script],
        {
          timeout: 60_000,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            PYENV_ROOT: process.env.PYENV_ROOT,
            PYENV_VERSION: process.env.PYENV_VERSION,
            AWS_ACCESS_KEY_ID: 'testuser',
            AWS_SECRET_ACCESS_KEY: 'secret',
            AWS_EC2_METADATA_DISABLED: 'true',
            AWS_CONFIG_FILE: join(cluster.dir, 'none'),
            AWS_SHARED_CREDENTIALS_FILE: join(cluster.dir, 'none'),
          },
        },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      ),
    );
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as {
      get: { ok: boolean; code?: string; status?: number; location?: string };
      head: { status: number; length: number };
    };
    expect(out.head).toEqual({ status: 200, length: big.length });
    expect(out.get).toMatchObject({ ok: false, code: 'TemporaryRedirect', status: 307 });
    expect(out.get.location?.startsWith(`${workerOrigin}/v1/s3/`)).toBe(true);
  });

  it('with no live worker the gateway proxies: the SDK GetObject works again', async () => {
    await cluster.kill('cache-0');
    // Every gateway process drops the worker from its ring once metadata does (worker timeout, then a ring refresh);
    // until then they still redirect to it. Several answers in a row reach every gateway process.
    let proxied = 0;
    const deadline = Date.now() + 20_000;
    while (proxied < 8 && Date.now() < deadline) {
      const raw = await firstHop('big.bin');
      proxied = raw.status === 200 ? proxied + 1 : 0;
      if (raw.status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(proxied).toBe(8);
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big.bin', Range: 'bytes=10-99' }));
    expect(res.$metadata.httpStatusCode).toBe(206);
    expect(Buffer.from(await res.Body!.transformToByteArray()).equals(big.subarray(10, 100))).toBe(true);
  });
});
