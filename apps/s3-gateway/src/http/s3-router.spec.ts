import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../libs/config/src/schema';
import type { Operation } from '../../../../libs/s3-protocol/src/routing/routes';
import type { S3Handler } from '../s3/s3-request';
import { S3Router } from './s3-router';

// The router's own checks, before any handler runs, through a real HTTP server (raw paths, real headers).
describe(S3Router.name, () => {
  const ran: Operation[] = [];
  const ok: S3Handler = async (req) => {
    ran.push(req.op);
    req.res.writeHead(200).end();
  };
  const ops: Operation[] = ['GetObject', 'HeadObject', 'DeleteObject', 'GetObjectTagging', 'PutObjectTagging', 'GetObjectAttributes', 'GetObjectAcl'];
  const router = new S3Router(Object.fromEntries(ops.map((op) => [op, ok])), loadConfig({ env: {} }), pino({ level: 'silent' }));
  const server = http.createServer((req, res) => void router.handle(req, res));
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it.each([
    ['GET', '/b/k?versionId=3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY', {}],
    ['HEAD', '/b/k?versionId=bogus', {}],
    ['DELETE', '/b/k?versionId=bogus', {}],
    ['GET', '/b/k?tagging&versionId=bogus', {}],
    ['GET', '/b/k?attributes&versionId=bogus', { 'x-amz-object-attributes': 'ETag' }],
    ['GET', '/b/k?acl&versionId=bogus', {}],
  ] as const)('%s %s: a version id other than null is 400 InvalidArgument before any handler runs', async (method, path, headers) => {
    ran.length = 0;
    const res = await send(method, path, headers);
    expect(res.status).toBe(400);
    if (method !== 'HEAD') expect(res.body).toContain('<Code>InvalidArgument</Code><Message>Invalid version id specified</Message>');
    if (method !== 'HEAD') expect(res.body).toContain('<ArgumentName>versionId</ArgumentName>');
    expect(ran).toEqual([]);
  });

  it.each(['GET', 'HEAD', 'DELETE'])('%s with a malformed x-amz-content-sha256 is 400 InvalidArgument, before any handler runs', async (method) => {
    ran.length = 0;
    const res = await send(method, '/b/k', { 'x-amz-content-sha256': 'not-a-digest' });
    expect(res.status).toBe(400);
    if (method !== 'HEAD') expect(res.body).toContain('<ArgumentName>x-amz-content-sha256</ArgumentName>');
    expect(ran).toEqual([]);
    expect((await send(method, '/b/k', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).status).toBe(200);
  });

  it('takes versionId=null as the current object', async () => {
    ran.length = 0;
    expect((await send('GET', '/b/k?versionId=null')).status).toBe(200);
    expect((await send('GET', '/b/k?attributes&versionId=null', { 'x-amz-object-attributes': 'ETag' })).status).toBe(200);
    expect(ran).toEqual(['GetObject', 'GetObjectAttributes']);
  });
});
