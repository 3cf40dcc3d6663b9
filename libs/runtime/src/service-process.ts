import pino, { type Logger } from 'pino';
import { ConfigError, loadConfig, type SiltConfig } from '../../config/src/schema';
import { setFlowControlWindow } from '../../grpc/src/options';

export interface RunningService {
  /** Called once on SIGTERM/SIGINT; must release ports and flush state. */
  stop(): Promise<void>;
}

/**
 * The one way a Silt service process starts: load and validate the configuration (a bad key is a clear message and
 * exit code 2, not a stack trace), log as JSON lines with pino, and stop cleanly on SIGTERM/SIGINT (exit 0).
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
  const log = pino({ name: `silt-${name}`, level: config['log.level'] });
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
