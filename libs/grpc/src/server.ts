import * as grpc from '@grpc/grpc-js';
import { GRPC_SERVER_OPTIONS } from './options';

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
