import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../../libs/config/src/schema';
import { layoutFromConfig, startCluster, type RunningCluster } from '../../../libs/runtime/src/cluster-launcher';

/**
 * `npm start`: the whole local cluster on one machine, each service its own process, every port and directory from
 * the configuration (defaults: data under ./data, `dataDir`). The launcher supervises: a process that dies is started
 * again with backoff while the others keep serving; a crash loop stops the cluster with exit code 1. Ctrl-C or SIGTERM
 * stops every process, gateway first.
 */
async function main(): Promise<void> {
  const layout = layoutFromConfig(loadConfig());
  const distDir = resolve(__dirname, '..', '..', '..');
  const show = (service: string, line: string) => {
    try {
      const entry = JSON.parse(line) as { level: number; msg: string; [k: string]: unknown };
      const { level, msg, time: _t, pid: _p, hostname: _h, name: _n, ...rest } = entry;
      const extra = Object.keys(rest).length ? ' ' + JSON.stringify(rest) : '';
      if (level >= 30) process.stdout.write(`[${service}] ${msg}${extra}\n`);
    } catch {
      process.stdout.write(`[${service}] ${line}\n`);
    }
  };
  let cluster: RunningCluster | undefined;
  let stopping = false;
  const stop = async (why: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`[cluster] ${why}: stopping every process\n`);
    await cluster?.stop();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  cluster = await startCluster(distDir, layout, show, undefined, {
    onEvent: (message) => process.stdout.write(`[cluster] ${message}\n`),
    onGiveUp: (message) => {
      process.stderr.write(`[cluster] ${message}\n`);
      void stop('crash loop', 1);
    },
  });
  for (const [label, p] of cluster.processes) process.stdout.write(`[cluster] ${label} runs as pid ${p.child.pid}\n`);
  process.stdout.write(
    `[cluster] Silt is up: S3 endpoint ${cluster.endpoint} (data in ${layout.dataDir}, ufs root ${layout.ufsRoot}). Ctrl-C stops it.\n` +
      `[cluster] try: aws --endpoint-url ${cluster.endpoint} s3 mb s3://demo\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`[cluster] ${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
