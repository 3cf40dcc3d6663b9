import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { envNameOf, type SiltConfig } from '../../config/src/schema';
import { DEFAULT_RESTART_POLICY, exitReason, RestartPolicy, type RestartPolicyOptions } from './restart-policy';

export type ServiceName = 'metadata' | 'ufs' | 'block-cache' | 's3-gateway';

export interface ClusterLayout {
  /** The base of every process's state: metadata/, ufs/, cache-<n>/ unless the per-service paths below are set. */
  dataDir: string;
  host: string;
  s3Port: number;
  metadataPort: number;
  ufsPort: number;
  /** One entry per block-cache worker. */
  workers: { grpcPort: number; httpPort: number; diskDir?: string; workerId?: string }[];
  /** Per-service state paths (`metadata.dataDir`, `ufs.root`); unset = under `dataDir`. */
  metadataDir?: string;
  ufsRoot?: string;
  /** Per-service listen hosts; unset = `host`. */
  metadataHost?: string;
  ufsHost?: string;
  cacheHost?: string;
  /** Extra configuration keys for every process (flat dotted keys, e.g. `cache.memory.capacity`). */
  extra?: Record<string, string | number | boolean>;
}

/**
 * The layout of `npm start`: one worker, and every port, host and directory as the configuration says (defaults,
 * SILT_CONFIG file, environment): the launcher passes each process exactly what the configuration resolved, so an
 * explicit key (e.g. SILT_UFS_ROOT) is what the service uses and `dataDir` is only the base of the unset ones.
 */
export function layoutFromConfig(config: SiltConfig): ClusterLayout {
  return {
    dataDir: resolve(config.dataDir),
    host: config['s3.host'],
    s3Port: config['s3.port'],
    metadataHost: config['metadata.host'],
    metadataPort: config['metadata.port'],
    metadataDir: resolve(config['metadata.dataDir']),
    ufsHost: config['ufs.host'],
    ufsPort: config['ufs.port'],
    ufsRoot: resolve(config['ufs.root']),
    cacheHost: config['cache.host'],
    workers: [
      {
        grpcPort: config['cache.port'],
        httpPort: config['cache.httpPort'],
        diskDir: resolve(config['cache.disk.dir']),
        workerId: config['cache.workerId'] || undefined,
      },
    ],
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
    dataDir: layout.dataDir,
    's3.host': layout.host,
    's3.port': layout.s3Port,
    'metadata.host': layout.metadataHost ?? layout.host,
    'metadata.port': layout.metadataPort,
    'metadata.dataDir': layout.metadataDir ?? join(layout.dataDir, 'metadata'),
    'ufs.host': layout.ufsHost ?? layout.host,
    'ufs.port': layout.ufsPort,
    'ufs.root': layout.ufsRoot ?? join(layout.dataDir, 'ufs'),
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
  /** The same exit, with the signal that ended the process (null when it exited by itself). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
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
    // The IPC channel closes when this process dies, even by SIGKILL: the service then stops (runServiceProcess), so a
    // dead launcher (or test runner) leaves no orphan holding the cluster's ports.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const exited = exit.then((e) => e.code);
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
  return { name: label, child, ready, exited, exit };
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

/**
 * What `npm start` turns on: a process that dies by itself (crash, OOM, `kill -9`) is started again after the
 * policy's backoff while the others keep serving (the gateway fails over to the ufs while a worker is away); a crash
 * loop ends in `onGiveUp`. Deaths the caller asked for (`kill`, `restart`, `stop`) are never restarted.
 */
export interface Supervision {
  policy?: RestartPolicyOptions;
  /** One line per death and per restart, saying which process and why (exit code or signal). */
  onEvent(message: string): void;
  /** A process died too often too fast: the caller stops the cluster and exits non-zero. */
  onGiveUp(message: string): void;
}

/**
 * Starts metadata, ufs, the workers and the gateway, in that order, each as its own process; with `supervision`, once
 * all are up, restarts any that dies by itself.
 */
export async function startCluster(
  distDir: string,
  layout: ClusterLayout,
  onLine: (service: string, line: string) => void = () => undefined,
  readyTimeoutMs = 60_000,
  supervision?: Supervision,
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
        [envNameOf('cache.host')]: layout.cacheHost ?? layout.host,
        [envNameOf('cache.port')]: String(w.grpcPort),
        [envNameOf('cache.httpPort')]: String(w.httpPort),
        [envNameOf('cache.disk.dir')]: w.diskDir ?? join(layout.dataDir, `cache-${i}`),
        [envNameOf('cache.workerId')]: w.workerId ?? `worker-${i}`,
      },
    }),
  );
  specs.set('s3-gateway', { service: 's3-gateway', env });

  const start = async (label: string) => {
    const spec = specs.get(label);
    if (!spec) throw new Error(`no such process: ${label}`);
    const p = startService(distDir, spec.service, spec.env, onLine, label);
    processes.set(label, p);
    void p.exit.then(({ code, signal }) => onDeath(label, p, code, signal));
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
    deliberate.add(p);
    p.child.kill(signal);
    await p.exited;
  };

  // Supervision: on only once the whole cluster is up (a failure to start is the caller's error, not a restart).
  let supervising = false;
  let stopping = false;
  const deliberate = new WeakSet<ManagedProcess>();
  const policies = new Map<string, RestartPolicy>();
  const pending = new Set<NodeJS.Timeout>();
  function onDeath(label: string, p: ManagedProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (!supervision || !supervising || stopping || deliberate.has(p) || processes.get(label) !== p) return;
    const policy = policies.get(label) ?? new RestartPolicy(supervision.policy ?? DEFAULT_RESTART_POLICY);
    policies.set(label, policy);
    const why = exitReason(code, signal);
    const decision = policy.onDeath();
    if (!decision.restart) {
      supervision.onGiveUp(`${label} (pid ${p.child.pid}) exited (${why}): ${policy.describe()}, a crash loop; giving up`);
      return;
    }
    supervision.onEvent(`${label} (pid ${p.child.pid}) exited (${why}); restarting it in ${decision.delayMs} ms`);
    const timer = setTimeout(() => {
      pending.delete(timer);
      if (stopping) return;
      start(label).then(
        () => supervision.onEvent(`${label} restarted (pid ${processes.get(label)?.child.pid}) after it exited (${why})`),
        () => {
          // Died before it was ready: its exit already counted as the next death. Still alive but never ready (hung):
          // end it, which counts the same way.
          const q = processes.get(label);
          if (!stopping && q && q.child.exitCode === null && q.child.signalCode === null) q.child.kill('SIGKILL');
        },
      );
    }, decision.delayMs);
    pending.add(timer);
  }

  const stop = async () => {
    stopping = true;
    for (const t of pending) clearTimeout(t);
    pending.clear();
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
  supervising = true;
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
