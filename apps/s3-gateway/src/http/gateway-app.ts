import * as http from 'node:http';
import type { Socket } from 'node:net';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import type { SiltConfig } from '../../../../libs/config/src/schema';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { GatewayModule, GatewayRuntime } from '../gateway.module';
import { newRequestId, writeError } from './s3-router';

const ALL_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'PATCH'] as const;

/** A raw S3 error on a socket whose HTTP parse failed (no request object exists to answer through). */
function clientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const e = tooLarge ? new S3Error('RequestHeaderSectionTooLarge') : new S3Error('InvalidRequest', 'The HTTP request could not be parsed.');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${e.message}</Message><RequestId>${newRequestId()}</RequestId></Error>`;
  socket.end(
    `HTTP/1.1 ${e.status} Bad Request\r\ncontent-type: application/xml\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Errors raised inside Fastify, before a request reaches the S3 router, are answered in S3 XML too. Nest owns
 * Fastify's one error handler (it installs it at init and runs global filters in it), so this is a global filter:
 * a handler of our own set with `setErrorHandler` was replaced by Nest's (JSON answers) and made Fastify warn
 * (FSTWRN004) at the start of every gateway process.
 */
@Catch()
class FrameworkErrorFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(err: Error, host: ArgumentsHost): void {
    const request = host.getArgByIndex<{ raw: http.IncomingMessage }>(0);
    const reply = host.getArgByIndex<{ raw: http.ServerResponse }>(1);
    this.log.warn({ err: err?.message }, 'framework error');
    const raw = request.raw;
    writeError(reply.raw, raw.method, newRequestId(), (raw.url ?? '/').split('?')[0], new S3Error('InvalidRequest', String(err?.message ?? err)), false);
  }
}

/**
 * The S3 facade: Nest on Fastify, with every body parser removed (bodies are streamed from the raw request) and one
 * catch-all route that hands the raw request to the S3 router. Bucket, key and query come from the raw URL.
 */
export async function createGatewayApp(config: SiltConfig, log: Logger): Promise<NestFastifyApplication> {
  const keepAlive = config['s3.keepAlive.enabled'];
  const idle = config['s3.keepAlive.idleTimeout'];
  let route: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  const adapter = new FastifyAdapter({
    // A URL fastify's router cannot decode (`/b/%zz`) still belongs to the S3 router, which answers it in S3 terms.
    frameworkErrors: (_err: Error, request: { raw: http.IncomingMessage }, reply: { hijack(): void; raw: http.ServerResponse }) => {
      reply.hijack();
      void route?.(request.raw, reply.raw);
    },
    bodyLimit: 6 * 1024 ** 3,
    exposeHeadRoutes: false,
    logger: false,
    // While closing, a request that still arrives on a busy keep-alive connection is served as any other (Fastify
    // adds `Connection: close`); Fastify's own 503 would answer it with a JSON body no S3 client can read.
    return503OnClosing: false,
    routerOptions: { maxParamLength: 64 * 1024, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false },
    serverFactory: (handler: http.RequestListener) => {
      const server = http.createServer({ maxHeaderSize: config['s3.maxHeaderSize'], requestTimeout: 0, keepAlive }, handler);
      server.keepAliveTimeout = keepAlive ? idle : 0;
      // Headers must keep arriving within the idle time (slowloris), bodies may take as long as they need.
      server.headersTimeout = Math.max(idle || 60_000, 10_000);
      server.on('clientError', clientError);
      // S3 ignores an Expect it does not know (only 100-continue means anything to it); Node would answer 417.
      // With this listener Node hands such requests on unanswered, as any other.
      server.on('checkExpectation', handler);
      return server;
    },
  } as ConstructorParameters<typeof FastifyAdapter>[0]);
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, log), adapter, {
    bodyParser: false,
    logger: false,
    abortOnError: false,
  });
  const runtime = app.get(GatewayRuntime);
  route = (req, res) => runtime.router.handle(req, res);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_req: unknown, _payload: unknown, done: (err: null) => void) => done(null));
  type Request = { raw: http.IncomingMessage };
  type Reply = { hijack(): void; raw: http.ServerResponse };
  const handler = (request: Request, reply: Reply) => {
    reply.hijack();
    return runtime.router.handle(request.raw, reply.raw);
  };
  // Every request is handed over at onRequest, before Fastify's body handling: that refuses an empty or unparseable
  // Content-Type with a 415 JSON body, while S3 treats Content-Type as object metadata only (PutObject with
  // `Content-Type:` empty is stored, `application/json` with any body too). A hijacked reply ends Fastify's lifecycle.
  fastify.addHook('onRequest', (request: Request, reply: Reply, done: () => void) => {
    void handler(request, reply);
    done();
  });
  // Methods outside these routes (PROPFIND, …) reach Nest's 404 handler, whose onRequest hooks run first and hand
  // them over too: the S3 router answers them MethodNotAllowed in S3 XML.
  fastify.route({ method: [...ALL_METHODS], url: '/', handler });
  fastify.route({ method: [...ALL_METHODS], url: '/*', handler });
  // Requests the router never sees (a framework error) still get S3 XML: see FrameworkErrorFilter.
  app.useGlobalFilters(new FrameworkErrorFilter(log));
  app.enableShutdownHooks([]);
  return app;
}
