/**
 * Failover end to end (issue 5): three block-cache workers, real processes, and `kill -9` of a worker while clients
 * read. What a client must see: nothing — requests not yet started go to the next worker on the ring (or to the ufs),
 * a stream under way resumes from the byte it had reached, every read returns the right bytes. The dead worker leaves
 * the ring within a few seconds and rejoins when it is started again, with the pages its disk tier kept.
 *
 * Two clusters, one after the other:
 * - short-circuit on (the default) with the default heartbeat and worker timeout: hits on the second pass, a 256 MiB
 *   GET whose owner dies mid-stream, the ring leaving and rejoining, boto3 small GETs during a kill;
 * - short-circuit off with small caches (memory 4 MiB, disk 16 MiB per worker): every byte comes over the workers'
 *   HTTP port or gRPC, so the worker-side hit counts and the failover of those roads are what is tested; a data set
 *   larger than the caches evicts and still reads right.
 *
 * Workers are killed by the PID of the child process this spec started (RunningCluster.kill), never by name.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GetStatsResponse__Output } from '../../libs/grpc/generated/silt/blockcache/v1/GetStatsResponse';
import { blockCacheClient, membershipClient } from '../../libs/grpc/src/clients';
import { bytesOf, md5 } from './helpers/s3';
import { startTestCluster, type TestCluster } from './helpers/test-cluster';
import { pythonClientEnv } from './helpers/python';

const MiB = 1024 * 1024;
const ROOT = resolve(__dirname, '../..');
const BIN = resolve(ROOT, 'bin/silt.js');
const PY_DIR = resolve(__dirname, 'python');
const BIG = 256 * MiB;
/** The big GET's owner is killed once this much of the body has reached the client. */
const KILL_AFTER = 24 * MiB;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Totals {
  hits: number;
  misses: number;
  bytesFromUfs: number;
  shortCircuitHits: number;
  evictions: number;
  diskPages: number;
}

function totalsOf(stats: Array<GetStatsResponse__Output | undefined>): Totals {
  const t: Totals = { hits: 0, misses: 0, bytesFromUfs: 0, shortCircuitHits: 0, evictions: 0, diskPages: 0 };
  for (const s of stats) {
    if (!s) continue;
    t.hits += s.hits;
    t.misses += s.misses;
    t.bytesFromUfs += s.bytes_from_ufs;
    t.shortCircuitHits += s.short_circuit_hits;
    for (const tier of s.tiers) {
      t.evictions += tier.evictions;
      if (tier.tier === 'disk') t.diskPages += tier.pages;
    }
  }
  return t;
}

/** A cluster with the handles this spec needs: S3 without retries, stats and membership over gRPC, the CLI, logs. */
class Harness {
  s3!: S3Client;
  cluster!: TestCluster;
  /** Gateway log lines (JSON) seen since start, with the time they arrived. */
  readonly gatewayLines: Array<{ at: number; line: string }> = [];
  private readonly caches = new Map<number, ReturnType<typeof blockCacheClient>>();
  private membership!: ReturnType<typeof membershipClient>;

  async start(extra: Record<string, string | number | boolean>): Promise<void> {
    this.cluster = await startTestCluster({ workers: 3, extra });
    // Every line of every process goes through logs.push: keep the gateway's, untrimmed, for the assertions below.
    const logs = this.cluster.logs;
    const push = logs.push.bind(logs);
    logs.push = (...lines: string[]) => {
      for (const l of lines) if (l.startsWith('[s3-gateway]')) this.gatewayLines.push({ at: Date.now(), line: l });
      return push(...lines);
    };
    const c = this.cluster;
    // No retries: a request the gateway failed must fail here, not be hidden by the SDK trying again.
    this.s3 = new S3Client({
      endpoint: c.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: 'testuser', secretAccessKey: 'secret' },
    });
    this.membership = membershipClient(`${c.layout.host}:${c.layout.metadataPort}`);
    await this.until(async () => (await this.liveWorkers()).length === 3, 20_000, 'three workers registered');
  }

  async dispose(): Promise<void> {
    this.s3?.destroy();
    for (const c of this.caches.values()) c.close();
    this.membership?.close();
    await this.cluster?.dispose();
  }

  /** worker-<i> = process cache-<i>, on layout.workers[i]. */
  private cache(i: number) {
    let c = this.caches.get(i);
    if (!c) {
      c = blockCacheClient(`${this.cluster.layout.host}:${this.cluster.layout.workers[i].grpcPort}`);
      this.caches.set(i, c);
    }
    return c;
  }

  /** GetStats of each worker (undefined for a dead one). */
  async stats(): Promise<Array<GetStatsResponse__Output | undefined>> {
    return Promise.all(
      this.cluster.layout.workers.map((_, i) => this.cache(i).api.GetStats({}, { timeoutMs: 3_000 }).catch(() => undefined)),
    );
  }

  async totals(): Promise<Totals> {
    return totalsOf(await this.stats());
  }

  /** Polls the totals until `done` holds (short-circuit hits reach their worker once a second). */
  async totalsWhen(done: (t: Totals) => boolean, timeoutMs = 8_000): Promise<Totals> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const t = await this.totals();
      if (done(t) || Date.now() > end) return t;
      await sleep(250);
    }
  }

  /**
   * The totals once nothing moves for 1.5 s (at most `timeoutMs`): reads of an earlier step still finishing on a
   * worker (a failover fetch, a read-ahead) and the gateways' once-a-second hit reports land before the snapshot.
   */
  async quietTotals(timeoutMs = 10_000): Promise<Totals> {
    const end = Date.now() + timeoutMs;
    let last = await this.totals();
    let since = Date.now();
    for (;;) {
      await sleep(300);
      const stats = await this.stats();
      const t = totalsOf(stats);
      // A worker that did not answer (a slow GetStats) counts as movement: its counters are not in the sum.
      if (stats.some((w) => !w) || t.hits !== last.hits || t.misses !== last.misses || t.bytesFromUfs !== last.bytesFromUfs) since = Date.now();
      last = t;
      if (Date.now() - since >= 1_500 || Date.now() > end) return t;
    }
  }

  async liveWorkers(): Promise<string[]> {
    const res = await this.membership.api.ListWorkers({}, { timeoutMs: 3_000 });
    return res.workers.map((w) => w.worker_id);
  }

  /** Each gateway process's ring (by pid), from its latest "block-cache ring changed" log line, and that line's time. */
  gatewayRings(): Map<number, { workers: string[]; time: number }> {
    const rings = new Map<number, { workers: string[]; time: number }>();
    for (const { line } of this.gatewayLines) {
      if (!line.includes('"msg":"block-cache ring changed"')) continue;
      const json = JSON.parse(line.slice(line.indexOf('{'))) as { pid: number; time: number; workers: string };
      rings.set(json.pid, { workers: json.workers ? json.workers.split(',') : [], time: json.time });
    }
    return rings;
  }

  /**
   * Resolves when metadata and every gateway process agree on `workerId` being on the ring (`present`) or not, with
   * how long after `from` each of them got there (the gateways' time is the time of their log line).
   */
  async ringSettles(workerId: string, present: boolean, from: number, timeoutMs = 15_000): Promise<{ metadataMs: number; gatewayMs: number }> {
    let metadataMs = -1;
    await this.until(async () => {
      if (metadataMs < 0 && (await this.liveWorkers()).includes(workerId) === present) metadataMs = Date.now() - from;
      const rings = [...this.gatewayRings().values()];
      return metadataMs >= 0 && rings.length > 0 && rings.every((r) => r.workers.includes(workerId) === present);
    }, timeoutMs, `${workerId} ${present ? 'back on' : 'off'} the ring`);
    const gatewayMs = Math.max(...[...this.gatewayRings().values()].map((r) => r.time - from));
    return { metadataMs, gatewayMs };
  }

  async until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
    const started = Date.now();
    for (;;) {
      if (await check()) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}\n${this.cluster.logs.slice(-20).join('\n')}`);
      await sleep(100);
    }
  }

  /** `silt where <bucket>/<key> --json`: the owner and the failover order (worker ids). */
  where(bucket: string, key: string): Promise<{ owner: { workerId: string }; order: string[] }> {
    const metadata = `${this.cluster.layout.host}:${this.cluster.layout.metadataPort}`;
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [BIN, 'where', `${bucket}/${key}`, '--json', '--metadata', metadata], { cwd: ROOT });
      const out: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.resume();
      child.on('error', fail);
      child.on('exit', (code) => (code === 0 ? done(JSON.parse(Buffer.concat(out).toString())) : fail(new Error(`silt where exited ${code}`))));
    });
  }

  /**
   * Kills worker-<i> with SIGKILL (its own PID, via the child process this spec started) and waits for its exit.
   * From that moment a watcher measures how long the ring takes to drop it (`departures`).
   */
  async killWorker(i: number): Promise<void> {
    const p = this.cluster.processes.get(`cache-${i}`)!;
    const killedAt = Date.now();
    await this.cluster.kill(`cache-${i}`, 'SIGKILL');
    expect(p.child.signalCode).toBe('SIGKILL');
    const departure = this.ringSettles(`worker-${i}`, false, killedAt);
    departure.catch(() => undefined); // awaited by the test that cares
    this.departures.set(i, departure);
  }

  readonly departures = new Map<number, Promise<{ metadataMs: number; gatewayMs: number }>>();

  /** Starts worker-<i> again: the same process spec (ports, disk dir, worker id); resolves once it listens. */
  async restartWorker(i: number): Promise<number> {
    const before = this.cluster.processes.get(`cache-${i}`)!.child.pid;
    await this.cluster.start(`cache-${i}`);
    const after = this.cluster.processes.get(`cache-${i}`)!.child.pid;
    expect(after).not.toBe(before);
    return Date.now();
  }

  async put(bucket: string, objects: Map<string, Buffer>, concurrency = 6): Promise<void> {
    const entries = [...objects];
    for (let i = 0; i < entries.length; i += concurrency) {
      await Promise.all(entries.slice(i, i + concurrency).map(([Key, Body]) => this.s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body }))));
    }
  }

  /** GETs every object (a few at a time) and checks its bytes; returns how many were read. */
  async readAll(bucket: string, digests: Map<string, string>, concurrency = 6): Promise<number> {
    const keys = [...digests.keys()];
    for (let i = 0; i < keys.length; i += concurrency) {
      await Promise.all(
        keys.slice(i, i + concurrency).map(async (key) => {
          const res = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          expect(md5(await bytesOf(res.Body)), key).toBe(digests.get(key));
        }),
      );
    }
    return keys.length;
  }

  /**
   * GETs the whole big object and kills its owner (worker-<ownerIndex>) once `KILL_AFTER` bytes have arrived; the
   * body is consumed only after the kill, so the gateway cannot have read much more than that from the owner.
   */
  async getKillingOwner(bucket: string, key: string, ownerIndex: number): Promise<{ bytes: number; md5: string; killedAt: number; killTime: number; ms: number }> {
    const started = Date.now();
    const res = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const hash = createHash('md5');
    let bytes = 0;
    let killedAt = -1;
    let killTime = 0;
    for await (const chunk of res.Body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      bytes += chunk.length;
      if (killedAt < 0 && bytes >= KILL_AFTER) {
        killedAt = bytes;
        killTime = Date.now();
        await this.killWorker(ownerIndex);
      }
    }
    return { bytes, md5: hash.digest('hex'), killedAt, killTime, ms: Date.now() - started };
  }

  /** Gateway lines since `since` whose msg matches. */
  gatewayLog(since: number, msg: string): string[] {
    return this.gatewayLines.filter((l) => l.at >= since && l.line.includes(`"msg":"${msg}`)).map((l) => l.line);
  }
}

interface PyResult {
  ok: boolean;
  error?: string;
  result?: { checks: Record<string, { ok: boolean; value?: unknown; error?: string }> };
  details?: { checks?: Record<string, { ok: boolean; value?: unknown; error?: string }> };
  trace?: string;
}

/**
 * Runs failover_checks.py small_gets_during_kill: boto3 (4 threads, no retries) GETs small objects; when the script
 * says it is midway, `kill()` runs and the script is told, then it carries on. Resolves with its JSON result.
 */
function boto3StreamWithKill(h: Harness, kill: () => Promise<void>): Promise<{ out: PyResult; killed: boolean; stderr: string }> {
  return new Promise((done, fail) => {
    const env = pythonClientEnv();
    const child = spawn('python3', [join(PY_DIR, 'failover_checks.py'), 'small_gets_during_kill', h.cluster.endpoint], { cwd: PY_DIR, env });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    let last = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'SILT-EVENT midway') {
        kill().then(
          () => {
            killed = true;
            child.stdin.write('killed\n');
          },
          (err: unknown) => {
            child.kill('SIGKILL');
            fail(err);
          },
        );
      } else if (line.trim()) last = line;
    });
    child.on('error', fail);
    child.on('close', () => {
      clearTimeout(timer);
      try {
        done({ out: JSON.parse(last) as PyResult, killed, stderr });
      } catch {
        fail(new Error(`failover_checks.py printed no result: ${last}\n${stderr.slice(-3000)}`));
      }
    });
  });
}

function expectPyChecks(run: { out: PyResult; stderr: string }): Record<string, unknown> {
  const checks = run.out.result?.checks ?? run.out.details?.checks;
  if (!checks) throw new Error(`failover_checks.py failed before its checks: ${run.out.error}\n${run.out.trace ?? ''}\n${run.stderr.slice(-2000)}`);
  const failed = Object.entries(checks).filter(([, c]) => !c.ok);
  expect(failed, JSON.stringify(checks, null, 2)).toEqual([]);
  return Object.fromEntries(Object.entries(checks).map(([k, c]) => [k, c.value]));
}

const indexOf = (workerId: string) => Number(/^worker-(\d)$/.exec(workerId)![1]);

/** Objects of 1-4 MiB (page-aligned and not), `count` of them. */
function dataset(prefix: string, count: number, min: number, spread: number): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) out.set(`${prefix}/obj-${String(i).padStart(2, '0')}`, randomBytes(min + (i % 5 === 0 ? 0 : (i * 397_153) % spread)));
  return out;
}

const pagesOf = (objects: Map<string, Buffer>) => [...objects.values()].reduce((n, b) => n + Math.ceil(b.length / MiB), 0);
const bytesOfAll = (objects: Map<string, Buffer>) => [...objects.values()].reduce((n, b) => n + b.length, 0);
const digestsOf = (objects: Map<string, Buffer>) => new Map([...objects].map(([k, b]) => [k, md5(b)]));

describe('failover, short-circuit on, default heartbeat and worker timeout', () => {
  const h = new Harness();
  const bucket = 'failover';
  let data: Map<string, string>;
  let pages = 0;
  let bytes = 0;
  let big: { body: Buffer; md5: string; owner: number };
  let pagesBeforeKill = 0;

  beforeAll(async () => {
    await h.start({});
    await h.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const objects = dataset('set', 40, MiB, 3 * MiB);
    pages = pagesOf(objects);
    bytes = bytesOfAll(objects);
    data = digestsOf(objects);
    await h.put(bucket, objects);
  });
  afterAll(async () => {
    if (big) big.body = Buffer.alloc(0);
    await h.dispose();
  });

  it('reads a data set twice: the first pass misses every page once, the second is all hits', async () => {
    const before = await h.totals();
    await h.readAll(bucket, data);
    const first = await h.totals();
    expect(first.misses - before.misses).toBe(pages);
    expect(first.bytesFromUfs - before.bytesFromUfs).toBe(bytes);

    await h.readAll(bucket, data);
    // The gateway reads same-host disk pages itself and reports them as hits once a second.
    const second = await h.totalsWhen((t) => t.hits - first.hits >= pages);
    expect(second.hits - first.hits).toBeGreaterThanOrEqual(pages);
    expect(second.misses - first.misses).toBe(0);
    expect(second.bytesFromUfs - first.bytesFromUfs).toBe(0);
    // every worker took part (the ring spreads objects)
    expect((await h.stats()).filter((s) => (s?.hits ?? 0) > 0)).toHaveLength(3);
  });

  it('kill -9 of the owner in the middle of a 256 MiB GET: the stream resumes, every byte arrives, MD5 equal', async () => {
    const body = randomBytes(BIG);
    await h.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'big/256MiB.bin', Body: body }));
    const where = await h.where(bucket, 'big/256MiB.bin');
    big = { body, md5: md5(body), owner: indexOf(where.owner.workerId) };
    pagesBeforeKill = totalsOf([(await h.stats())[big.owner]]).diskPages;

    const since = Date.now();
    const got = await h.getKillingOwner(bucket, 'big/256MiB.bin', big.owner);
    expect(got.killedAt).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(got.bytes).toBe(BIG);
    expect(got.md5).toBe(big.md5);
    // The owner's stream really broke mid-way and the gateway resumed it elsewhere (not a body it had fully buffered).
    expect(h.gatewayLog(since, 'read broke mid-stream; resuming on the next source').length).toBeGreaterThan(0);
  });

  it('right after the kill (the dead worker may still be on the ring), every read returns the right bytes', async () => {
    await h.readAll(bucket, data);
    const res = await h.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big/256MiB.bin', Range: `bytes=${100 * MiB + 7}-${101 * MiB + 11}` }));
    expect((await bytesOf(res.Body)).equals(big.body.subarray(100 * MiB + 7, 101 * MiB + 12))).toBe(true);
  });

  it('the killed worker leaves the ring within a few seconds (metadata, then every gateway process)', async () => {
    const dead = `worker-${big.owner}`;
    const { metadataMs, gatewayMs } = await h.departures.get(big.owner)!;
    // metadata.worker.timeout is 4 s (heartbeats every 1 s); gateways refresh their ring every second
    expect(metadataMs).toBeLessThan(6_000);
    expect(gatewayMs).toBeLessThan(7_000);
    expect((await h.liveWorkers()).sort()).toEqual(['worker-0', 'worker-1', 'worker-2'].filter((w) => w !== dead));
    // reads with two workers: right bytes
    await h.readAll(bucket, data);
  });

  it('the same worker started again rejoins the ring, with the pages its disk tier held', async () => {
    const id = `worker-${big.owner}`;
    const started = await h.restartWorker(big.owner);
    const { metadataMs, gatewayMs } = await h.ringSettles(id, true, started);
    expect(metadataMs).toBeLessThan(2_000); // it registers as it starts
    expect(gatewayMs).toBeLessThan(3_000);
    const s = (await h.stats())[big.owner]!;
    expect(s.worker_id).toBe(id);
    // a new process, with the pages its disk tier held before the kill
    expect(totalsOf([s]).diskPages).toBeGreaterThanOrEqual(pagesBeforeKill);
    expect(pagesBeforeKill).toBeGreaterThan(0);

    // Its objects read again: right bytes, and nothing new comes from the ufs for the data set. The snapshot waits
    // for the counters to settle: the two-worker reads of the step before may still be finishing.
    const before = await h.quietTotals();
    const perWorkerBefore = await h.stats();
    await h.readAll(bucket, data);
    const after = await h.totalsWhen((t) => t.hits - before.hits >= pages);
    if (after.misses !== before.misses) {
      const now = await h.stats();
      console.error('misses after the rejoin, per worker:', now.map((w, i) => `${w?.worker_id}: +${(w?.misses ?? 0) - (perWorkerBefore[i]?.misses ?? 0)}`).join(', '));
    }
    expect(after.misses - before.misses).toBe(0);
    expect(after.bytesFromUfs - before.bytesFromUfs).toBe(0);
  });

  it('boto3: ~300 small GETs from 4 threads while a worker is killed -9: zero errors, every byte right', async () => {
    const victim = (big.owner + 1) % 3;
    const run = await boto3StreamWithKill(h, async () => {
      await h.killWorker(victim);
    });
    expect(run.killed).toBe(true);
    const values = expectPyChecks(run);
    expect(values.no_errors).toBe(0);
  });
});

describe('failover, short-circuit off, small caches (memory 4 MiB, disk 16 MiB per worker)', () => {
  const h = new Harness();
  const bucket = 'failover-small';
  let fits: Map<string, string>;
  let bigSet: Map<string, string>;
  let bigBody: Buffer;

  beforeAll(async () => {
    await h.start({ 'cache.shortCircuit.enabled': false, 'cache.memory.capacity': '4MiB', 'cache.disk.capacity': '16MiB' });
    await h.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    bigBody = Buffer.alloc(0);
    await h.dispose();
  });

  it('a data set that fits: the second pass is all hits on the workers themselves', async () => {
    const objects = dataset('fits', 6, MiB / 2, MiB);
    await h.put(bucket, objects);
    const digests = (fits = digestsOf(objects));
    const before = await h.totals();
    await h.readAll(bucket, digests);
    const first = await h.totals();
    expect(first.misses - before.misses).toBe(pagesOf(objects));
    await h.readAll(bucket, digests);
    const second = await h.totals();
    expect(second.hits - first.hits).toBe(pagesOf(objects));
    expect(second.misses - first.misses).toBe(0);
    expect(second.bytesFromUfs - first.bytesFromUfs).toBe(0);
    expect(second.shortCircuitHits).toBe(0);
  });

  it('a 64 MiB data set read twice through caches smaller than it: evictions, every byte right', async () => {
    const objects = dataset('big-set', 24, 2 * MiB, 3 * MiB);
    expect(bytesOfAll(objects)).toBeGreaterThanOrEqual(64 * MiB);
    await h.put(bucket, objects);
    const digests = (bigSet = digestsOf(objects));
    const before = await h.totals();
    await h.readAll(bucket, digests);
    await h.readAll(bucket, digests);
    const after = await h.totals();
    expect(after.evictions - before.evictions).toBeGreaterThan(0);
    // it did not fit: the second pass read part of it from the ufs again
    expect(after.bytesFromUfs - before.bytesFromUfs).toBeGreaterThan(bytesOfAll(objects));
    for (const s of await h.stats()) {
      const disk = s!.tiers.find((t) => t.tier === 'disk')!;
      expect(disk.used_bytes).toBeLessThanOrEqual(16 * MiB);
    }
  });

  it('kill -9 of the owner in the middle of a 256 MiB GET over its HTTP port: every byte arrives, MD5 equal', async () => {
    const body = (bigBody = randomBytes(BIG));
    await h.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: body }));
    const owner = indexOf((await h.where(bucket, 'big.bin')).owner.workerId);
    const since = Date.now();
    const got = await h.getKillingOwner(bucket, 'big.bin', owner);
    expect(got.bytes).toBe(BIG);
    expect(got.md5).toBe(md5(body));
    expect(h.gatewayLog(since, 'read broke mid-stream; resuming on the next source').length).toBeGreaterThan(0);
    // Ranged reads (inline and streamed) of the object while its owner is dead but still on the ring.
    for (const [start, end] of [[5, 4100], [200 * MiB - 3, 200 * MiB + 70_000], [BIG - 2 * MiB - 1, BIG - 1]]) {
      const res = await h.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big.bin', Range: `bytes=${start}-${end}` }));
      expect((await bytesOf(res.Body)).equals(body.subarray(start, end + 1))).toBe(true);
    }

    // Started again, it rejoins and serves reads again (the gateways' connections to it recover).
    await h.departures.get(owner);
    const started = await h.restartWorker(owner);
    await h.ringSettles(`worker-${owner}`, true, started);
    const served = async () => (await h.stats())[owner]?.bytes_served ?? 0;
    const waited = await h.until(async () => {
      await h.readAll(bucket, fits);
      await h.readAll(bucket, new Map([...bigSet].slice(0, 6)));
      return (await served()) > 0;
    }, 15_000, `worker-${owner} serving reads again`);
    expect(waited).toBeLessThan(10_000);
  });

  it('boto3: ~300 small GETs from 4 threads (gRPC reads) while a worker is killed -9: zero errors, every byte right', async () => {
    const run = await boto3StreamWithKill(h, async () => {
      await h.killWorker(1);
    });
    expect(run.killed).toBe(true);
    const values = expectPyChecks(run);
    expect(values.no_errors).toBe(0);
  });

  it('every worker dead: reads go straight to the ufs, before and after the ring is empty', async () => {
    const alive = [0, 1, 2].filter((i) => {
      const c = h.cluster.processes.get(`cache-${i}`)!.child;
      return c.exitCode === null && c.signalCode === null;
    });
    for (const i of alive) await h.killWorker(i);
    const readEverything = async () => {
      await h.readAll(bucket, fits);
      for (const [start, end] of [[0, 4095], [77 * MiB + 1, 77 * MiB + 300_000], [BIG - 5 * MiB, BIG - 1]]) {
        const res = await h.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big.bin', Range: `bytes=${start}-${end}` }));
        expect((await bytesOf(res.Body)).equals(bigBody.subarray(start, end + 1))).toBe(true);
      }
    };
    await readEverything(); // dead workers still on the ring: each is tried, then the ufs
    await Promise.all(alive.map((i) => h.departures.get(i)));
    expect(await h.liveWorkers()).toEqual([]);
    await readEverything(); // an empty ring: the ufs directly
  });
});
