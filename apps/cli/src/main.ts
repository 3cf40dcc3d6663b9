import { runCli } from './cli';

/**
 * The `silt` command (bin/silt.js requires this file from dist/). Exit codes: 0 done, 1 failed, 2 bad usage.
 * gRPC channels are closed when a command ends; if anything still holds the event loop, the process exits anyway.
 */
process.on('SIGINT', () => {
  process.stderr.write('\nsilt: interrupted\n');
  process.exit(130);
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 500).unref();
  },
  (err: unknown) => {
    process.stderr.write(`silt: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
