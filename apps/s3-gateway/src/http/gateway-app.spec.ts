import * as http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../../../libs/config/src/schema';
import { createGatewayApp } from './gateway-app';

describe(createGatewayApp.name, () => {
  const warnings: Array<{ name: string; code?: string; message: string }> = [];
  const onWarning = (w: Error & { code?: string }) => warnings.push({ name: w.name, code: w.code, message: w.message });
  let app: NestFastifyApplication;
  let dir: string;

  beforeAll(async () => {
    process.on('warning', onWarning);
    dir = mkdtempSync(join(tmpdir(), 'silt-gateway-app-'));
    // Services on ports nothing listens on: gRPC clients connect lazily, nothing here calls them.
    const config = loadConfig({ env: {}, overrides: { dataDir: dir, 'metadata.port': 1, 'ufs.port': 2 } });
    app = await createGatewayApp(config, pino({ level: 'silent' }));
    await app.init();
    // process.emitWarning delivers on the next tick.
    await new Promise((r) => setImmediate(r));
  });

  afterAll(async () => {
    process.off('warning', onWarning);
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts without Fastify warnings (one error handler: FSTWRN004 is printed by every gateway process otherwise)', () => {
    expect(warnings.filter((w) => w.name === 'FastifyWarning' || w.code?.startsWith('FST'))).toEqual([]);
  });

  it('answers an error raised inside Fastify in S3 XML, through the error handler in effect', async () => {
    const fastify = app.getHttpAdapter().getInstance() as unknown as {
      errorHandler: (err: Error, request: unknown, reply: unknown) => unknown;
    };
    const req = Object.assign(new http.IncomingMessage(null as never), { method: 'GET', url: '/b/k?x=1' });
    const res = new http.ServerResponse(req);
    const chunks: Buffer[] = [];
    let status = 0;
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((code: number, ...rest: never[]) => {
      status = code;
      return writeHead(code, ...rest);
    }) as typeof res.writeHead;
    res.write = ((c: Buffer | string) => (chunks.push(Buffer.from(c)), true)) as typeof res.write;
    res.end = ((c?: Buffer | string) => {
      if (c) chunks.push(Buffer.from(c));
      return res;
    }) as typeof res.end;
    await fastify.errorHandler(new Error('something inside the framework'), { raw: req }, { raw: res });
    const body = Buffer.concat(chunks).toString();
    expect(status).toBe(400);
    expect(body).toContain('<Code>InvalidRequest</Code>');
    expect(body).toContain('<Resource>/b/k</Resource>');
  });
});

describe('a gateway that is closing (SIGTERM, a worker re-forked)', () => {
  it('still answers requests on busy keep-alive connections in S3 terms, and closes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-gateway-app-'));
    const config = loadConfig({ env: {}, overrides: { dataDir: dir, 'metadata.port': 1, 'ufs.port': 2 } });
    const app = await createGatewayApp(config, pino({ level: 'silent' }));
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.getHttpServer().address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (c: Buffer) => (received += c.toString('latin1')));
      const ended = new Promise((r) => socket.on('close', r));
      // Request 1 keeps the connection busy: a CreateBucket whose body has not all arrived.
      socket.write('PUT /slow-bucket HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\nab');
      await new Promise((r) => setTimeout(r, 100));
      const closing = app.close();
      await new Promise((r) => setTimeout(r, 100));
      // The rest of its body (not XML: answered without any service) and request 2, pipelined behind it, both
      // arriving after the close began. Request 2 is answered by the S3 router (here: the bad versionId), not by
      // Fastify's JSON 503.
      socket.write('xyz' + 'GET /b/k?versionId=abc HTTP/1.1\r\nhost: x\r\n\r\n');
      await ended;
      await closing;
      const answers = received.split(/(?=HTTP\/1\.1 )/);
      expect(answers).toHaveLength(2);
      expect(answers[0]).toMatch(/^HTTP\/1\.1 400 /);
      expect(answers[0]).toContain('<Code>MalformedXML</Code>');
      expect(answers[1]).toMatch(/^HTTP\/1\.1 400 /);
      expect(answers[1]).toContain('<Code>InvalidArgument</Code>');
      expect(answers[1].toLowerCase()).toContain('connection: close');
    } finally {
      await app.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
