import 'reflect-metadata';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { runServiceProcess } from '../../../libs/runtime/src/service-process';
import { createGatewayApp } from './http/gateway-app';

/**
 * The S3 gateway is stateless, so it scales by processes: the primary forks `s3.processes` workers (default one per
 * core, at most 4) that share the listening port, and reports "listening" once all of them are; SIGTERM to the
 * primary stops them all. With one process there is no fork at all.
 */
runServiceProcess('s3-gateway', async (config, log) => {
  const count = config['s3.processes'] || Math.min(availableParallelism(), 4);
  const address = `http://${config['s3.host']}:${config['s3.port']}`;

  if (count === 1 || cluster.isWorker) {
    const app = await createGatewayApp(config, log);
    await app.listen({ host: config['s3.host'], port: config['s3.port'] });
    if (cluster.isWorker) {
      // The primary went away (even by SIGKILL): never outlive it.
      process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
      process.send?.({ ready: true });
    } else {
      log.info({ address, processes: 1 }, 'listening');
    }
    return { stop: () => app.close() };
  }

  let stopping = false;
  const ready = new Set<number>();
  await new Promise<void>((resolve, reject) => {
    for (let i = 0; i < count; i++) {
      const worker = cluster.fork();
      worker.on('message', (m: { ready?: boolean }) => {
        if (m?.ready) ready.add(worker.id);
        if (ready.size === count) resolve();
      });
      worker.on('exit', (code) => {
        if (stopping) return;
        if (ready.size < count) reject(new Error(`gateway process exited with code ${code} while starting`));
        else {
          log.error({ code }, 'a gateway process exited; stopping the gateway');
          process.kill(process.pid, 'SIGTERM');
        }
      });
    }
  });
  log.info({ address, processes: count }, 'listening');
  return {
    stop: async () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (!w || w.isDead()) return resolve();
              w.once('exit', () => resolve());
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
});
