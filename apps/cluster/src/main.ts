import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../../libs/config/src/schema';
import { defaultLayout, startCluster, type RunningCluster } from '../../../libs/runtime/src/cluster-launcher';

/**
 * `npm start`: the whole local cluster on one machine, each service its own process, with embedded defaults
 * (data under ./data). Ctrl-C or SIGTERM stops every process, gateway first.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const layout = defaultLayout(process.env.SILT_DATA_DIR ?? './data', config['s3.host']);
  layout.s3Port = config['s3.port'];
  layout.metadataPort = config['metadata.port'];
  layout.ufsPort = config['ufs.port'];
  layout.workers = [{ grpcPort: config['cache.port'], httpPort: config['cache.httpPort'] }];
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
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`[cluster] ${signal}: stopping every process\n`);
    await cluster?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  cluster = await startCluster(distDir, layout, show);
  process.stdout.write(
    `[cluster] Silt is up: S3 endpoint ${cluster.endpoint} (data in ${join(layout.dataDir)}). Ctrl-C stops it.\n` +
      `[cluster] try: aws --endpoint-url ${cluster.endpoint} s3 mb s3://demo\n`,
  );
  for (const [label, p] of cluster.processes) {
    void p.exited.then((code) => {
      if (!stopping) {
        process.stderr.write(`[cluster] ${label} exited unexpectedly (code ${code}); stopping the cluster\n`);
        void stop('exit');
      }
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[cluster] ${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
