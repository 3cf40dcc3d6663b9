import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/src/schema';
import { clusterEnv, ephemeralLayout, layoutFromConfig, SERVICE_NODE_FLAGS, startCluster, type ServiceName } from './cluster-launcher';

// The launcher, docker-compose.yml and the Dockerfile each start the services; they must pass the same node flags.

const ROOT = join(__dirname, '../../..');

/** The argv of every `command:`/`CMD` array in `text` that runs `service`'s entry point. */
function commandsOf(text: string, service: ServiceName): string[][] {
  const entry = `dist/apps/${service}/src/main.js`;
  return [...text.matchAll(/(?:command:|CMD)\s*(\[[^\]]*\])/g)].map((m) => JSON.parse(m[1]) as string[]).filter((argv) => argv.includes(entry));
}

describe('SERVICE_NODE_FLAGS', () => {
  it('are the flags docker-compose.yml and the Dockerfile start each service with', () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    for (const service of Object.keys(SERVICE_NODE_FLAGS) as ServiceName[]) {
      const runs = [...commandsOf(compose, service), ...commandsOf(dockerfile, service)];
      expect(runs.length, service).toBeGreaterThan(0);
      for (const argv of runs) {
        expect(argv[0]).toBe('node');
        expect(argv.slice(1, -1), `${service}: ${JSON.stringify(argv)}`).toEqual([...SERVICE_NODE_FLAGS[service]]);
      }
    }
  });
});

describe(layoutFromConfig.name, () => {
  it("is npm start's layout: every port, host and directory from the configuration, explicit keys over dataDir", () => {
    const config = loadConfig({
      env: { SILT_DATA_DIR: '/srv/silt', SILT_UFS_ROOT: '/mnt/ufs', SILT_S3_PORT: '1001', SILT_METADATA_PORT: '1002', SILT_UFS_PORT: '1003', SILT_CACHE_PORT: '1004', SILT_CACHE_HTTP_PORT: '1005', SILT_METADATA_HOST: '0.0.0.0' },
    });
    const layout = layoutFromConfig(config);
    expect(layout.workers).toEqual([{ grpcPort: 1004, httpPort: 1005, diskDir: '/srv/silt/cache', workerId: undefined }]);
    // What every process is started with: the configuration as resolved, so no service sees a different answer.
    expect(clusterEnv(layout)).toMatchObject({
      SILT_DATA_DIR: '/srv/silt',
      SILT_UFS_ROOT: '/mnt/ufs',
      SILT_METADATA_DATA_DIR: '/srv/silt/metadata',
      SILT_S3_PORT: '1001',
      SILT_METADATA_PORT: '1002',
      SILT_METADATA_HOST: '0.0.0.0',
      SILT_UFS_PORT: '1003',
      SILT_UFS_HOST: '127.0.0.1',
    });
    expect(layoutFromConfig(loadConfig({ env: {} }))).toMatchObject({ dataDir: join(process.cwd(), 'data'), s3Port: 29998, metadataPort: 29991, ufsPort: 29993, workers: [{ grpcPort: 29992, httpPort: 29997 }] });
  });
});

// Supervision, with stand-in service entry points (a few lines of node each) so the policy is tested without the
// real services: each logs "listening" like a service does; the one named in SILT_FAKE_CRASH exits with code 3 a
// while after it is ready, every time it is started.
describe('startCluster supervision', () => {
  const FAKE = `
    const crash = process.env.SILT_FAKE_CRASH === label;
    console.log(JSON.stringify({ level: 30, msg: 'listening' }));
    setInterval(() => undefined, 1000);
    if (crash) setTimeout(() => process.exit(3), Number(process.env.SILT_FAKE_CRASH_AFTER_MS));
    process.on('SIGTERM', () => process.exit(0));
  `;
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'silt-fake-dist-'));
    for (const service of Object.keys(SERVICE_NODE_FLAGS)) {
      mkdirSync(join(dist, 'apps', service, 'src'), { recursive: true });
      // label is the name the crash switch matches ('cache-0' for the worker, as the launcher names it).
      writeFileSync(join(dist, 'apps', service, 'src', 'main.js'), `const label = ${JSON.stringify(service === 'block-cache' ? 'cache-0' : service)};\n${FAKE}`);
    }
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const policy = { baseDelayMs: 20, maxDelayMs: 100, maxDeaths: 3, windowMs: 60_000 };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function until(cond: () => boolean, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error('timed out');
      await sleep(20);
    }
  }
  async function start(extra: Record<string, string> = {}, supervise = true) {
    const events: string[] = [];
    const giveUps: string[] = [];
    const layout = await ephemeralLayout(join(dist, 'data'));
    layout.extra = extra;
    const cluster = await startCluster(dist, layout, undefined, 20_000, supervise ? { policy, onEvent: (m) => events.push(m), onGiveUp: (m) => giveUps.push(m) } : undefined);
    return { cluster, events, giveUps, pid: (label: string) => cluster.processes.get(label)!.child.pid! };
  }

  it('restarts a process that was killed, says why, and leaves the others running', async () => {
    const { cluster, events, pid } = await start();
    try {
      const others = ['metadata', 'ufs', 's3-gateway'].map(pid);
      const victim = pid('cache-0');
      process.kill(victim, 'SIGKILL');
      await until(() => events.some((e) => e.startsWith('cache-0 restarted')));
      expect(events[0]).toMatch(new RegExp(`^cache-0 \\(pid ${victim}\\) exited \\(signal SIGKILL\\); restarting it in 20 ms$`));
      expect(events[1]).toMatch(/^cache-0 restarted \(pid \d+\) after it exited \(signal SIGKILL\)$/);
      expect(pid('cache-0')).not.toBe(victim);
      expect(['metadata', 'ufs', 's3-gateway'].map(pid)).toEqual(others);
    } finally {
      await cluster.stop();
    }
  });

  it('never restarts what kill(), restart() or stop() ended, nor anything without supervision', async () => {
    const { cluster, events } = await start();
    await cluster.kill('ufs', 'SIGKILL');
    await cluster.restart('cache-0', 'SIGKILL');
    await sleep(300);
    expect(cluster.processes.get('ufs')!.child.signalCode).toBe('SIGKILL');
    const stopped = [...cluster.processes.values()];
    await cluster.stop();
    await sleep(300);
    expect(events).toEqual([]);
    expect(stopped.every((p) => p.child.exitCode !== null || p.child.signalCode !== null)).toBe(true);

    const plain = await start({}, false);
    const victim = plain.pid('metadata');
    process.kill(victim, 'SIGKILL');
    await sleep(300);
    expect(plain.pid('metadata')).toBe(victim);
    await plain.cluster.stop();
  });

  it('gives up on a crash loop with the reason, after backing off', async () => {
    const { cluster, events, giveUps } = await start({ 'fake.crash': 'ufs', 'fake.crashAfterMs': '1500' });
    try {
      await until(() => giveUps.length > 0);
      expect(giveUps[0]).toMatch(/^ufs \(pid \d+\) exited \(code 3\): 3 deaths within 60 s, a crash loop; giving up$/);
      expect(events.filter((e) => e.includes('restarting it in')).map((e) => /in (\d+) ms/.exec(e)![1])).toEqual(['20', '40']);
    } finally {
      await cluster.stop();
    }
  }, 30_000);
});
