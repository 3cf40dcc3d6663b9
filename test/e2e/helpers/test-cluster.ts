import * as http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { ephemeralLayout, startCluster, type ClusterLayout, type RunningCluster } from '../../../libs/runtime/src/cluster-launcher';

export interface TestCluster extends RunningCluster {
  dir: string;
  /** The last log lines of every process, for failure messages. */
  logs: string[];
  client(options?: { accessKeyId?: string; forcePathStyle?: boolean }): S3Client;
  dispose(): Promise<void>;
}

/** A real cluster (separate processes from dist/, real gRPC, real files) on free ports and a temp dir. */
export async function startTestCluster(options: { workers?: number; extra?: ClusterLayout['extra'] } = {}): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'silt-e2e-'));
  const layout = await ephemeralLayout(dir, options.workers ?? 1);
  layout.extra = { 'ufs.fsync': false, ...options.extra };
  const logs: string[] = [];
  if (process.env.SILT_E2E_LOGS) logs.push = (...l: string[]) => { for (const x of l) process.stderr.write(x + "\n"); return 0; };
  const cluster = await startCluster(resolve(__dirname, '../../../dist'), layout, (service, line) => {
    logs.push(`[${service}] ${line}`);
    if (logs.length > 400) logs.splice(0, logs.length - 400);
  });
  const clients: S3Client[] = [];
  return Object.assign(cluster, {
    dir,
    logs,
    client: (o: { accessKeyId?: string; forcePathStyle?: boolean } = {}) => {
      const c = new S3Client({
        endpoint: cluster.endpoint,
        region: 'us-east-1',
        forcePathStyle: o.forcePathStyle ?? true,
        credentials: { accessKeyId: o.accessKeyId ?? 'testuser', secretAccessKey: 'secret' },
      });
      clients.push(c);
      return c;
    },
    dispose: async () => {
      for (const c of clients) c.destroy();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP with the path sent byte-exact (no URL normalisation), for requests no SDK would send. */
export function rawRequest(
  endpoint: string,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolvePromise, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers: init.headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
