import 'reflect-metadata';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { exitReason, RestartPolicy } from '../../../libs/runtime/src/restart-policy';
import { runServiceProcess } from '../../../libs/runtime/src/service-process';
import { createGatewayApp } from './http/gateway-app';

/**
 * The S3 gateway is stateless, so it scales by processes: the primary forks `s3.processes` workers (default one per
 * core, at most 4) that share the listening port, and reports "listening" once all of them are; one that dies is
 * forked again; SIGTERM to the primary stops them all. With one process there is no fork at all.
 */
runServiceProcess('s3-gateway', async (config, log) => {
  const count = config['s3.processes'] || Math.min(availableParallelism(), 4);
  const address = `http://${config['s3.host']}:${config['s3.port']}`;

  if (count === 1 || cluster.isWorker) {
    const app = await createGatewayApp(config, log);
    await app.listen({ host: config['s3.host'], port: config['s3.port'] });
    if (cluster.isWorker) {
      // If the primary goes away (even by SIGKILL), runServiceProcess stops this process on the IPC 'disconnect'.
      process.send?.({ ready: true });
    } else {
      log.info({ address, processes: 1 }, 'listening');
    }
    return { stop: () => app.close() };
  }

  // A forked process that dies by itself is forked again after the restart policy's backoff (the others keep serving
  // on the shared port meanwhile); only a crash loop stops the gateway, and `npm start`'s supervisor restarts it then.
  let stopping = false;
  let started = false;
  const policies = new Map<number, RestartPolicy>();
  await new Promise<void>((resolve, reject) => {
    const ready = new Set<number>();
    const fork = (slot: number) => {
      const worker = cluster.fork();
      const pid = worker.process.pid;
      worker.on('message', (m: { ready?: boolean }) => {
        if (!m?.ready) return;
        if (started) log.info({ slot, workerPid: pid }, 'gateway process restarted');
        ready.add(slot);
        if (ready.size === count) resolve();
      });
      worker.on('exit', (code, signal) => {
        if (stopping) return;
        const why = exitReason(code, signal);
        if (!started) return reject(new Error(`gateway process exited (${why}) while starting`));
        const policy = policies.get(slot) ?? new RestartPolicy();
        policies.set(slot, policy);
        const decision = policy.onDeath();
        if (!decision.restart) {
          // Exit non-zero, so whoever started the gateway (npm start's supervisor, systemd, docker) sees a failure.
          log.error({ slot, workerPid: pid, exit: why }, `a gateway process exited: ${policy.describe()}, a crash loop; stopping the gateway`);
          void stopWorkers().finally(() => process.exit(1));
          return;
        }
        log.error({ slot, workerPid: pid, exit: why, restartInMs: decision.delayMs }, 'a gateway process exited; forking it again');
        setTimeout(() => {
          if (!stopping) fork(slot);
        }, decision.delayMs);
      });
      log.info({ slot, workerPid: pid }, 'gateway process forked');
    };
    for (let slot = 0; slot < count; slot++) fork(slot);
  });
  started = true;
  log.info({ address, processes: count }, 'listening');
  return { stop: stopWorkers };

  async function stopWorkers(): Promise<void> {
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
  }
});
