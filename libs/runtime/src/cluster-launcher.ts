import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { envNameOf } from '../../config/src/schema';

export type ServiceName = 'metadata' | 'ufs' | 'block-cache' | 's3-gateway';

export interface ClusterLayout {
  /** Everything under here: metadata/, ufs/, cache-<n>/. */
  dataDir: string;
  host: string;
  s3Port: number;
  metadataPort: number;
  ufsPort: number;
  /** One entry per block-cache worker. */
  workers: { grpcPort: number; httpPort: number }[];
  /** Extra configuration keys for every process (flat dotted keys, e.g. `cache.memory.capacity`). */
  extra?: Record<string, string | number | boolean>;
}

/** The default layout of `npm start`: the ports of DESIGN.md, data under ./data. */
export function defaultLayout(dataDir = './data', host = '127.0.0.1'): ClusterLayout {
  return {
    dataDir: resolve(dataDir),
    host,
    s3Port: 29998,
    metadataPort: 29991,
    ufsPort: 29993,
    workers: [{ grpcPort: 29992, httpPort: 29997 }],
  };
}

/** A layout on free ephemeral ports, for tests and benchmarks that run beside a live cluster. */
export async function ephemeralLayout(dataDir: string, workers = 1): Promise<ClusterLayout> {
  const ports = await freePorts(3 + 2 * workers);
  return {
    dataDir: resolve(dataDir),
    host: '127.0.0.1',
    s3Port: ports[0],
    metadataPort: ports[1],
    ufsPort: ports[2],
    workers: Array.from({ length: workers }, (_, i) => ({ grpcPort: ports[3 + 2 * i], httpPort: ports[4 + 2 * i] })),
  };
}

export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, async () => {
      const s = createServer();
      s.listen(0, '127.0.0.1');
      await once(s, 'listening');
      return s;
    }),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** The configuration every process of the cluster shares, as environment variables. */
export function clusterEnv(layout: ClusterLayout): Record<string, string> {
  const keys: Record<string, string | number | boolean> = {
    's3.host': layout.host,
    's3.port': layout.s3Port,
    'metadata.host': layout.host,
    'metadata.port': layout.metadataPort,
    'metadata.dataDir': join(layout.dataDir, 'metadata'),
    'ufs.host': layout.host,
    'ufs.port': layout.ufsPort,
    'ufs.root': join(layout.dataDir, 'ufs'),
    ...layout.extra,
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(keys)) env[envNameOf(k)] = String(v);
  return env;
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves when the process logged that it listens. */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Node flags each service runs with (docker-compose.yml and the Dockerfile pass the same ones).
 *
 * `--initial-old-space-size` also floors V8's old-generation limit (V8 lets an embedder "skip full GCs below that
 * threshold"). The data path allocates short-lived ArrayBuffers by the GiB (socket reads, gRPC message buffers), and
 * V8 counts ArrayBuffer memory allocated since the last mark-compact against that limit; with a ~17 MB live heap the
 * limit is ~41 MB, so the ufs ran a full mark-compact every ~12 MiB streamed (68-90 per GiB, ~20% of its main
 * thread). Measured with the floor at 96 MB (1 GiB, this machine): ufs mark-compacts 0-2 per GiB; single PUT 150-160
 * MiB/s (was ~109), 4-way multipart 113-124 (was ~97). The price is memory: dead buffers wait longer for a
 * mark-compact. 80 MB is the lowest floor tried that keeps them rare (1 GiB in 8 parallel part streams, then a single
 * PUT: 48 MB -> ~100 mark-compacts in the ufs, the default's storm; 72-80 -> ~25; 96 -> ~20), and the ufs's peak RSS
 * there was 187-200 MiB at 80 against 207-228 at 96 and ~175 without. The block cache keeps V8's defaults: the floor
 * raised its peak RSS on a 1 GiB GET from ~215 to ~249 MiB, and its reads do not need it.
 */
export const SERVICE_NODE_FLAGS: Record<ServiceName, readonly string[]> = {
  metadata: [],
  ufs: ['--initial-old-space-size=80'],
  'block-cache': [],
  's3-gateway': ['--initial-old-space-size=80'],
};

const ENTRY: Record<ServiceName, string> = {
  metadata: 'apps/metadata/src/main.js',
  ufs: 'apps/ufs/src/main.js',
  'block-cache': 'apps/block-cache/src/main.js',
  's3-gateway': 'apps/s3-gateway/src/main.js',
};

/**
 * Starts one service from the built tree (`distDir`), passing its configuration in the environment. Its JSON log
 * lines go to `onLine`; `ready` resolves on the first line whose msg is "listening".
 */
export function startService(
  distDir: string,
  service: ServiceName,
  env: Record<string, string>,
  onLine: (service: string, line: string) => void = () => undefined,
  label: string = service,
): ManagedProcess {
  const extraArgs = process.env.SILT_NODE_ARGS ? process.env.SILT_NODE_ARGS.split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS[service], ...extraArgs, join(distDir, ENTRY[service])], {
    // Freed page-sized buffers go back to the OS instead of staying in glibc's arenas (measured: the worker's peak RSS
    // on a 1 GiB GET drops from ~210 to ~185 MiB).
    env: { MALLOC_MMAP_THRESHOLD_: '262144', ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const ready = new Promise<void>((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      onLine(label, line);
      if (line.includes('"msg":"listening"')) resolveReady();
    });
    createInterface({ input: child.stderr! }).on('line', (line) => onLine(label, line));
    void exited.then((code) => reject(new Error(`${label} exited with code ${code} before it was ready`)));
  });
  ready.catch(() => undefined);
  return { name: label, child, ready, exited };
}

export interface RunningCluster {
  layout: ClusterLayout;
  processes: Map<string, ManagedProcess>;
  endpoint: string;
  /** Restarts one process (by label: metadata, ufs, cache-0, …, s3-gateway) with SIGTERM or SIGKILL. */
  restart(label: string, signal?: NodeJS.Signals): Promise<void>;
  kill(label: string, signal?: NodeJS.Signals): Promise<void>;
  start(label: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts metadata, ufs, the workers and the gateway, in that order, each as its own process. */
export async function startCluster(
  distDir: string,
  layout: ClusterLayout,
  onLine: (service: string, line: string) => void = () => undefined,
  readyTimeoutMs = 60_000,
): Promise<RunningCluster> {
  const env = clusterEnv(layout);
  const processes = new Map<string, ManagedProcess>();
  const specs = new Map<string, { service: ServiceName; env: Record<string, string> }>();
  specs.set('metadata', { service: 'metadata', env });
  specs.set('ufs', { service: 'ufs', env });
  layout.workers.forEach((w, i) =>
    specs.set(`cache-${i}`, {
      service: 'block-cache',
      env: {
        ...env,
        [envNameOf('cache.host')]: layout.host,
        [envNameOf('cache.port')]: String(w.grpcPort),
        [envNameOf('cache.httpPort')]: String(w.httpPort),
        [envNameOf('cache.disk.dir')]: join(layout.dataDir, `cache-${i}`),
        [envNameOf('cache.workerId')]: `worker-${i}`,
      },
    }),
  );
  specs.set('s3-gateway', { service: 's3-gateway', env });

  const start = async (label: string) => {
    const spec = specs.get(label);
    if (!spec) throw new Error(`no such process: ${label}`);
    const p = startService(distDir, spec.service, spec.env, onLine, label);
    processes.set(label, p);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      p.ready,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label} not ready within ${readyTimeoutMs} ms`)), readyTimeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  };
  const kill = async (label: string, signal: NodeJS.Signals = 'SIGTERM') => {
    const p = processes.get(label);
    if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
    p.child.kill(signal);
    await p.exited;
  };
  const stop = async () => {
    // Gateway first (no new requests), then workers, ufs, metadata.
    const order = ['s3-gateway', ...[...processes.keys()].filter((k) => k.startsWith('cache-')), 'ufs', 'metadata'];
    for (const label of order) await kill(label);
  };

  try {
    await start('metadata');
    await start('ufs');
    await Promise.all(layout.workers.map((_, i) => start(`cache-${i}`)));
    await start('s3-gateway');
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    layout,
    processes,
    endpoint: `http://${layout.host}:${layout.s3Port}`,
    start,
    kill,
    restart: async (label, signal = 'SIGTERM') => {
      await kill(label, signal);
      await start(label);
    },
    stop,
  };
}
