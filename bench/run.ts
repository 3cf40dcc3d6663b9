import { readFileSync } from 'node:fs';
/**
 * `npm run bench`: Silt against nginx serving the same bytes, in the same run, interleaved.
 *
 * Starts nginx (own config, foreground child, temp dir) and a one-worker Silt cluster (ephemeral ports, temp data
 * dir), then for each scenario runs ROUNDS rounds of silt, nginx, silt, nginx… and reports the median of each and the
 * ratio of medians. Also samples CPU per process per round and peak RSS of every Silt process during 1 GiB transfers.
 * Prints a table, writes .bench/latest.json, and checks the bars of the issue. Stops itself within BENCH_TIMEOUT_S.
 *
 * Environment knobs: BENCH_ROUNDS (5), BENCH_DURATION_MS (2000, per round of the 4 KiB scenarios), BENCH_TIMEOUT_S
 * (800), BENCH_NGINX_WORKERS (auto), BENCH_SILT_CONFIG (JSON of extra Silt keys, e.g. '{"ufs.fsync":false}'),
 * BENCH_ONLY (comma list of scenario ids to run, e.g. "get256,get4k-c16"; "rss" for the RSS phase; "mpu1g" for the
 * 1 GiB multipart upload against a single PUT of the same bytes; "slow-ufs" for cold vs warm GETs over a slow UFS and
 * redirect vs proxy, see slow-ufs.ts; "slow-ufs-redirect" for the latter only; "mounts" for first listing vs re-listing of
 * a mounted prefix and cold vs warm training epochs over a moto S3 mount, see mounts.ts), BENCH_MPU_ROUNDS (3).
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ephemeralLayout, freePorts, startCluster, type RunningCluster } from '../libs/runtime/src/cluster-launcher';
import { closedLoop, RawConnection, type LoadResult } from './http-client';
import { ensureNginx, startNginx, type RunningNginx } from './nginx';
import { CpuWindow, resetPeak, RssSampler, statusKiB } from './proc';
import { runMounts, stopMounts, type MountsResult } from './mounts';
import { runSlowUfs, stopSlowUfsClusters, type SlowUfsResult } from './slow-ufs';

const MiB = 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2000);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 800);
const NGINX_WORKERS = process.env.BENCH_NGINX_WORKERS ?? 'auto';
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const BIG_SIZE = 256 * MiB;
const HUGE_SIZE = 1024 * MiB;
const SMALL_SIZE = 4096;
const SMALL_KEYS = 256;
const RSS_LIMIT_MIB = 200;
/** Issue 3: 1 GiB multipart upload (8 MiB parts, 4 in flight) vs a single PUT of the same bytes, interleaved. */
const MPU_ROUNDS = Number(process.env.BENCH_MPU_ROUNDS ?? 3);
const MPU_PART_SIZE = 8 * MiB;
const MPU_PARALLEL = 4;
const MPU_RATIO_MIN = 0.9;
const MPU_TRANSFER_MAX_MS = 45_000;
const MPU_BUDGET_MS = 100_000;
const BUCKET = 'bench';
/** Bounds that keep the whole run near 5 minutes even while Silt is slow (they do not bind when it is fast). */
const BIG_SCENARIO_BUDGET_MS = 20_000;
const BIG_TRANSFER_MAX_MS = 15_000;
const HUGE_TRANSFER_MAX_MS = 90_000; // a 1 GiB PUT at fsync speed on a loaded 2-core box can take a minute
const REPO_ROOT = resolve(__dirname, '..', '..');
const DIST_DIR = resolve(__dirname, '..');

const t0 = Date.now();
const log = (msg: string) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

interface Target {
  name: 'silt' | 'nginx';
  host: string;
  port: number;
  /** label -> PIDs whose CPU is summed under that label. */
  pids: () => Map<string, number[]>;
}

interface RoundResult {
  value: number;
  cpu: Record<string, number>;
  /** % of the round each process's main thread sat runnable waiting for a CPU. */
  runqWait: Record<string, number>;
  detail?: Partial<LoadResult> & { seconds?: number; status?: number };
}

interface ScenarioResult {
  id: string;
  title: string;
  unit: string;
  baseline: string;
  silt: RoundResult[];
  nginx: RoundResult[];
  siltMedian: number;
  nginxMedian: number;
  ratio: number;
  cpuMedian: { silt: Record<string, number>; nginx: Record<string, number> };
  runqWaitMedian: { silt: Record<string, number>; nginx: Record<string, number> };
}

// ---------------------------------------------------------------------------------------------------------------
// cleanup: everything this run started, by PID, and its temp dirs

let cluster: RunningCluster | null = null;
let nginx: RunningNginx | null = null;
let tmpRoot: string | null = null;
let cleaning: Promise<void> | null = null;

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const r = await Promise.race([p, new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), ms)))]);
  clearTimeout(timer);
  return r;
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    let t = performance.now();
    const step = (what: string) => {
      log(`cleanup: ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
    };
    await withTimeout(stopSlowUfsClusters(), 20_000);
    await withTimeout(stopMounts(), 25_000);
    if (cluster) {
      const c = cluster;
      cluster = null;
      if ((await withTimeout(c.stop().catch(() => undefined), 15_000)) === 'timeout') {
        for (const p of c.processes.values()) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      }
      step('stopped the Silt cluster');
    }
    if (nginx) {
      const n = nginx;
      nginx = null;
      await withTimeout(n.stop().catch(() => undefined), 10_000);
      step('stopped nginx');
    }
    if (tmpRoot) {
      // coreutils rm: node 20's rmSync spends tens of seconds of CPU on the ~20k small files the PUT rounds leave.
      const rm = spawnSync('rm', ['-rf', '--one-file-system', tmpRoot], { timeout: 90_000 });
      if (rm.status !== 0) {
        try {
          rmSync(tmpRoot, { recursive: true, force: true });
        } catch (err) {
          console.error(`could not remove ${tmpRoot}: ${(err as Error).message}`);
        }
      }
      tmpRoot = null;
      step('removed the temp dir');
    }
  })();
  return cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping what the bench started`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// plain helpers

/** One request through node:http, collecting the body (for set-up and verification, not for timing). */
function httpRequest(
  port: number,
  method: string,
  path: string,
  body?: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolveReq, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: body ? { 'content-length': body.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveReq({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** GET streamed through an MD5, returning the digest and byte count (verification of the big object). */
function httpGetMd5(port: number, path: string): Promise<{ status: number; bytes: number; md5: string }> {
  return new Promise((resolveReq, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
      const h = createHash('md5');
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        h.update(c);
      });
      res.on('end', () => resolveReq({ status: res.statusCode ?? 0, bytes, md5: h.digest('hex') }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`GET ${path}: timeout`)));
    req.on('error', reject);
  });
}

async function parallel<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** `total` bytes as 1 MiB slices of `source`, cycling (no copies). */
function* slices(source: Buffer, total: number, chunk = MiB): Generator<Buffer> {
  let sent = 0;
  let off = 0;
  while (sent < total) {
    const n = Math.min(chunk, total - sent, source.length - off);
    yield source.subarray(off, off + n);
    sent += n;
    off = (off + n) % source.length;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// scenarios

async function runScenario(
  id: string,
  title: string,
  unit: string,
  baseline: string,
  targets: Target[],
  once: (t: Target, round: number) => Promise<{ value: number; detail?: RoundResult['detail'] }>,
  budgetMs = Infinity,
): Promise<ScenarioResult | null> {
  if (ONLY && !ONLY.has(id)) return null;
  const res: ScenarioResult = {
    id,
    title,
    unit,
    baseline,
    silt: [],
    nginx: [],
    siltMedian: NaN,
    nginxMedian: NaN,
    ratio: NaN,
    cpuMedian: { silt: {}, nginx: {} },
    runqWaitMedian: { silt: {}, nginx: {} },
  };
  const began = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0 && performance.now() - began > budgetMs) {
      log(`${title}: time budget of ${(budgetMs / 1000).toFixed(0)} s spent after ${round} round(s); stopping this scenario there`);
      break;
    }
    for (const t of targets) {
      const cpu = new CpuWindow(t.pids());
      const r = await once(t, round);
      res[t.name].push({ value: r.value, detail: r.detail, cpu: cpu.end(), runqWait: cpu.runqWait });
    }
  }
  res.siltMedian = median(res.silt.map((r) => r.value));
  res.nginxMedian = median(res.nginx.map((r) => r.value));
  res.ratio = res.siltMedian / res.nginxMedian;
  for (const name of ['silt', 'nginx'] as const) {
    const labels = new Set(res[name].flatMap((r) => Object.keys(r.cpu)));
    for (const l of labels) res.cpuMedian[name][l] = median(res[name].map((r) => r.cpu[l]));
    for (const l of new Set(res[name].flatMap((r) => Object.keys(r.runqWait)))) res.runqWaitMedian[name][l] = median(res[name].map((r) => r.runqWait[l]));
  }
  const errs = (rs: RoundResult[]) => rs.reduce((a, r) => a + (r.detail?.errors ?? 0), 0);
  log(
    `${title}: silt ${fmt(res.siltMedian, 1)} ${unit} [${res.silt.map((r) => fmt(r.value, 0)).join(' ')}]` +
      (targets.length > 1
        ? `, nginx ${fmt(res.nginxMedian, 1)} [${res.nginx.map((r) => fmt(r.value, 0)).join(' ')}], ratio ${fmt(res.ratio, 3)}`
        : '') +
      (errs(res.silt) || errs(res.nginx) ? ` (non-2xx/errors: silt ${errs(res.silt)}, nginx ${errs(res.nginx)}: ${res.silt.find((r) => r.detail?.firstError)?.detail?.firstError ?? ''})` : ''),
  );
  return res;
}

/**
 * One whole-object GET or PUT on a fresh connection; MiB/s, or NaN if it failed. With `maxMs`, a transfer still
 * running then is cut (the connection is closed) so the bench stays bounded; `partial` then says how far it got.
 */
async function transfer(
  t: Target,
  method: 'GET' | 'PUT',
  path: string,
  size: number,
  body?: Buffer | Iterable<Buffer>,
  maxMs = 120_000,
): Promise<{ value: number; detail: RoundResult['detail'] & { partial?: string } }> {
  const conn = new RawConnection(t.host, t.port, 120_000);
  const start = performance.now();
  let cut = false;
  const timer = setTimeout(() => {
    cut = true;
    conn.close();
  }, maxMs);
  const soFar = () => (method === 'GET' ? conn.responseBytesSoFar() : conn.bytesWritten());
  let moved = 0;
  const sampler = setInterval(() => (moved = Math.max(moved, soFar())), 50);
  try {
    const res = await conn.request({ method, path, body, bodyLength: body && !Buffer.isBuffer(body) ? size : undefined });
    const seconds = (performance.now() - start) / 1000;
    const ok = res.status >= 200 && res.status < 300 && (method === 'PUT' || res.bytes === size);
    return {
      value: ok ? size / MiB / seconds : NaN,
      detail: { seconds, status: res.status, errors: ok ? 0 : 1, firstError: ok ? undefined : `status ${res.status}, ${res.bytes} bytes` },
    };
  } catch (err) {
    const seconds = (performance.now() - start) / 1000;
    const partial = cut ? `cut after ${(maxMs / 1000).toFixed(0)} s having moved ~${(moved / MiB).toFixed(0)} of ${(size / MiB).toFixed(0)} MiB (~${(moved / MiB / seconds).toFixed(0)} MiB/s)` : undefined;
    return { value: NaN, detail: { seconds, status: 0, errors: 1, firstError: partial ?? (err as Error).message, partial } };
  } finally {
    clearTimeout(timer);
    clearInterval(sampler);
    conn.close();
  }
}

/** The first `<Tag>value</Tag>` of an XML answer. */
const xmlValue = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

/**
 * One multipart upload of `size` bytes as the SDKs do it: CreateMultipartUpload (POST ?uploads), UploadPart (PUT
 * ?partNumber&uploadId) of `partSize` parts with `parallel` raw keep-alive connections each taking the next part
 * number, then CompleteMultipartUpload (POST ?uploadId with the XML). Timed from the Create to the Complete's answer;
 * MiB/s, or NaN if anything failed (the upload is then aborted). `part(n)` gives part n's bytes (1-based).
 */
async function multipartUpload(
  t: Target,
  path: string,
  size: number,
  partSize: number,
  parallel: number,
  part: (n: number) => Buffer,
  maxMs: number,
): Promise<{ value: number; detail: RoundResult['detail'] & { partsSeconds?: number; completeSeconds?: number; etag?: string } }> {
  const start = performance.now();
  const count = Math.ceil(size / partSize);
  const conns = Array.from({ length: parallel }, () => new RawConnection(t.host, t.port, 120_000));
  let uploadId: string | undefined;
  let cut = false;
  const timer = setTimeout(() => {
    cut = true;
    for (const c of conns) c.close();
  }, maxMs);
  const fail = (why: string, status = 0) => ({ value: NaN, detail: { seconds: (performance.now() - start) / 1000, status, errors: 1, firstError: why } });
  try {
    const created = await httpRequest(t.port, 'POST', `${path}?uploads`);
    uploadId = xmlValue(created.body.toString(), 'UploadId');
    if (created.status !== 200 || !uploadId) return fail(`CreateMultipartUpload: ${created.status} ${created.body.toString().slice(0, 200)}`, created.status);
    const id = encodeURIComponent(uploadId);
    const etags: string[] = new Array(count);
    let next = 1;
    let partError: string | undefined;
    await Promise.all(
      conns.map(async (conn) => {
        while (next <= count && !partError) {
          const n = next++;
          try {
            const res = await conn.request({ method: 'PUT', path: `${path}?partNumber=${n}&uploadId=${id}`, body: part(n), keep: ['etag'] });
            if (res.status !== 200 || !res.headers.etag) partError ??= `UploadPart ${n}: status ${res.status}`;
            else etags[n - 1] = res.headers.etag;
          } catch (err) {
            partError ??= cut ? `cut after ${(maxMs / 1000).toFixed(0)} s in the part uploads` : `UploadPart ${n}: ${(err as Error).message}`;
          }
        }
      }),
    );
    if (partError) return fail(partError);
    const partsSeconds = (performance.now() - start) / 1000;
    const xml = Buffer.from(
      `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`,
    );
    const done = await httpRequest(t.port, 'POST', `${path}?uploadId=${id}`, xml);
    const seconds = (performance.now() - start) / 1000;
    const body = done.body.toString();
    const etag = xmlValue(body, 'ETag')?.replace(/&quot;|"/g, '');
    // A Complete can fail with 200 and an <Error> body (S3 sends whitespace while it works).
    if (done.status !== 200 || /<Error>/.test(body) || !etag) return fail(`CompleteMultipartUpload: ${done.status} ${body.slice(0, 300)}`, done.status);
    uploadId = undefined; // settled: nothing to abort
    return { value: size / MiB / seconds, detail: { seconds, status: 200, errors: 0, partsSeconds, completeSeconds: seconds - partsSeconds, etag } };
  } catch (err) {
    return fail(cut ? `cut after ${(maxMs / 1000).toFixed(0)} s` : (err as Error).message);
  } finally {
    clearTimeout(timer);
    for (const c of conns) c.close();
    if (uploadId) await httpRequest(t.port, 'DELETE', `${path}?uploadId=${encodeURIComponent(uploadId)}`).catch(() => undefined);
  }
}

/** Runs `fn` while sampling the peak RSS of each process (VmHWM after clear_refs=5 when allowed, else VmRSS every 100 ms). */
async function withPeakRss<T>(pids: Map<string, number>, fn: () => Promise<T>): Promise<{ r: T; peakMiB: Record<string, number>; method: string }> {
  const reset = [...pids.values()].every((p) => resetPeak(p));
  const sampler = new RssSampler(pids, 100);
  let r: T;
  try {
    r = await fn();
  } finally {
    sampler.stop();
  }
  const peakMiB: Record<string, number> = {};
  for (const [l, p] of pids) {
    const hwm = reset ? statusKiB(p, 'VmHWM') : NaN;
    peakMiB[l] = Math.max(Number.isFinite(hwm) ? hwm : 0, sampler.maxKiB.get(l) ?? 0) / 1024;
  }
  return { r, peakMiB, method: reset ? 'max(VmHWM after clear_refs=5, VmRSS sampled every 100 ms)' : 'VmRSS sampled every 100 ms (clear_refs not allowed)' };
}

interface MpuRound {
  kind: 'multipart' | 'single PUT';
  round: number;
  mibPerSec: number;
  seconds: number;
  partsSeconds?: number;
  completeSeconds?: number;
  error?: string;
  peakRssMiB: Record<string, number>;
  cpu: Record<string, number>;
}

interface MpuResult {
  rounds: MpuRound[];
  multipartMedian: number;
  singleMedian: number;
  ratio: number;
  /** Max over the multipart rounds, per process. */
  multipartPeakRssMiB: Record<string, number>;
  singlePeakRssMiB: Record<string, number>;
  rssMethod: string;
  etagOk: boolean;
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const watchdog = setTimeout(() => {
    console.error(`\nbench: still running after ${TIMEOUT_S} s — stopping what it started and giving up`);
    void cleanup().finally(() => process.exit(2));
  }, TIMEOUT_S * 1000);
  watchdog.unref();

  log(`node ${process.version}, ${cpus().length} cores (shared: the figures move with other tenants' load), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  log(`rounds ${ROUNDS}, ${DURATION_MS} ms per 4 KiB round, timeout ${TIMEOUT_S} s`);
  tmpRoot = mkdtempSync(join(tmpdir(), 'silt-bench-'));
  const wwwRoot = join(tmpRoot, 'www');
  mkdirSync(join(wwwRoot, BUCKET, 'small'), { recursive: true });

  // --- the bytes -------------------------------------------------------------------------------------------
  const big = Buffer.allocUnsafe(BIG_SIZE);
  for (let off = 0; off < BIG_SIZE; off += 64 * MiB) randomFillSync(big, off, 64 * MiB);
  const bigMd5 = createHash('md5').update(big).digest('hex');
  const smalls = Array.from({ length: SMALL_KEYS }, (_, i) => big.subarray(i * SMALL_SIZE, (i + 1) * SMALL_SIZE));
  const smallName = (i: number) => `k${String(i).padStart(5, '0')}`;
  writeFileSync(join(wwwRoot, BUCKET, 'big.bin'), big);
  smalls.forEach((b, i) => writeFileSync(join(wwwRoot, BUCKET, 'small', smallName(i)), b));

  // --- nginx -----------------------------------------------------------------------------------------------
  const ng = ensureNginx(log);
  let nginxNote = ng.note;
  if (ng.path) {
    const [port] = await freePorts(1);
    nginx = await startNginx(ng.path, join(tmpRoot, 'nginx'), wwwRoot, port, NGINX_WORKERS);
    log(`nginx ${ng.path} (${ng.note}) on 127.0.0.1:${port}, pid ${nginx.pid}, worker_processes ${NGINX_WORKERS} -> ${nginx.workerPids().length} workers, sendfile on, dav PUT ${nginx.dav ? 'on' : 'off'}`);
  } else {
    log(`SKIPPING nginx baselines: ${ng.note}. Ratios are n/a.`);
  }

  // --- silt ------------------------------------------------------------------------------------------------
  const layout = await ephemeralLayout(join(tmpRoot, 'silt'), 1);
  const extra = process.env.BENCH_SILT_CONFIG ? (JSON.parse(process.env.BENCH_SILT_CONFIG) as Record<string, string | number | boolean>) : {};
  if (Object.keys(extra).length) layout.extra = extra;
  const recent: string[] = [];
  const logLines = new Map<string, number>();
  const onLine = (svc: string, line: string) => {
    logLines.set(svc, (logLines.get(svc) ?? 0) + 1);
    recent.push(`${svc}: ${line}`);
    if (recent.length > 60) recent.shift();
    if (/"level":(50|60)/.test(line) || /\b(Error|error):/.test(line)) console.error(`  [${svc}] ${line.slice(0, 400)}`);
  };
  try {
    cluster = await startCluster(DIST_DIR, layout, onLine, 60_000);
  } catch (err) {
    console.error(`Silt cluster did not start: ${(err as Error).message}\nlast log lines:\n${recent.join('\n')}`);
    throw err;
  }
  const c = cluster;
  // A service may run several processes (the gateway forks one per core): each child is measured as its own
  // process, labelled `<service>#<n>`, because the RSS bar is per process.
  const childrenOf = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const childPids = new Map<string, number>();
  for (const [label, p] of c.processes) childrenOf(p.child.pid!).forEach((pid, i) => childPids.set(`${label}#${i + 1}`, pid));
  const pidOf = (label: string) => childPids.get(label) ?? c.processes.get(label)!.child.pid!;
  const siltLabels = [...c.processes.keys(), ...childPids.keys()];
  log(`silt ${c.endpoint}: ${siltLabels.map((l) => `${l}=${pidOf(l)}`).join(' ')}${Object.keys(extra).length ? `, extra config ${JSON.stringify(extra)}` : ''}`);
  const idleRss = Object.fromEntries(siltLabels.map((l) => [l, statusKiB(pidOf(l), 'VmRSS') / 1024]));

  const siltT: Target = {
    name: 'silt',
    host: layout.host,
    port: layout.s3Port,
    pids: () => new Map(siltLabels.map((l) => [l, [pidOf(l)]])),
  };
  const nginxT: Target | null = nginx
    ? {
        name: 'nginx',
        host: '127.0.0.1',
        port: nginx.port,
        pids: () => new Map([['nginx', [nginx!.pid, ...nginx!.workerPids()]]]),
      }
    : null;
  const both = nginxT ? [siltT, nginxT] : [siltT];

  // --- load Silt with the same bytes, verify, warm both ----------------------------------------------------
  const mk = await httpRequest(siltT.port, 'PUT', `/${BUCKET}`);
  if (mk.status !== 200 && !(mk.status === 409 && /BucketAlreadyOwnedByYou/.test(mk.body.toString()))) {
    throw new Error(`CreateBucket: ${mk.status} ${mk.body.toString().slice(0, 300)}`);
  }
  let t = performance.now();
  const put = await transfer(siltT, 'PUT', `/${BUCKET}/big.bin`, BIG_SIZE, big, 60_000);
  if (!Number.isFinite(put.value)) throw new Error(`PUT big.bin: ${put.detail?.firstError}`);
  log(`loaded big.bin (256 MiB) into silt in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  const head = await httpRequest(siltT.port, 'HEAD', `/${BUCKET}/big.bin`);
  const etag = String(head.headers.etag ?? '').replace(/"/g, '');
  if (etag !== bigMd5) log(`WARNING: ETag of big.bin is ${etag}, expected MD5 ${bigMd5}`);
  t = performance.now();
  await parallel(
    smalls.map((b, i) => ({ b, i })),
    8,
    async ({ b, i }) => {
      const r = await httpRequest(siltT.port, 'PUT', `/${BUCKET}/small/${smallName(i)}`, b);
      if (r.status !== 200) throw new Error(`PUT small/${smallName(i)}: ${r.status} ${r.body.toString().slice(0, 300)}`);
    },
  );
  log(`loaded ${SMALL_KEYS} x 4 KiB into silt in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  // First read of everything: verifies the bytes and warms the cache (and nginx's page cache).
  t = performance.now();
  const cold = await httpGetMd5(siltT.port, `/${BUCKET}/big.bin`);
  const coldSecs = (performance.now() - t) / 1000;
  if (cold.status !== 200 || cold.bytes !== BIG_SIZE || cold.md5 !== bigMd5) {
    throw new Error(`GET big.bin from silt: status ${cold.status}, ${cold.bytes} bytes, md5 ${cold.md5 === bigMd5 ? 'ok' : 'WRONG'}`);
  }
  log(`verified big.bin from silt (cold read, md5 on the client) in ${coldSecs.toFixed(2)} s`);
  await parallel([...smalls.keys()], 8, async (i) => {
    const r = await httpRequest(siltT.port, 'GET', `/${BUCKET}/small/${smallName(i)}`);
    if (r.status !== 200 || !r.body.equals(smalls[i])) throw new Error(`GET small/${smallName(i)} from silt: status ${r.status}, ${r.body.length} bytes, content ${r.body.equals(smalls[i]) ? 'ok' : 'WRONG'}`);
  });
  if (nginxT) {
    const n = await httpGetMd5(nginxT.port, `/${BUCKET}/big.bin`);
    if (n.md5 !== bigMd5) throw new Error('nginx served different bytes');
    await parallel([...smalls.keys()], 8, async (i) => void (await httpRequest(nginxT.port, 'GET', `/${BUCKET}/small/${smallName(i)}`)));
  }
  log('verified and warmed the 4 KiB objects on both');

  // --- scenarios -------------------------------------------------------------------------------------------
  const results: ScenarioResult[] = [];
  const add = (r: ScenarioResult | null) => r && results.push(r);

  add(
    await runScenario('get256', '256 MiB warm GET, 1 stream', 'MiB/s', 'nginx GET (sendfile) of the same file', both, (tg) =>
      transfer(tg, 'GET', `/${BUCKET}/big.bin`, BIG_SIZE, undefined, BIG_TRANSFER_MAX_MS),
      BIG_SCENARIO_BUDGET_MS,
    ),
  );
  const putBaseline = nginx?.dav
    ? 'nginx PUT (DAV module: body to a temp file, then rename; no fsync, no MD5)'
    : 'nginx GET of the same bytes (nginx here has no DAV module to accept PUT)';
  add(
    await runScenario('put256', '256 MiB PUT, 1 stream', 'MiB/s', putBaseline, both, (tg) =>
      tg.name === 'nginx' && !nginx?.dav
        ? transfer(tg, 'GET', `/${BUCKET}/big.bin`, BIG_SIZE, undefined, BIG_TRANSFER_MAX_MS)
        : transfer(tg, 'PUT', `/${BUCKET}/put-big.bin`, BIG_SIZE, big, BIG_TRANSFER_MAX_MS),
      BIG_SCENARIO_BUDGET_MS,
    ),
  );
  const spread = (w: number, seq: number) => smallName((w * 37 + seq) % SMALL_KEYS);
  for (const conc of [1, 16]) {
    add(
      await runScenario(`get4k-c${conc}`, `4 KiB warm GET, c${conc}`, 'ops/s', 'nginx GET of the same files', both, (tg) =>
        closedLoop(tg.host, tg.port, conc, DURATION_MS, (w, seq) => ({ method: 'GET', path: `/${BUCKET}/small/${spread(w, seq)}` }), SMALL_SIZE).then(
          (r) => ({ value: r.opsPerSec, detail: r }),
        ),
      ),
    );
  }
  for (const conc of [1, 16]) {
    add(
      await runScenario(`head4k-c${conc}`, `4 KiB HEAD, c${conc}`, 'ops/s', 'nginx HEAD of the same files', both, (tg) =>
        closedLoop(tg.host, tg.port, conc, DURATION_MS, (w, seq) => ({ method: 'HEAD', path: `/${BUCKET}/small/${spread(w, seq)}` }), 0).then((r) => ({
          value: r.opsPerSec,
          detail: r,
        })),
      ),
    );
  }
  for (const conc of [1, 16]) {
    add(
      await runScenario(
        `put4k-c${conc}`,
        `4 KiB PUT (new keys), c${conc}`,
        'ops/s',
        nginx?.dav ? 'nginx DAV PUT of the same bytes to new files (no fsync)' : 'nginx GET of the same files (no DAV)',
        both,
        (tg, round) =>
          closedLoop(tg.host, tg.port, conc, DURATION_MS, (w, seq) =>
            tg.name === 'nginx' && !nginx?.dav
              ? { method: 'GET', path: `/${BUCKET}/small/${spread(w, seq)}` }
              : { method: 'PUT', path: `/${BUCKET}/w/c${conc}-r${round}-w${w}-${seq}`, body: smalls[(w + seq) % SMALL_KEYS] },
          ).then((r) => ({ value: r.opsPerSec, detail: r })),
      ),
    );
  }

  // --- issue 4: Put/GetObjectTagging at c32 against HeadObject of the same keys, interleaved in the same run --------
  // Both columns are Silt here: the one labelled "nginx" in the table is Silt's own HeadObject (the baseline).
  const siltTarget = both.find((t) => t.name === 'silt');
  if (siltTarget) {
    const asBaseline: Target = { ...siltTarget, name: 'nginx' };
    const tagBody = Buffer.from('<Tagging><TagSet><Tag><Key>project</Key><Value>silt</Value></Tag><Tag><Key>tier</Key><Value>hot</Value></Tag></TagSet></Tagging>');
    for (const [id, title, make] of [
      ['tag-put-c32', 'PutObjectTagging vs HeadObject, c32', (w: number, seq: number) => ({ method: 'PUT', path: `/${BUCKET}/small/${spread(w, seq)}?tagging`, body: tagBody })],
      ['tag-get-c32', 'GetObjectTagging vs HeadObject, c32', (w: number, seq: number) => ({ method: 'GET', path: `/${BUCKET}/small/${spread(w, seq)}?tagging` })],
    ] as const) {
      add(
        await runScenario(id, title, 'ops/s', "Silt's own HeadObject of the same keys at c32 (shown in the nginx column)", [siltTarget, asBaseline], (tg) =>
          closedLoop(siltTarget.host, siltTarget.port, 32, DURATION_MS, (w, seq) =>
            tg.name === 'silt' ? make(w, seq) : { method: 'HEAD', path: `/${BUCKET}/small/${spread(w, seq)}` },
          ).then((r) => ({ value: r.opsPerSec, detail: r })),
        ),
      );
    }
  }

  // --- issue 5: cold vs warm GETs over a slow UFS, redirect vs proxy (own clusters; see slow-ufs.ts) -----------
  let slowUfs: SlowUfsResult | null = null;
  if (!ONLY || ONLY.has('slow-ufs') || ONLY.has('slow-ufs-redirect')) {
    slowUfs = await runSlowUfs({
      distDir: DIST_DIR,
      dataDir: tmpRoot,
      log,
      onLine,
      extra,
      big,
      nginx: nginxT ? { host: nginxT.host, port: nginxT.port, path: `/${BUCKET}/big.bin` } : null,
      only: ONLY,
      deadline: t0 + (TIMEOUT_S - 60) * 1000,
    });
  }

  // --- issue 6: mounts: first listing vs re-listing, cold vs warm epochs over moto (own cluster; see mounts.ts) ---
  let mounts: MountsResult | null = null;
  if (!ONLY || ONLY.has('mounts')) {
    mounts = await runMounts({ distDir: DIST_DIR, dataDir: tmpRoot, log, onLine, extra, deadline: t0 + (TIMEOUT_S - 60) * 1000 });
  }

  // --- issue 3: 1 GiB multipart upload vs a single PUT of the same bytes -----------------------------------
  let mpu: MpuResult | null = null;
  if (!ONLY || ONLY.has('mpu1g')) {
    const pidMap = new Map(siltLabels.map((l) => [l, pidOf(l)]));
    // Part n is bytes [(n-1)*8 MiB, n*8 MiB) of the same 1 GiB stream the single PUT sends (`big`, cycled).
    const partCount = HUGE_SIZE / MPU_PART_SIZE;
    const partOf = (n: number) => {
      const off = ((n - 1) * MPU_PART_SIZE) % BIG_SIZE;
      return big.subarray(off, off + MPU_PART_SIZE);
    };
    const distinctMd5 = new Map<number, Buffer>();
    const partMd5 = (n: number) => {
      const off = ((n - 1) * MPU_PART_SIZE) % BIG_SIZE;
      if (!distinctMd5.has(off)) distinctMd5.set(off, createHash('md5').update(partOf(n)).digest());
      return distinctMd5.get(off)!;
    };
    const expectedEtag = `${createHash('md5').update(Buffer.concat(Array.from({ length: partCount }, (_, i) => partMd5(i + 1)))).digest('hex')}-${partCount}`;
    const rounds: MpuRound[] = [];
    let etagOk = true;
    let method = '';
    const began = performance.now();
    const one = async (kind: MpuRound['kind'], round: number) => {
      const cpu = new CpuWindow(new Map(siltLabels.map((l) => [l, [pidOf(l)]])));
      const { r, peakMiB, method: m } = await withPeakRss(pidMap, () =>
        kind === 'multipart'
          ? multipartUpload(siltT, `/${BUCKET}/mpu.bin`, HUGE_SIZE, MPU_PART_SIZE, MPU_PARALLEL, partOf, MPU_TRANSFER_MAX_MS)
          : transfer(siltT, 'PUT', `/${BUCKET}/single.bin`, HUGE_SIZE, slices(big, HUGE_SIZE), MPU_TRANSFER_MAX_MS),
      );
      method = m;
      const d = r.detail as MpuRound & { firstError?: string; etag?: string };
      if (kind === 'multipart' && d.etag && d.etag !== expectedEtag) {
        etagOk = false;
        log(`WARNING: multipart ETag ${d.etag}, expected ${expectedEtag}`);
      }
      rounds.push({
        kind,
        round,
        mibPerSec: r.value,
        seconds: d.seconds ?? NaN,
        partsSeconds: d.partsSeconds,
        completeSeconds: d.completeSeconds,
        error: d.firstError,
        peakRssMiB: peakMiB,
        cpu: cpu.end(),
      });
      log(
        `1 GiB ${kind} round ${round + 1}: ${fmt(r.value, 0)} MiB/s in ${fmt(d.seconds ?? NaN, 2)} s` +
          (d.partsSeconds !== undefined ? ` (parts ${fmt(d.partsSeconds, 2)} s, Complete ${fmt(d.completeSeconds ?? NaN, 2)} s)` : '') +
          (d.firstError ? ` FAILED: ${d.firstError}` : '') +
          `; peak RSS ${Object.entries(peakMiB).map(([l, v]) => `${l} ${v.toFixed(0)}`).join(', ')} MiB`,
      );
    };
    for (let round = 0; round < MPU_ROUNDS; round++) {
      if (round > 0 && performance.now() - began > MPU_BUDGET_MS) {
        log(`1 GiB multipart vs single PUT: time budget of ${MPU_BUDGET_MS / 1000} s spent after ${round} round(s); stopping there`);
        break;
      }
      if (Date.now() - t0 > (TIMEOUT_S - 60) * 1000) {
        log(`1 GiB multipart vs single PUT: round ${round + 1} skipped, too close to the ${TIMEOUT_S} s limit`);
        break;
      }
      // ABBA order: neither kind always goes first (page-cache writeback of the previous 1 GiB lands on the next).
      const order: MpuRound['kind'][] = round % 2 === 0 ? ['multipart', 'single PUT'] : ['single PUT', 'multipart'];
      for (const kind of order) await one(kind, round);
    }
    // Byte-exact check of the last multipart object, outside the timing.
    const mpuHead = await httpRequest(siltT.port, 'HEAD', `/${BUCKET}/mpu.bin`);
    if (mpuHead.status === 200 && Number(mpuHead.headers['content-length']) !== HUGE_SIZE) {
      etagOk = false;
      log(`WARNING: mpu.bin is ${mpuHead.headers['content-length']} bytes, expected ${HUGE_SIZE}`);
    }
    const maxOver = (rs: MpuRound[]) => Object.fromEntries(siltLabels.map((l) => [l, Math.max(...rs.map((r) => r.peakRssMiB[l] ?? NaN))]));
    const multi = rounds.filter((r) => r.kind === 'multipart');
    const single = rounds.filter((r) => r.kind === 'single PUT');
    mpu = {
      rounds,
      multipartMedian: median(multi.map((r) => r.mibPerSec)),
      singleMedian: median(single.map((r) => r.mibPerSec)),
      ratio: NaN,
      multipartPeakRssMiB: maxOver(multi),
      singlePeakRssMiB: maxOver(single),
      rssMethod: method,
      etagOk,
    };
    mpu.ratio = mpu.multipartMedian / mpu.singleMedian;
    log(
      `1 GiB multipart vs single PUT: ${fmt(mpu.multipartMedian, 1)} vs ${fmt(mpu.singleMedian, 1)} MiB/s, ratio ${fmt(mpu.ratio, 3)}; ` +
        `multipart ETag ${etagOk ? 'as expected' : 'WRONG'}`,
    );
  }

  // --- peak RSS during 1 GiB transfers ---------------------------------------------------------------------
  const rssPhases: { phase: string; mibPerSec: number; status: number; note?: string; perProcessMiB: Record<string, number>; method: string }[] = [];
  if (!ONLY || ONLY.has('rss')) {
    const pidMap = new Map(siltLabels.map((l) => [l, pidOf(l)]));
    const phase = async (name: string, fn: () => Promise<{ value: number; detail: RoundResult['detail'] }>) => {
      if (Date.now() - t0 > (TIMEOUT_S - 45) * 1000) {
        log(`${name}: skipped, too close to the ${TIMEOUT_S} s limit`);
        return false;
      }
      const reset = [...pidMap.values()].every((p) => resetPeak(p));
      const sampler = new RssSampler(pidMap, 100);
      const r = await fn();
      const sampled = sampler.stop();
      const per: Record<string, number> = {};
      for (const [l, p] of pidMap) {
        const hwm = reset ? statusKiB(p, 'VmHWM') : NaN;
        per[l] = Math.max(Number.isFinite(hwm) ? hwm : 0, sampled.get(l) ?? 0) / 1024;
      }
      rssPhases.push({
        phase: name,
        mibPerSec: r.value,
        status: r.detail?.status ?? 0,
        note: r.detail?.firstError,
        perProcessMiB: per,
        method: reset ? 'max(VmHWM after clear_refs=5, VmRSS sampled every 100 ms)' : 'VmRSS sampled every 100 ms (clear_refs not allowed)',
      });
      const okPhase = r.detail?.status !== undefined && r.detail.status >= 200 && r.detail.status < 300;
      log(`${name}: ${fmt(r.value, 0)} MiB/s (status ${r.detail?.status}${r.detail?.firstError ? `: ${r.detail.firstError}` : ''}); peak RSS ${Object.entries(per).map(([l, v]) => `${l} ${v.toFixed(0)}`).join(', ')} MiB`);
      return okPhase;
    };
    const stored = await phase('PUT 1 GiB', () => transfer(siltT, 'PUT', `/${BUCKET}/huge.bin`, HUGE_SIZE, slices(big, HUGE_SIZE), HUGE_TRANSFER_MAX_MS));
    if (stored) {
      await phase('GET 1 GiB (cold: read-through)', () => transfer(siltT, 'GET', `/${BUCKET}/huge.bin`, HUGE_SIZE, undefined, HUGE_TRANSFER_MAX_MS));
      await phase('GET 1 GiB (warm)', () => transfer(siltT, 'GET', `/${BUCKET}/huge.bin`, HUGE_SIZE, undefined, HUGE_TRANSFER_MAX_MS));
    } else {
      // The 1 GiB object is not there: still measure RSS under 1 GiB of GET traffic, as 4 back-to-back 256 MiB GETs.
      await phase('GET 4 x 256 MiB (1 GiB PUT failed)', async () => {
        const began = performance.now();
        for (let i = 0; i < 4; i++) {
          const r = await transfer(siltT, 'GET', `/${BUCKET}/big.bin`, BIG_SIZE, undefined, HUGE_TRANSFER_MAX_MS / 4);
          if (!Number.isFinite(r.value)) return r;
        }
        return { value: HUGE_SIZE / MiB / ((performance.now() - began) / 1000), detail: { status: 200, errors: 0 } };
      });
    }
  }

  // --- report ----------------------------------------------------------------------------------------------
  const lines: string[] = [];
  const pad = (s: string, n: number) => s.padEnd(n);
  const lpad = (s: string, n: number) => s.padStart(n);
  lines.push('');
  lines.push(`Silt vs nginx — medians of ${ROUNDS} interleaved rounds (silt, nginx, silt, nginx …), same bytes, same run`);
  lines.push(`nginx: ${nginx ? `worker_processes ${NGINX_WORKERS} (${nginx.workerPids().length} workers), sendfile on, keep-alive, access_log off` : `not available (${nginxNote})`}`);
  lines.push(`client: raw HTTP/1.1 keep-alive sockets in this process, unsigned requests (SIMPLE auth default user); only 2xx counted`);
  lines.push('');
  lines.push(`${pad('scenario', 30)} ${pad('unit', 6)} ${lpad('silt', 9)} ${lpad('nginx', 9)} ${lpad('ratio', 7)}   silt rounds | nginx rounds`);
  for (const r of results) {
    lines.push(
      `${pad(r.title, 30)} ${pad(r.unit, 6)} ${lpad(fmt(r.siltMedian), 9)} ${lpad(fmt(r.nginxMedian), 9)} ${lpad(fmt(r.ratio, 3), 7)}   ${r.silt.map((x) => fmt(x.value)).join(' ')} | ${r.nginx.map((x) => fmt(x.value)).join(' ')}`,
    );
  }
  lines.push('');
  lines.push('baselines: ' + results.map((r) => `${r.id} = ${r.baseline}`).join('; '));
  const smallLat = results.filter((r) => r.unit === 'ops/s');
  if (smallLat.length) {
    lines.push('');
    lines.push('latency of the median round (ms):  p50 silt / nginx    p99 silt / nginx');
    for (const r of smallLat) {
      const pick = (rs: RoundResult[], m: number) => rs.reduce((best, x) => (Math.abs(x.value - m) < Math.abs(best.value - m) ? x : best), rs[0]);
      const s = pick(r.silt, r.siltMedian)?.detail;
      const n = r.nginx.length ? pick(r.nginx, r.nginxMedian)?.detail : undefined;
      lines.push(`  ${pad(r.title, 30)} ${fmt(s?.p50ms ?? NaN, 2)} / ${fmt(n?.p50ms ?? NaN, 2)}    ${fmt(s?.p99ms ?? NaN, 2)} / ${fmt(n?.p99ms ?? NaN, 2)}`);
    }
  }
  lines.push('');
  lines.push('CPU during the rounds, median % of one core (2 cores = 200%):');
  lines.push(`  ${pad('scenario', 30)} ${siltLabels.map((l) => lpad(l, 10)).join(' ')} ${lpad('client', 7)} |  ${lpad('nginx', 6)} ${lpad('client', 7)}`);
  for (const r of results) {
    lines.push(
      `  ${pad(r.title, 30)} ${siltLabels.map((l) => lpad(fmt(r.cpuMedian.silt[l]), 10)).join(' ')} ${lpad(fmt(r.cpuMedian.silt['bench-client']), 7)} |  ${lpad(fmt(r.cpuMedian.nginx.nginx), 6)} ${lpad(fmt(r.cpuMedian.nginx['bench-client']), 7)}`,
    );
  }
  lines.push('');
  lines.push('Run-queue wait of each main thread, median % of wall time (runnable but no CPU: the noisy-machine tax per hop):');
  lines.push(`  ${pad('scenario', 30)} ${siltLabels.map((l) => lpad(l, 10)).join(' ')} |  ${lpad('nginx', 6)}`);
  for (const r of results) {
    lines.push(`  ${pad(r.title, 30)} ${siltLabels.map((l) => lpad(fmt(r.runqWaitMedian.silt[l]), 10)).join(' ')} |  ${lpad(fmt(r.runqWaitMedian.nginx.nginx), 6)}`);
  }
  if (rssPhases.length) {
    lines.push('');
    lines.push(`Peak RSS per Silt process (MiB; idle after start: ${siltLabels.map((l) => `${l} ${fmt(idleRss[l])}`).join(', ')})`);
    lines.push(`  ${pad('phase', 32)} ${lpad('MiB/s', 6)} ${siltLabels.map((l) => lpad(l, 10)).join(' ')}`);
    for (const p of rssPhases) {
      lines.push(`  ${pad(p.phase, 32)} ${lpad(fmt(p.mibPerSec), 6)} ${siltLabels.map((l) => lpad(fmt(p.perProcessMiB[l]), 10)).join(' ')}${p.note ? `   (${p.note})` : ''}`);
    }
    lines.push(`  (${rssPhases[0].method})`);
  }
  if (mpu) {
    const multi = mpu.rounds.filter((r) => r.kind === 'multipart');
    const single = mpu.rounds.filter((r) => r.kind === 'single PUT');
    lines.push('');
    lines.push(
      `1 GiB upload: multipart (${MPU_PART_SIZE / MiB} MiB parts, ${MPU_PARALLEL} in parallel, Create..Complete) vs one PUT of the same bytes — ` +
        `${multi.length} interleaved rounds (ABBA), medians`,
    );
    lines.push(`  ${pad('', 12)} ${lpad('MiB/s', 7)}   rounds (MiB/s)      ${siltLabels.map((l) => lpad(`${l} RSS`, 14)).join(' ')}`);
    const row = (label: string, m: number, rs: MpuRound[], peak: Record<string, number>) =>
      lines.push(`  ${pad(label, 12)} ${lpad(fmt(m), 7)}   ${pad(rs.map((r) => fmt(r.mibPerSec)).join(' '), 18)}  ${siltLabels.map((l) => lpad(fmt(peak[l]), 14)).join(' ')}`);
    row('multipart', mpu.multipartMedian, multi, mpu.multipartPeakRssMiB);
    row('single PUT', mpu.singleMedian, single, mpu.singlePeakRssMiB);
    lines.push(`  ratio multipart / single PUT: ${fmt(mpu.ratio, 3)}   (multipart ETag ${mpu.etagOk ? 'md5-of-part-md5s-128 as expected' : 'WRONG'})`);
    lines.push(
      `  multipart time split per round (parts / Complete, s): ${multi.map((r) => `${fmt(r.partsSeconds ?? NaN, 2)} / ${fmt(r.completeSeconds ?? NaN, 2)}`).join(', ')}`,
    );
    const cpuMed = (rs: MpuRound[]) => [...siltLabels, 'bench-client'].map((l) => `${l} ${fmt(median(rs.map((r) => r.cpu[l])))}`).join(', ');
    lines.push(`  CPU median % of one core: multipart ${cpuMed(multi)}; single PUT ${cpuMed(single)}`);
    lines.push(`  peak RSS (MiB) = max over the rounds of ${mpu.rssMethod}`);
    for (const r of mpu.rounds.filter((x) => x.error)) lines.push(`  ${r.kind} round ${r.round + 1} failed: ${r.error}`);
  }
  if (slowUfs) lines.push(...slowUfs.lines);
  if (mounts) lines.push(...mounts.lines);
  lines.push('');
  lines.push(`Silt log lines per process during the run: ${[...logLines].map(([l, n]) => `${l} ${n}`).join(', ')}`);

  // --- bars ------------------------------------------------------------------------------------------------
  const byId = (id: string) => results.find((r) => r.id === id);
  const bars: { bar: string; value: string; pass: boolean | null }[] = [];
  const ratioBar = (id: string, label: string, min: number) => {
    const r = byId(id);
    if (!r) return;
    const ok = Number.isFinite(r.ratio) ? r.ratio >= min : null;
    bars.push({ bar: `${label} >= ${min}x nginx`, value: `${fmt(r.ratio, 3)}x (${fmt(r.siltMedian)} vs ${fmt(r.nginxMedian)} ${r.unit})`, pass: ok });
  };
  ratioBar('get256', '256 MiB warm GET', 0.5);
  ratioBar('get4k-c16', '4 KiB warm GET c16', 0.25);
  if (rssPhases.length) {
    const worst = Math.max(...rssPhases.flatMap((p) => Object.values(p.perProcessMiB)));
    const failedPhase = rssPhases.some((p) => !(p.status >= 200 && p.status < 300));
    bars.push({
      bar: `peak RSS of every Silt process < ${RSS_LIMIT_MIB} MiB (1 GiB PUT and GET)`,
      value: `max ${fmt(worst)} MiB${failedPhase ? ' (a transfer failed)' : ''}`,
      pass: worst < RSS_LIMIT_MIB && !failedPhase,
    });
  }
  if (mpu) {
    const failed = mpu.rounds.some((r) => r.error) || !mpu.etagOk;
    bars.push({
      bar: `1 GiB multipart (8 MiB x ${MPU_PARALLEL}) >= ${MPU_RATIO_MIN}x single PUT`,
      value: `${fmt(mpu.ratio, 3)}x (${fmt(mpu.multipartMedian)} vs ${fmt(mpu.singleMedian)} MiB/s)${failed ? ' (a round failed)' : ''}`,
      pass: Number.isFinite(mpu.ratio) ? mpu.ratio >= MPU_RATIO_MIN && !failed : null,
    });
    // Every gateway process counts (the primary and the workers it forks: `s3-gateway#<n>`).
    const gw = Math.max(...Object.entries(mpu.multipartPeakRssMiB).filter(([l]) => l === 's3-gateway' || l.startsWith('s3-gateway#')).map(([, v]) => v));
    bars.push({
      bar: `gateway peak RSS < ${RSS_LIMIT_MIB} MiB (1 GiB multipart upload)`,
      value: `${fmt(gw)} MiB (${Object.entries(mpu.multipartPeakRssMiB).map(([l, v]) => `${l} ${fmt(v)}`).join(', ')})`,
      pass: Number.isFinite(gw) ? gw < RSS_LIMIT_MIB : null,
    });
  }
  if (slowUfs) bars.push(...slowUfs.bars);
  if (mounts) bars.push(...mounts.bars);
  lines.push('');
  lines.push('Bars:');
  for (const b of bars) lines.push(`  ${b.pass === null ? 'N/A ' : b.pass ? 'PASS' : 'FAIL'}  ${pad(b.bar, 62)} ${b.value}`);
  console.log(lines.join('\n'));

  const out = {
    when: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadavgAtStart: loadavg(),
    rounds: ROUNDS,
    durationMsPer4KiBRound: DURATION_MS,
    nginx: nginx ? { path: ng.path, workerProcesses: NGINX_WORKERS, workers: nginx.workerPids().length, dav: nginx.dav } : { skipped: nginxNote },
    siltExtraConfig: extra,
    idleRssMiB: idleRss,
    scenarios: results,
    rss: rssPhases,
    multipart1GiB: mpu,
    slowUfs: slowUfs?.json,
    mounts: mounts?.json,
    siltLogLines: Object.fromEntries(logLines),
    bars,
  };
  mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
  writeFileSync(join(REPO_ROOT, '.bench', 'latest.json'), JSON.stringify(out, null, 2));
  log(`wrote ${join(REPO_ROOT, '.bench', 'latest.json')}`);
  clearTimeout(watchdog);
  return bars.some((b) => b.pass === false) ? 1 : 0;
}

main()
  .then(async (code) => {
    await cleanup();
    log(`done (${code === 0 ? 'no bar failed' : 'a bar failed'})`);
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    await cleanup();
    process.exit(2);
  });
