import * as grpc from '@grpc/grpc-js';
import type { Http2Server, ServerHttp2Session } from 'node:http2';
import { GRPC_SERVER_OPTIONS, serverFlowControlWindow } from './options';

export interface ServiceBinding {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

export interface RunningGrpcServer {
  server: grpc.Server;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Stops accepting calls, waits up to `graceMs` for calls under way, then cuts the rest. */
  stop(graceMs?: number): Promise<void>;
}

/** A plain grpc-js server (not Nest's transport: it has no backpressure on streams), bound on host:port. */
export async function startGrpcServer(host: string, port: number, services: ServiceBinding[]): Promise<RunningGrpcServer> {
  const server = new grpc.Server(GRPC_SERVER_OPTIONS);
  for (const s of services) server.addService(s.definition, s.implementation);
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
  });
  widenReceiveWindows(server, serverFlowControlWindow());
  return {
    server,
    port: bound,
    stop: (graceMs = 2_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        timer.unref();
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

/**
 * grpc-js (1.14) reads `grpc-node.flow_control_window` on the client only (grpc/grpc-node#3058, open): a server's
 * receive window stays at Node's 64 KiB per stream, so every client-streaming upload (WriteObject: PUT bodies, parts)
 * waits for a WINDOW_UPDATE per 64 KiB, each one a turn of the server's busy event loop. Measured (1 GiB, this
 * machine): a single PUT went from ~155 to ~190 MiB/s and a 4-way multipart upload from ~115 to ~130 (with 8 MiB per
 * stream; 1 and 2 MiB measured the same, and 2 MiB is what serverFlowControlWindow grants). Each new session gets
 * SETTINGS for the per-stream window and its own connection window as soon as it opens. grpc-js keeps its HTTP/2
 * servers in a private map; if that changes, this throws rather than silently falling back to 64 KiB (the spec in
 * grpc.spec.ts checks the window a client is granted).
 */
function widenReceiveWindows(server: grpc.Server, window: { connection: number; stream: number }): void {
  const servers = (server as unknown as { http2Servers?: Map<Http2Server, unknown> }).http2Servers;
  if (!(servers instanceof Map) || servers.size === 0) throw new Error('grpc-js internals changed: no http2Servers map to set the receive window on');
  for (const http2Server of servers.keys()) {
    http2Server.on('session', (session: ServerHttp2Session) => {
      try {
        session.settings({ initialWindowSize: window.stream });
        session.setLocalWindowSize(window.connection);
      } catch {
        // A peer that connected and dropped at once: both calls throw on a destroyed session; grpc-js cleans it up.
      }
    });
  }
}
