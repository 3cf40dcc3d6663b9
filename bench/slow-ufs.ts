/**
 * The slow-UFS scenario of `npm run bench` (issue 5): Silt in front of a UFS that behaves like a remote object store
 * (`ufs.slow.*`: a first-byte latency on every read and stat, reads paced to a bandwidth cap shared by the mount),
 * measured cold (first GET of a fresh key: record from metadata, bytes read through the worker from the slow UFS)
 * and warm (the same keys again: pages in the worker's tiers, read by the gateway's short-circuit or the worker).
 *
 * Scenario ids (BENCH_ONLY): `slow-ufs` runs everything below, `slow-ufs-redirect` only the redirect vs proxy part.
 *  - cold vs warm GET time-to-first-byte (p50) and throughput for 4 KiB, 1 MiB and 256 MiB objects;
 *  - warm 256 MiB GETs interleaved with nginx serving the same 256 MiB file (the bytes run.ts gives nginx);
 *  - redirect vs proxy: warm 1 MiB and 256 MiB GETs from a second cluster with `s3.redirect.enabled` (the client
 *    follows one 307 to the worker's read port) against the slow cluster (the gateway proxies), interleaved.
 *
 * Every client request goes over raw keep-alive sockets of this process and its body is counted and dropped, never
 * buffered; objects are uploaded from slices of run.ts's 256 MiB buffer (no copies), so the scenario adds little to
 * the bench process's memory. Knobs: BENCH_SLOW_LATENCY ('20ms'), BENCH_SLOW_BANDWIDTH ('100MiB').
 */
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { ephemeralLayout, startCluster, type RunningCluster } from '../libs/runtime/src/cluster-launcher';

const KiB = 1024;
const MiB = 1024 * KiB;
const BUCKET = 'slow';
const LATENCY = process.env.BENCH_SLOW_LATENCY ?? '20ms';
const BANDWIDTH = process.env.BENCH_SLOW_BANDWIDTH ?? '100MiB';

/** Sizes measured, with how many cold keys (each read once, cold) and warm reads (cycling over those keys). */
const SIZES = [
  { label: '4 KiB', size: 4 * KiB, cold: 20, warm: 200 },
  { label: '1 MiB', size: MiB, cold: 20, warm: 200 },
  { label: '256 MiB', size: 256 * MiB, cold: 2, warm: 5 },
] as const;

/** Targets of the issue. */
const TTFB_RATIO_MAX = 1 / 20; // warm 4 KiB TTFB p50 <= 1/20 of cold
const NGINX_RATIO_MIN = 0.6; // warm 256 MiB throughput >= 0.6x nginx

const REDIRECT_ROUNDS = 3;
const REDIRECT_1M_KEYS = 10;
const REDIRECT_1M_READS = 50; // per round and side

/** One transfer may not take longer than this (a 256 MiB cold read at the default cap takes ~3 s). */
const TRANSFER_MAX_MS = 60_000;

export interface SlowUfsContext {
  /** The built tree (dist/). */
  distDir: string;
  /** Where the clusters' data go (removed by the caller). */
  dataDir: string;
  log: (msg: string) => void;
  onLine: (service: string, line: string) => void;
  /** Extra Silt keys of the run (BENCH_SILT_CONFIG). */
  extra: Record<string, string | number | boolean>;
  /** 256 MiB: the bytes of every object (slices of it) and of nginx's file. */
  big: Buffer;
  /** nginx serving `big` at `path`, or null (no baseline). */
  nginx: { host: string; port: number; path: string } | null;
  /** Scenario ids selected (BENCH_ONLY), null = all. */
  only: Set<string> | null;
  /** Epoch ms by which the scenario must be done (it skips what would not fit). */
  deadline: number;
}

export interface SlowUfsBar {
  bar: string;
  value: string;
  pass: boolean | null;
}

export interface SlowUfsResult {
  lines: string[];
  bars: SlowUfsBar[];
  json: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------
// the clusters this scenario starts, stopped by stopSlowUfsClusters() whatever happens

const running = new Set<RunningCluster>();

async function stopCluster(c: RunningCluster): Promise<void> {
  running.delete(c);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    c.stop().then(
      () => false,
      () => false,
    ),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 15_000))),
  ]);
  clearTimeout(timer);
  if (timedOut) for (const p of c.processes.values()) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}

/** Stops every cluster the scenario started and has not stopped yet (for run.ts's cleanup). */
export async function stopSlowUfsClusters(): Promise<void> {
  await Promise.all([...running].map(stopCluster));
}

// ---------------------------------------------------------------------------------------------------------------
// a timing HTTP/1.1 client: one keep-alive socket, one request at a time, body counted and dropped

interface Timed {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  bytes: number;
  /** ms from writing the request to the end of the response head. */
  headersMs: number;
  /** ms from writing the request to the first body byte (= headersMs for an empty body). */
  ttfbMs: number;
  totalMs: number;
}

const CRLF2 = Buffer.from('\r\n\r\n');

export class TimedConnection {
  private socket: Socket | null = null;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private async open(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const s = connect({ host: this.host, port: this.port, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => {
        s.off('error', reject);
        resolve();
      });
      s.once('error', reject);
    });
    s.on('error', () => undefined); // surfaced through 'close' to the request in flight
    this.socket = s;
    return s;
  }

  async request(method: string, path: string, body?: Buffer | Iterable<Buffer>, bodyLength?: number, maxMs = TRANSFER_MAX_MS): Promise<Timed> {
    const socket = await this.open();
    const length = Buffer.isBuffer(body) ? body.length : body ? bodyLength : method === 'PUT' ? 0 : undefined;
    const head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n${length !== undefined ? `Content-Length: ${length}\r\n` : ''}\r\n`;
    const start = performance.now();
    let finished = false;
    const done = new Promise<Timed>((resolve, reject) => {
      let pending: Buffer | null = Buffer.alloc(0);
      let remaining = -1;
      let close = false;
      const res: Timed = { status: 0, headers: {}, bytes: 0, headersMs: NaN, ttfbMs: NaN, totalMs: NaN };
      const cleanup = () => {
        finished = true;
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('close', onClose);
      };
      const fail = (err: Error) => {
        cleanup();
        this.close();
        reject(err);
      };
      const finish = () => {
        cleanup();
        res.totalMs = performance.now() - start;
        if (Number.isNaN(res.ttfbMs)) res.ttfbMs = res.headersMs;
        if (close) this.close();
        resolve(res);
      };
      const onData = (chunk: Buffer) => {
        let data = chunk;
        while (pending !== null) {
          pending = pending.length ? Buffer.concat([pending, data]) : data;
          const end = pending.indexOf(CRLF2);
          if (end < 0) return;
          const lines = pending.toString('latin1', 0, end).split('\r\n');
          data = pending.subarray(end + 4);
          const status = Number(lines[0].slice(9, 12));
          if (status >= 100 && status < 200) {
            pending = Buffer.alloc(0); // 100 Continue: the real head follows
            if (!data.length) return;
            continue;
          }
          pending = null;
          res.status = status;
          res.headersMs = performance.now() - start;
          for (const line of lines.slice(1)) {
            const colon = line.indexOf(':');
            if (colon > 0) res.headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
          }
          close = (res.headers.connection ?? '').toLowerCase() === 'close';
          if (method === 'HEAD' || status === 204 || status === 304) remaining = 0;
          else if (res.headers['content-length'] !== undefined) remaining = Number(res.headers['content-length']);
          else return fail(new Error(`${method} ${path}: status ${status} without Content-Length (not supported by this client)`));
        }
        if (data.length && remaining > 0) {
          if (Number.isNaN(res.ttfbMs)) res.ttfbMs = performance.now() - start;
          const take = Math.min(remaining, data.length);
          res.bytes += take;
          remaining -= take;
        }
        if (remaining === 0) finish();
      };
      const onClose = () => fail(new Error(`${method} ${path}: connection closed after ${res.bytes} body bytes`));
      const timer = setTimeout(() => fail(new Error(`${method} ${path}: cut after ${maxMs} ms (${res.bytes} body bytes)`)), maxMs);
      socket.on('data', onData);
      socket.on('close', onClose);
    });
    if (Buffer.isBuffer(body) && body.length <= 64 * KiB) socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
    else {
      socket.write(head, 'latin1');
      if (Buffer.isBuffer(body)) socket.write(body);
      else if (body) {
        for (const chunk of body) {
          if (finished || socket.destroyed) break;
          if (!socket.write(chunk)) {
            await new Promise<void>((resolve) => {
              const go = () => {
                socket.off('drain', go);
                socket.off('close', go);
                resolve();
              };
              socket.on('drain', go);
              socket.on('close', go);
            });
          }
        }
      }
    }
    return done;
  }
}

/** Connections per host:port, reused across requests (a redirect target is another host:port). */
export class Pool {
  private readonly conns = new Map<string, TimedConnection>();
  get(host: string, port: number): TimedConnection {
    const k = `${host}:${port}`;
    let c = this.conns.get(k);
    if (!c) this.conns.set(k, (c = new TimedConnection(host, port)));
    return c;
  }
  close(): void {
    for (const c of this.conns.values()) c.close();
    this.conns.clear();
  }
}

/** A GET that follows at most one 307 (to the Location, on a pooled connection); the timing covers both legs. */
export async function getFollowing(pool: Pool, host: string, port: number, path: string): Promise<Timed & { redirected: boolean }> {
  const start = performance.now();
  const first = await pool.get(host, port).request('GET', path);
  if (first.status !== 307 && first.status !== 302 && first.status !== 301) return { ...first, redirected: false };
  const location = first.headers.location;
  if (!location) throw new Error(`GET ${path}: ${first.status} without a Location`);
  const url = new URL(location, `http://${host}:${port}`);
  const legStart = performance.now() - start;
  const second = await pool.get(url.hostname, Number(url.port || 80)).request('GET', url.pathname + url.search);
  return {
    ...second,
    headersMs: legStart + second.headersMs,
    ttfbMs: legStart + second.ttfbMs,
    totalMs: performance.now() - start,
    redirected: true,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// helpers

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  if (p === 50) {
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const mibps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

/** `total` bytes as slices of `source` from `offset`, cycling (no copies). */
function* slices(source: Buffer, total: number, offset = 0, chunk = MiB): Generator<Buffer> {
  let sent = 0;
  let off = offset % source.length;
  while (sent < total) {
    const n = Math.min(chunk, total - sent, source.length - off);
    yield source.subarray(off, off + n);
    sent += n;
    off = (off + n) % source.length;
  }
}

interface Samples {
  ttfbMs: number[];
  totalMs: number[];
  bytes: number;
  errors: number;
  firstError?: string;
}
const emptySamples = (): Samples => ({ ttfbMs: [], totalMs: [], bytes: 0, errors: 0 });

/** Records one GET into `s`: only complete 2xx answers of `size` bytes count. */
function record(s: Samples, r: Timed | Error, size: number): void {
  if (r instanceof Error) {
    s.errors++;
    s.firstError ??= r.message;
  } else if (r.status < 200 || r.status >= 300 || r.bytes !== size) {
    s.errors++;
    s.firstError ??= `status ${r.status}, ${r.bytes} of ${size} bytes`;
  } else {
    s.ttfbMs.push(r.ttfbMs);
    s.totalMs.push(r.totalMs);
    s.bytes += r.bytes;
  }
}

/**
 * Throughput of a set of GETs: for small objects read back to back, bytes over the summed request times (one
 * connection, c1); for the 256 MiB ones, the median of each transfer's MiB/s.
 */
function throughput(s: Samples, size: number): number {
  if (!s.totalMs.length) return NaN;
  if (size >= 64 * MiB) return median(s.totalMs.map((ms) => mibps(size, ms)));
  return mibps(s.bytes, s.totalMs.reduce((a, b) => a + b, 0));
}

const attempt = <T>(p: Promise<T>) => p.catch((err: Error) => err);

async function startSlowCluster(ctx: SlowUfsContext, name: string, keys: Record<string, string | number | boolean>): Promise<RunningCluster> {
  const layout = await ephemeralLayout(join(ctx.dataDir, name), 1);
  layout.extra = { ...ctx.extra, 'ufs.slow.enabled': true, 'ufs.slow.firstByteLatency': LATENCY, 'ufs.slow.bandwidth': BANDWIDTH, ...keys };
  const c = await startCluster(ctx.distDir, layout, (svc, line) => ctx.onLine(`${name}:${svc}`, line), 60_000);
  running.add(c);
  const pool = new Pool();
  try {
    const mk = await pool.get(layout.host, layout.s3Port).request('PUT', `/${BUCKET}`);
    if (mk.status !== 200) throw new Error(`${name}: CreateBucket answered ${mk.status}`);
  } finally {
    pool.close();
  }
  ctx.log(`slow-ufs: cluster ${name} on ${c.endpoint} (ufs.slow ${LATENCY}, ${BANDWIDTH}/s${Object.keys(keys).length ? `, ${JSON.stringify(keys)}` : ''})`);
  return c;
}

/**
 * PUTs object number `i` of `size` bytes: the 256 MiB ones are exactly `big` (nginx's bytes), smaller ones slices of
 * it at different offsets, so the same key holds the same bytes on every cluster.
 */
async function put(pool: Pool, host: string, port: number, key: string, size: number, big: Buffer, i: number): Promise<void> {
  const offset = size >= big.length ? 0 : (i * 7919 * KiB) % (big.length - size + 1);
  const body = size <= 64 * MiB ? big.subarray(offset, offset + size) : slices(big, size, offset);
  const r = await pool.get(host, port).request('PUT', `/${BUCKET}/${key}`, body, size, 120_000);
  if (r.status !== 200) throw new Error(`PUT ${key}: status ${r.status}`);
}

// ---------------------------------------------------------------------------------------------------------------

export async function runSlowUfs(ctx: SlowUfsContext): Promise<SlowUfsResult> {
  const lines: string[] = [];
  const bars: SlowUfsBar[] = [];
  const json: Record<string, unknown> = { latency: LATENCY, bandwidth: BANDWIDTH };
  const wantTable = !ctx.only || ctx.only.has('slow-ufs');
  const wantRedirect = !ctx.only || ctx.only.has('slow-ufs') || ctx.only.has('slow-ufs-redirect');
  const timeLeft = () => ctx.deadline - Date.now();
  const pool = new Pool();
  let proxy: RunningCluster | null = null;
  let redirect: RunningCluster | null = null;
  try {
    proxy = await startSlowCluster(ctx, 'slow', {});
    const host = proxy.layout.host;
    const port = proxy.layout.s3Port;
    const s3 = pool.get(host, port);
    const keyOf = (label: string, i: number) => `obj-${label.replace(' ', '').toLowerCase()}-${i}`;

    // --- cold vs warm --------------------------------------------------------------------------------------
    const rows: { label: string; size: number; cold: Samples; warm: Samples }[] = [];
    const onProxy = new Set<string>(); // keys already PUT to the proxy cluster
    let nginxMiBs: number[] = [];
    if (wantTable) {
      for (const { label, size, cold: nCold, warm: nWarm } of SIZES) {
        if (timeLeft() < 60_000) {
          ctx.log(`slow-ufs: ${label} skipped, too close to the bench's time limit`);
          continue;
        }
        let t = performance.now();
        for (let i = 0; i < nCold; i++) {
          await put(pool, host, port, keyOf(label, i), size, ctx.big, i);
          onProxy.add(keyOf(label, i));
        }
        ctx.log(`slow-ufs: PUT ${nCold} x ${label} in ${((performance.now() - t) / 1000).toFixed(2)} s`);
        // Cold: each key's first GET. The keys are fresh, so nothing holds them yet: not the gateway's record
        // cache or hot-page cache, not the worker's memory or disk tier; the bytes come through the slow UFS.
        const cold = emptySamples();
        t = performance.now();
        for (let i = 0; i < nCold; i++) record(cold, await attempt(s3.request('GET', `/${BUCKET}/${keyOf(label, i)}`)), size);
        ctx.log(`slow-ufs: ${nCold} cold GETs of ${label} in ${((performance.now() - t) / 1000).toFixed(2)} s`);
        // Warm: the same keys again, cycling; the 256 MiB ones interleaved with nginx serving the same bytes.
        const warm = emptySamples();
        const ng = size === 256 * MiB && ctx.nginx ? pool.get(ctx.nginx.host, ctx.nginx.port) : null;
        const ngSamples = emptySamples();
        t = performance.now();
        for (let i = 0; i < nWarm; i++) {
          record(warm, await attempt(s3.request('GET', `/${BUCKET}/${keyOf(label, i % nCold)}`)), size);
          if (ng) record(ngSamples, await attempt(ng.request('GET', ctx.nginx!.path)), size);
        }
        ctx.log(`slow-ufs: ${nWarm} warm GETs of ${label}${ng ? ' (and as many nginx GETs)' : ''} in ${((performance.now() - t) / 1000).toFixed(2)} s`);
        if (ng) nginxMiBs = ngSamples.totalMs.map((ms) => mibps(size, ms));
        for (const [what, s] of [['cold', cold], ['warm', warm], ['nginx', ngSamples]] as const) {
          if (s.errors) ctx.log(`slow-ufs: WARNING ${s.errors} failed ${what} GETs of ${label}: ${s.firstError}`);
        }
        rows.push({ label, size, cold, warm });
      }

      lines.push('');
      lines.push(
        `Slow UFS (ufs.slow: first-byte latency ${LATENCY} on every read and stat, reads paced to ${BANDWIDTH}/s), one worker, c1 keep-alive; ` +
          `cold = first GET of a fresh key, warm = the same keys again`,
      );
      lines.push(`  TTFB = request written -> first body byte; MiB/s = bytes / summed request time (256 MiB: median per transfer)`);
      lines.push(`  ${'size'.padEnd(8)} ${'cold n'.padStart(6)} ${'TTFB p50'.padStart(9)} ${'MiB/s'.padStart(8)} | ${'warm n'.padStart(6)} ${'TTFB p50'.padStart(9)} ${'p99'.padStart(7)} ${'MiB/s'.padStart(8)} | warm/cold TTFB`);
      for (const r of rows) {
        const cT = median(r.cold.ttfbMs);
        const wT = median(r.warm.ttfbMs);
        lines.push(
          `  ${r.label.padEnd(8)} ${String(r.cold.ttfbMs.length).padStart(6)} ${`${fmt(cT, 2)} ms`.padStart(9)} ${fmt(throughput(r.cold, r.size), 1).padStart(8)} | ` +
            `${String(r.warm.ttfbMs.length).padStart(6)} ${`${fmt(wT, 2)} ms`.padStart(9)} ${fmt(percentile(r.warm.ttfbMs, 99), 2).padStart(7)} ${fmt(throughput(r.warm, r.size), 1).padStart(8)} | ${fmt(wT / cT, 4)}`,
        );
      }
      const small = rows.find((r) => r.size === 4 * KiB);
      if (small) {
        const ratio = median(small.warm.ttfbMs) / median(small.cold.ttfbMs);
        bars.push({
          bar: `slow UFS: warm 4 KiB TTFB p50 <= 1/20 of cold`,
          value: `${fmt(ratio, 4)} (${fmt(median(small.warm.ttfbMs), 2)} vs ${fmt(median(small.cold.ttfbMs), 2)} ms)`,
          pass: Number.isFinite(ratio) ? ratio <= TTFB_RATIO_MAX && !small.cold.errors && !small.warm.errors : null,
        });
      }
      const huge = rows.find((r) => r.size === 256 * MiB);
      if (huge) {
        const siltMiBs = huge.warm.totalMs.map((ms) => mibps(huge.size, ms));
        const ratio = median(siltMiBs) / median(nginxMiBs);
        lines.push(
          `  warm 256 MiB vs nginx (same bytes, interleaved): silt ${fmt(median(siltMiBs))} [${siltMiBs.map((x) => fmt(x)).join(' ')}] vs nginx ` +
            `${ctx.nginx ? `${fmt(median(nginxMiBs))} [${nginxMiBs.map((x) => fmt(x)).join(' ')}]` : 'not available'} MiB/s, ratio ${fmt(ratio, 3)}`,
        );
        bars.push({
          bar: `slow UFS: warm 256 MiB GET >= ${NGINX_RATIO_MIN}x nginx`,
          value: `${fmt(ratio, 3)}x (${fmt(median(siltMiBs))} vs ${fmt(median(nginxMiBs))} MiB/s)`,
          pass: Number.isFinite(ratio) ? ratio >= NGINX_RATIO_MIN && !huge.warm.errors : null,
        });
        json.nginx256MiBs = nginxMiBs;
        json.warm256VsNginx = ratio;
      }
      json.sizes = rows.map((r) => ({
        label: r.label,
        size: r.size,
        cold: { n: r.cold.ttfbMs.length, errors: r.cold.errors, ttfbP50Ms: median(r.cold.ttfbMs), mibPerSec: throughput(r.cold, r.size), ttfbMs: r.cold.ttfbMs, totalMs: r.cold.totalMs },
        warm: { n: r.warm.ttfbMs.length, errors: r.warm.errors, ttfbP50Ms: median(r.warm.ttfbMs), ttfbP99Ms: percentile(r.warm.ttfbMs, 99), mibPerSec: throughput(r.warm, r.size) },
        warmOverColdTtfb: median(r.warm.ttfbMs) / median(r.cold.ttfbMs),
      }));
    }

    // --- redirect vs proxy ---------------------------------------------------------------------------------
    if (wantRedirect) {
      lines.push('');
      if (timeLeft() < 90_000) {
        lines.push('Redirect vs proxy: skipped, too close to the bench time limit');
      } else {
        redirect = await startSlowCluster(ctx, 'slow-redirect', { 's3.redirect.enabled': true });
        const rHost = redirect.layout.host;
        const rPort = redirect.layout.s3Port;
        const big = keyOf('256 MiB', 0);
        const oneMiB = (i: number) => keyOf('1 MiB', i);
        // The same objects on both clusters (the proxy cluster holds them already when the table above ran).
        for (const [h, p, have] of [
          [host, port, onProxy],
          [rHost, rPort, new Set<string>()],
        ] as const) {
          if (!have.has(big)) await put(pool, h, p, big, 256 * MiB, ctx.big, 0);
          for (let i = 0; i < REDIRECT_1M_KEYS; i++) if (!have.has(oneMiB(i))) await put(pool, h, p, oneMiB(i), MiB, ctx.big, i);
        }
        const probe = await pool.get(rHost, rPort).request('GET', `/${BUCKET}/${oneMiB(0)}`);
        json.redirectProbeStatus = probe.status;
        if (probe.status === 200) {
          lines.push('Redirect vs proxy (warm GETs, client follows one 307): redirect: not available (GET answered 200 with s3.redirect.enabled=true)');
          json.redirect = 'not available';
        } else if (probe.status !== 307) {
          lines.push(`Redirect vs proxy: redirect: not available (the probe GET answered ${probe.status}, not 307)`);
          json.redirect = `probe status ${probe.status}`;
        } else {
          // Warm both: one GET of every object on each cluster (the first through the slow UFS).
          for (const [h, p] of [
            [host, port],
            [rHost, rPort],
          ] as const) {
            for (const k of [big, ...Array.from({ length: REDIRECT_1M_KEYS }, (_, i) => oneMiB(i))]) await getFollowing(pool, h, p, `/${BUCKET}/${k}`);
          }
          const sides = { proxy: { host, port }, redirect: { host: rHost, port: rPort } } as const;
          const per = { proxy: { b256: [] as number[], b1: [] as number[] }, redirect: { b256: [] as number[], b1: [] as number[] } };
          let redirected = 0;
          let failures = 0;
          let firstFailure: string | undefined;
          for (let round = 0; round < REDIRECT_ROUNDS && timeLeft() > 30_000; round++) {
            const order = round % 2 === 0 ? (['proxy', 'redirect'] as const) : (['redirect', 'proxy'] as const);
            for (const side of order) {
              const { host: h, port: p } = sides[side];
              const r = await attempt(getFollowing(pool, h, p, `/${BUCKET}/${big}`));
              if (r instanceof Error || r.status !== 200 || r.bytes !== 256 * MiB) {
                failures++;
                firstFailure ??= r instanceof Error ? r.message : `status ${r.status}, ${r.bytes} bytes`;
              } else {
                per[side].b256.push(mibps(r.bytes, r.totalMs));
                if (r.redirected) redirected++;
              }
              let bytes = 0;
              let ms = 0;
              for (let i = 0; i < REDIRECT_1M_READS; i++) {
                const s = await attempt(getFollowing(pool, h, p, `/${BUCKET}/${oneMiB(i % REDIRECT_1M_KEYS)}`));
                if (s instanceof Error || s.status !== 200 || s.bytes !== MiB) {
                  failures++;
                  firstFailure ??= s instanceof Error ? s.message : `status ${s.status}, ${s.bytes} bytes`;
                  continue;
                }
                bytes += s.bytes;
                ms += s.totalMs;
                if (s.redirected) redirected++;
              }
              per[side].b1.push(mibps(bytes, ms));
            }
          }
          const r256 = median(per.redirect.b256) / median(per.proxy.b256);
          const r1 = median(per.redirect.b1) / median(per.proxy.b1);
          lines.push(`Redirect vs proxy (warm GETs, c1; the client follows one 307 to the worker's read port; ${per.proxy.b256.length} interleaved rounds, medians)`);
          lines.push(`  ${'size'.padEnd(8)} ${'proxy MiB/s'.padStart(12)} ${'redirect MiB/s'.padStart(15)} ${'redirect/proxy'.padStart(15)}`);
          lines.push(`  ${'256 MiB'.padEnd(8)} ${fmt(median(per.proxy.b256)).padStart(12)} ${fmt(median(per.redirect.b256)).padStart(15)} ${fmt(r256, 3).padStart(15)}`);
          lines.push(`  ${'1 MiB'.padEnd(8)} ${fmt(median(per.proxy.b1)).padStart(12)} ${fmt(median(per.redirect.b1)).padStart(15)} ${fmt(r1, 3).padStart(15)}   (${REDIRECT_1M_READS} GETs per round and side)`);
          lines.push(`  redirected GETs: ${redirected}${failures ? `; ${failures} failed: ${firstFailure}` : ''}`);
          json.redirect = { proxy: per.proxy, redirect: per.redirect, ratio256: r256, ratio1MiB: r1, redirected, failures, firstFailure };
        }
      }
    }
    if (json.redirect === 'not available') ctx.log('slow-ufs: redirect: not available');
    return { lines, bars, json };
  } finally {
    pool.close();
    if (redirect) await stopCluster(redirect);
    if (proxy) await stopCluster(proxy);
  }
}
