import pino, { type Logger } from 'pino';
import { ConfigError, loadConfig, type SiltConfig } from '../../config/src/schema';
import { setFlowControlWindow } from '../../grpc/src/options';

export interface RunningService {
  /** Called once on SIGTERM/SIGINT; must release ports and flush state. */
  stop(): Promise<void>;
}

/**
 * The one way a Silt service process starts: load and validate the configuration (a bad key is a clear message and
 * exit code 2, not a stack trace), log as JSON lines with pino, and stop cleanly on SIGTERM/SIGINT or when the parent
 * that started it with an IPC channel goes away (exit 0).
 */
export function runServiceProcess(
  name: string,
  start: (config: SiltConfig, log: Logger) => Promise<RunningService>,
): void {
  let config: SiltConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`silt ${name}: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  setFlowControlWindow(config['grpc.flowControlWindow']);
  // Synchronous stdout: pino's default asynchronous destination flushes its queue on exit with sonic-boom's flushSync,
  // which retries a write that fails with EPIPE forever; when whoever read our stdout is gone (a SIGKILLed launcher,
  // `| head`) the "stopping" line meets EPIPE and process.exit never returns (seen: orphaned gateway processes asleep
  // in atomic-sleep under flushSync). Sync writes meet EPIPE at once, and pino then stops logging instead.
  const log = pino({ name: `silt-${name}`, level: config['log.level'] }, pino.destination({ fd: 1, sync: true }));
  let running: RunningService | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    const hardStop = setTimeout(() => {
      log.warn('did not stop within 10 s; exiting');
      process.exit(1);
    }, 10_000);
    hardStop.unref();
    Promise.resolve(running?.stop())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Started with an IPC channel (by `npm start`'s launcher, or as a forked gateway process): the parent went away, even
  // by SIGKILL, so nobody supervises this process or owns its port any more; never outlive it.
  if (process.connected) process.on('disconnect', () => shutdown('parent exited'));
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  start(config, log).then(
    (r) => {
      running = r;
    },
    (err: unknown) => {
      log.fatal({ err }, 'failed to start');
      process.exit(1);
    },
  );
}
