/**
 * Virtual-hosted-style addressing (`s3.domain`): `<bucket>.<domain>` addresses the bucket with the whole path as the
 * key, path style keeps working, and a Host that names a bucket under a domain the gateway was not given is refused
 * instead of being read as path style (which used to turn `PUT /obj.txt` into CreateBucket `obj.txt`).
 * curl --resolve, the JS SDK (forcePathStyle: false) and boto3 (addressing_style='virtual', python/virtual_host_checks.py)
 * reach `*.s3.silt.test` at 127.0.0.1 without touching the machine's DNS or /etc/hosts.
 */
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { LookupFunction } from 'node:net';
import { GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestCluster, type TestCluster } from './helpers/test-cluster';
import { pythonChecks } from './helpers/python';

const DOMAIN = 's3.silt.test';

/** curl against `http://<host>:<port><path>`, with `<host>` resolved to 127.0.0.1 by --resolve. */
function curl(port: string, host: string, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  const args = ['-s', '--max-time', '30', '--resolve', `${host}:${port}:127.0.0.1`, '-X', method, '-w', '\n%{http_code}'];
  if (body !== undefined) args.push('--data-binary', body, '-H', 'content-type: text/plain');
  args.push(`http://${host}:${port}${path}`);
  return new Promise((done, fail) =>
    execFile('curl', args, { timeout: 40_000 }, (err, stdout) => {
      if (err) return fail(err);
      const cut = stdout.lastIndexOf('\n');
      done({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    }),
  );
}

describe('virtual-hosted-style addressing against a real cluster', () => {
  let cluster: TestCluster;
  let port: string;
  const clients: S3Client[] = [];

  beforeAll(async () => {
    cluster = await startTestCluster({ extra: { 's3.domain': `other.test, ${DOMAIN}` } });
    port = new URL(cluster.endpoint).port;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await cluster?.dispose();
  });

  const buckets = async () => ((await cluster.client().send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);

  it('serves put, get, list and delete through <bucket>.<domain> with curl --resolve', async () => {
    const host = `vhb.${DOMAIN}`;
    expect((await curl(port, host, 'PUT', '/')).status).toBe(200);
    // The misread this fixes: with the bucket in the Host, this PUT created a bucket named obj.txt.
    expect((await curl(port, host, 'PUT', '/obj.txt', 'hello')).status).toBe(200);
    expect(await buckets()).not.toContain('obj.txt');
    expect(await curl(port, host, 'GET', '/obj.txt')).toEqual({ status: 200, body: 'hello' });
    expect(await curl(port, `VHB.S3.Silt.Test`, 'GET', '/obj.txt')).toEqual({ status: 200, body: 'hello' });
    const list = await curl(port, host, 'GET', '/?list-type=2');
    expect(list.status).toBe(200);
    expect(list.body).toContain('<Name>vhb</Name>');
    expect(list.body).toContain('<Key>obj.txt</Key>');
    const missing = await curl(port, host, 'GET', '/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<Code>NoSuchKey</Code>');
    expect(missing.body).toContain('<Resource>/vhb/nope</Resource>');
    // Path style still works, on the domain itself and on the IP.
    expect(await curl(port, DOMAIN, 'GET', '/vhb/obj.txt')).toEqual({ status: 200, body: 'hello' });
    expect((await rawRequest(cluster.endpoint, 'GET', '/vhb/obj.txt')).body).toBe('hello');
    expect((await curl(port, host, 'DELETE', '/obj.txt')).status).toBe(204);
    expect((await curl(port, host, 'GET', '/obj.txt')).status).toBe(404);
    expect((await curl(port, host, 'DELETE', '/')).status).toBe(204);
    expect(await buckets()).not.toContain('vhb');
  });

  it('keeps plain hostnames path style and refuses virtual-hosted Hosts under an unconfigured domain', async () => {
    expect((await rawRequest(cluster.endpoint, 'PUT', '/plain', { headers: { host: 'gateway-1.internal' } })).status).toBe(200);
    expect((await rawRequest(cluster.endpoint, 'PUT', '/plain/k', { headers: { host: `silt:${port}` }, body: 'x' })).status).toBe(200);
    expect((await rawRequest(cluster.endpoint, 'GET', '/plain/k', { headers: { host: 'gateway-1.internal:29998' } })).body).toBe('x');
    for (const host of [`mybucket.localhost:${port}`, 'mybucket.s3.amazonaws.com', 'mybucket.s3.eu-west-1.amazonaws.com']) {
      const refused = await rawRequest(cluster.endpoint, 'PUT', '/obj.txt', { headers: { host } });
      expect(refused.status, host).toBe(400);
      expect(refused.body).toContain('<Code>InvalidRequest</Code>');
      expect(refused.body).toContain('s3.domain');
    }
    expect(await buckets()).not.toContain('obj.txt');
  });

  it('serves the JS SDK in virtual-hosted style', async () => {
    // The SDK's own DNS lookups of s3.silt.test names go to 127.0.0.1 (this client only).
    const lookup = ((_host: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) =>
      options?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as unknown as LookupFunction;
    const s3 = new S3Client({
      endpoint: `http://${DOMAIN}:${port}`,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: { accessKeyId: 'testuser', secretAccessKey: 'secret' },
      requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ lookup }) }),
    });
    clients.push(s3);
    const hosts: string[] = [];
    s3.middlewareStack.add((next) => async (args) => {
      hosts.push((args.request as { hostname: string }).hostname);
      return next(args);
    }, { step: 'finalizeRequest' });
    await cluster.client().send(new PutObjectCommand({ Bucket: 'plain', Key: 'a/b c+d', Body: 'sdk' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'plain', Key: 'a/b c+d' }));
    expect(await got.Body?.transformToString()).toBe('sdk');
    expect(hosts).toEqual([`plain.${DOMAIN}`]);
    await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'via-vhost', Body: 'v' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'plain' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['a/b c+d', 'k', 'via-vhost']);
  });

  it('serves boto3 with addressing_style=virtual, presigned URLs included', async () => {
    const out = await pythonChecks('virtual_host_checks.py', () => `http://${DOMAIN}:${port}`).runCase('virtual');
    expect(out.ok, out.raw).toBe(true);
  }, 120_000);
});
