/**
 * `npm start` supervises its processes. The cluster is started the way `npm start` starts it (`node
 * dist/apps/cluster/src/main.js`), every port and directory set through configuration (SILT_* variables: ephemeral
 * ports, SILT_DATA_DIR a temp dir, and an explicit SILT_UFS_ROOT elsewhere, which must win over SILT_DATA_DIR), with
 * two forked gateway processes. While boto3 reads and writes without pause (python/supervision_workload.py, standard
 * retries on and counted), the spec SIGKILLs cache-0, metadata, ufs, the gateway primary and one forked gateway
 * process in turn, each by the PID the launcher or the gateway logged. Each must be back within seconds (its port
 * answers, the launcher or gateway logged the restart with the signal), the workload must keep completing requests,
 * no operation may fail after its retries, and every acknowledged write must read back byte-exact. SIGTERM then stops
 * everything with exit code 0. A second cluster checks the other end: a worker killed again each time it is back is a
 * crash loop, and the launcher stops everything with a message and exit code 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNameOf } from '../../libs/config/src/schema';
import { freePorts } from '../../libs/runtime/src/cluster-launcher';
import { pythonClientEnv } from './helpers/python';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/cluster/src/main.js');
const PY_DIR = resolve(__dirname, 'python');
/** How long a killed process may take to serve again (a loaded 2-core machine starts node slowly). */
const BACK_WITHIN_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lines of a child's stdout and stderr, with a way to wait for one. */
class Lines {
  readonly all: string[] = [];
  private waiters: Array<() => void> = [];
  constructor(child: ChildProcess, echo = false) {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.all.push(line);
        if (echo) process.stderr.write(line + '\n');
        for (const w of this.waiters.splice(0)) w();
      });
    }
  }
  /** The first line from index `from` on that matches, waiting up to `timeoutMs`. */
  async waitFor(re: RegExp, timeoutMs: number, from = 0): Promise<{ match: RegExpMatchArray; index: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < this.all.length; i++) {
        const m = re.exec(this.all[i]);
        if (m) return { match: m, index: i };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line matching ${re} within ${timeoutMs} ms; last lines:\n${this.all.slice(-30).join('\n')}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }
  last(re: RegExp): RegExpMatchArray | undefined {
    for (let i = this.all.length - 1; i >= 0; i--) {
      const m = re.exec(this.all[i]);
      if (m) return m;
    }
    return undefined;
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((r) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), r(true)));
    s.once('error', () => r(false));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Ports {
  s3: number;
  metadata: number;
  ufs: number;
  cache: number;
  cacheHttp: number;
}

/** `npm start` as a user runs it, configured only through SILT_* variables: ephemeral ports, data under `dir`/data. */
async function startLauncher(dir: string, extra: Record<string, string>): Promise<{ launcher: ChildProcess; out: Lines; ports: Ports }> {
  const [s3, metadata, ufs, cache, cacheHttp] = await freePorts(5);
  const env: NodeJS.ProcessEnv = {};
  // The machine's own SILT_* settings must not leak in: only what this spec sets configures the cluster.
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SILT_') || k === 'SILT_E2E_LOGS') env[k] = v;
  Object.assign(env, {
    [envNameOf('dataDir')]: join(dir, 'data'),
    [envNameOf('s3.port')]: String(s3),
    [envNameOf('metadata.port')]: String(metadata),
    [envNameOf('ufs.port')]: String(ufs),
    [envNameOf('ufs.fsync')]: 'false', // a process kill loses nothing the OS already has
    [envNameOf('cache.port')]: String(cache),
    [envNameOf('cache.httpPort')]: String(cacheHttp),
    ...extra,
  });
  const launcher = spawn(process.execPath, [MAIN], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = new Lines(launcher, !!process.env.SILT_E2E_LOGS);
  await out.waitFor(/^\[cluster\] Silt is up/, 90_000);
  return { launcher, out, ports: { s3, metadata, ufs, cache, cacheHttp } };
}

/** The pid the launcher last logged for `label` (at start, or when it restarted it). */
const pidOf = (out: Lines, label: string) =>
  Number(out.last(new RegExp(`^\\[cluster\\] ${label} (?:runs as pid|restarted \\(pid) (\\d+)`))?.[1]);

const exitOf = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

describe('npm start supervises its processes', () => {
  let dir: string;
  let launcher: ChildProcess;
  let out: Lines;
  let workload: ChildProcess;
  let wl: Lines;
  let ports: Ports;
  let ufsRoot: string;
  let dataDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'silt-e2e-npm-start-'));
    dataDir = join(dir, 'data');
    ufsRoot = join(dir, 'explicit-ufs-root');
    ({ launcher, out, ports } = await startLauncher(dir, { [envNameOf('ufs.root')]: ufsRoot, [envNameOf('s3.processes')]: '2' }));
  });

  afterAll(async () => {
    if (workload && workload.exitCode === null) workload.kill('SIGKILL');
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGTERM');
      await new Promise((r) => launcher.once('exit', r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('restarts each killed process while boto3 keeps working; SIGTERM stops all', async () => {
    // Configuration says what it does: the explicit SILT_UFS_ROOT, not SILT_DATA_DIR/ufs, is the ufs's root.
    expect(out.last(/^\[ufs\] listening .*"root":"([^"]+)"/)?.[1]).toBe(ufsRoot);
    expect(out.last(/^\[s3-gateway\] listening .*"address":"([^"]+)"/)?.[1]).toBe(`http://127.0.0.1:${ports.s3}`);

    workload = spawn('python3', [join(PY_DIR, 'supervision_workload.py'), 'mixed', `http://127.0.0.1:${ports.s3}`], {
      cwd: PY_DIR,
      env: pythonClientEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    wl = new Lines(workload, !!process.env.SILT_E2E_LOGS);
    const done = new Promise<number | null>((r) => workload.once('exit', r));
    const bucket = (await wl.waitFor(/^SILT-EVENT bucket (\S+)/, 60_000)).match[1];
    const completed = () => Number(wl.last(/^SILT-EVENT ok (\d+)/)?.[1] ?? 0);
    await wl.waitFor(/^SILT-EVENT ok (\d+)/, 60_000);

    const gatewayWorkerPid = () => Number(out.last(/^\[s3-gateway\] gateway process (?:forked|restarted) \{"slot":0,"workerPid":(\d+)/)?.[1]);
    const portsOf: Record<string, number[]> = {
      'cache-0': [ports.cache, ports.cacheHttp],
      metadata: [ports.metadata],
      ufs: [ports.ufs],
      's3-gateway': [ports.s3],
    };
    const downtimes: Record<string, number> = {};

    for (const target of ['cache-0', 'metadata', 'ufs', 's3-gateway', 'gateway-worker']) {
      const from = out.all.length;
      const before = completed();
      const started = Date.now();
      if (target === 'gateway-worker') {
        const pid = gatewayWorkerPid();
        expect(pid, 'forked gateway process pid').toBeGreaterThan(0);
        process.kill(pid, 'SIGKILL');
        await out.waitFor(new RegExp(`^\\[s3-gateway\\] a gateway process exited; forking it again \\{"slot":0,"workerPid":${pid},"exit":"signal SIGKILL"`), BACK_WITHIN_MS, from);
        const back = await out.waitFor(/^\[s3-gateway\] gateway process restarted \{"slot":0,"workerPid":(\d+)/, BACK_WITHIN_MS, from);
        expect(alive(Number(back.match[1]))).toBe(true);
        expect(out.all.slice(from).some((l) => l.startsWith('[cluster] s3-gateway (pid')), 'the gateway primary kept running').toBe(false);
      } else {
        const pid = pidOf(out, target);
        expect(pid, `${target} pid`).toBeGreaterThan(0);
        process.kill(pid, 'SIGKILL');
        await out.waitFor(new RegExp(`^\\[cluster\\] ${target} \\(pid ${pid}\\) exited \\(signal SIGKILL\\); restarting it in \\d+ ms`), BACK_WITHIN_MS, from);
        const back = await out.waitFor(new RegExp(`^\\[cluster\\] ${target} restarted \\(pid (\\d+)\\) after it exited \\(signal SIGKILL\\)`), BACK_WITHIN_MS, from);
        expect(Number(back.match[1])).not.toBe(pid);
        for (const port of portsOf[target]) expect(await portAnswers(port), `${target} port ${port}`).toBe(true);
      }
      downtimes[target] = Date.now() - started;
      // The workload keeps completing requests after the restart (and went on meanwhile, with retries at most).
      const deadline = Date.now() + BACK_WITHIN_MS;
      while (completed() < before + 20 && Date.now() < deadline) await sleep(100);
      expect(completed(), `requests completed after ${target} came back`).toBeGreaterThanOrEqual(before + 20);
      expect(launcher.exitCode, 'the launcher is still running').toBeNull();
    }

    workload.stdin!.end('stop\n');
    expect(await done).toBe(0);
    const result = JSON.parse(wl.all[wl.all.length - 1]) as {
      ok: boolean;
      result: { bucket: string; acked: number; failed: number; stats: { gets: number; puts: number; retries: number; retried_ops: number } };
    };
    expect(result.ok).toBe(true);
    expect(result.result.failed).toBe(0);
    expect(result.result.acked).toBeGreaterThan(20);
    process.stderr.write(`npm start supervision: back after (ms) ${JSON.stringify(downtimes)}; workload ${JSON.stringify(result.result.stats)}\n`);

    // The objects went to the explicit ufs root; SILT_DATA_DIR only held what was not set itself.
    expect(existsSync(join(ufsRoot, bucket))).toBe(true);
    expect(existsSync(join(dataDir, 'ufs'))).toBe(false);
    expect(existsSync(join(dataDir, 'metadata', 'metadata.db'))).toBe(true);

    // Ctrl-C / SIGTERM still stops everything cleanly, and nothing is restarted then.
    const pids = ['metadata', 'ufs', 'cache-0', 's3-gateway'].map((l) => pidOf(out, l));
    launcher.kill('SIGTERM');
    expect(await exitOf(launcher)).toBe(0);
    for (const pid of pids) expect(alive(pid), `pid ${pid} stopped`).toBe(false);
    const stopAt = out.all.findIndex((l) => l === '[cluster] SIGTERM: stopping every process');
    expect(stopAt).toBeGreaterThan(0);
    expect(out.all.slice(stopAt).filter((l) => /restart/.test(l))).toEqual([]);
  }, 240_000);
});

describe('npm start gives up on a crash loop', () => {
  let dir: string;
  let launcher: ChildProcess | undefined;

  afterAll(async () => {
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGTERM');
      await exitOf(launcher);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a process killed again each time it comes back: backoff, then a clear message, everything stopped, exit 1', async () => {
    dir = mkdtempSync(join(tmpdir(), 'silt-e2e-npm-start-loop-'));
    const started = await startLauncher(dir, { [envNameOf('s3.processes')]: '1' });
    launcher = started.launcher;
    const { out } = started;
    const others = ['metadata', 'ufs', 's3-gateway'].map((l) => pidOf(out, l));
    const delays: number[] = [];
    // DEFAULT_RESTART_POLICY: the 5th death within 60 s is a crash loop.
    for (let death = 1; death <= 5; death++) {
      const from = out.all.length;
      const pid = pidOf(out, 'cache-0');
      process.kill(pid, 'SIGKILL');
      if (death < 5) {
        const dying = await out.waitFor(new RegExp(`^\\[cluster\\] cache-0 \\(pid ${pid}\\) exited \\(signal SIGKILL\\); restarting it in (\\d+) ms`), BACK_WITHIN_MS, from);
        delays.push(Number(dying.match[1]));
        await out.waitFor(/^\[cluster\] cache-0 restarted \(pid \d+\)/, BACK_WITHIN_MS, from);
      }
    }
    expect(delays).toEqual([250, 500, 1000, 2000]);
    await out.waitFor(/^\[cluster\] cache-0 \(pid \d+\) exited \(signal SIGKILL\): 5 deaths within 60 s, a crash loop; giving up$/, BACK_WITHIN_MS);
    expect(await exitOf(launcher)).toBe(1);
    for (const pid of others) expect(alive(pid), `pid ${pid} stopped`).toBe(false);
  }, 120_000);
});

describe('npm start killed itself', () => {
  let dir: string;

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a SIGKILL of the launcher leaves no orphan: every service stops and frees its port', async () => {
    dir = mkdtempSync(join(tmpdir(), 'silt-e2e-npm-start-orphans-'));
    const { launcher, out, ports } = await startLauncher(dir, { [envNameOf('s3.processes')]: '2' });
    const pids = ['metadata', 'ufs', 'cache-0', 's3-gateway'].map((l) => pidOf(out, l));
    const gatewayWorkers = [...out.all.join('\n').matchAll(/gateway process forked \{"slot":\d+,"workerPid":(\d+)/g)].map((m) => Number(m[1]));
    expect(gatewayWorkers).toHaveLength(2);
    launcher.kill('SIGKILL');
    await exitOf(launcher);
    const deadline = Date.now() + BACK_WITHIN_MS;
    while ([...pids, ...gatewayWorkers].some(alive) && Date.now() < deadline) await sleep(100);
    for (const pid of [...pids, ...gatewayWorkers]) expect(alive(pid), `pid ${pid} stopped`).toBe(false);
    for (const port of [ports.s3, ports.metadata, ports.ufs, ports.cache, ports.cacheHttp]) expect(await portAnswers(port), `port ${port}`).toBe(false);
  }, 120_000);
});
