/**
 * The mounts scenario of `npm run bench` (issue 6), id `mounts` (BENCH_ONLY=mounts). One cluster of its own with
 * `metadata.sync.interval` 10m (so a second listing within the run is answered from Silt's index) and three mounts
 * from the config key `mounts`, plus an S3 service to mount: moto (`python3 -m moto.server`, started here on a free
 * port, stopped by its PID).
 *
 *  (a) First listing of a mounted prefix (metadata syncs it from the UFS, streamed into the index) vs re-listing it
 *      from the index: ListObjectsV2 pages of 1000 through the gateway, one client, with the metadata process's
 *      peak RSS over the first listing. 100,000 keys come from a local-directory mount: moto takes ~6 ms of its one
 *      busy core per PutObject (~170/s whatever the parallelism: 100,000 would take ~10 min) and its ListObjectsV2
 *      walks the whole bucket for every page. The S3 figure is the same on moto with BENCH_MOUNTS_S3_KEYS keys.
 *  (b) A training read over the moto mount: 2,000 x 4 KiB objects, an epoch = a listing of the prefix then every
 *      object GET by 8 concurrent keep-alive connections (closed loop), each body MD5-checked; cold (first epoch:
 *      through moto) vs warm (second epoch: cache), with the block-cache stats of each epoch (`silt stats --json`).
 *
 * Knobs: BENCH_MOUNTS_LOCAL_KEYS (100000), BENCH_MOUNTS_S3_KEYS (5000), BENCH_MOUNTS_TRAIN_KEYS (2000).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { join, resolve } from 'node:path';
import { ephemeralLayout, startCluster, type RunningCluster } from '../libs/runtime/src/cluster-launcher';
import { resetPeak, RssSampler, statusKiB } from './proc';
import { startMotoServer, type MotoServer } from '../libs/runtime/src/moto-server';

const KiB = 1024;
const MiB = 1024 * KiB;
const LOCAL_KEYS = Number(process.env.BENCH_MOUNTS_LOCAL_KEYS ?? 100_000);
const S3_KEYS = Number(process.env.BENCH_MOUNTS_S3_KEYS ?? 5_000);
const TRAIN_KEYS = Number(process.env.BENCH_MOUNTS_TRAIN_KEYS ?? 2_000);
const TRAIN_SIZE = 4 * KiB;
const TRAIN_CONCURRENCY = 8;
const PUT_PARALLEL = 64;
const PAGE = 1000;
const UP_BUCKET = 'bench-upstream';

export interface MountsContext {
  /** The built tree (dist/). */
  distDir: string;
  /** Where the cluster's data and the mounted directory go (removed by the caller). */
  dataDir: string;
  log: (msg: string) => void;
  onLine: (service: string, line: string) => void;
  /** Extra Silt keys of the run (BENCH_SILT_CONFIG). */
  extra: Record<string, string | number | boolean>;
  /** Epoch ms by which the scenario must be done (it skips what would not fit). */
  deadline: number;
}

export interface MountsResult {
  lines: string[];
  bars: { bar: string; value: string; pass: boolean | null }[];
  json: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------
// what this scenario started, stopped by stopMounts() whatever happens

let cluster: RunningCluster | null = null;
let moto: MotoServer | null = null;

export async function stopMounts(): Promise<void> {
  const c = cluster;
  cluster = null;
  if (c) {
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
  const m = moto;
  moto = null;
  await m?.stop();
}

// ---------------------------------------------------------------------------------------------------------------
// plain HTTP (unsigned: moto does not check, Silt takes SIMPLE auth's default user)

interface Reply {
  status: number;
  body: Buffer;
}

function request(agent: http.Agent, port: number, method: string, path: string, body?: Buffer): Promise<Reply> {
  return new Promise((done, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-length': body.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on('error', reject);
    req.end(body);
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

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every key under prefix, by ListObjectsV2 pages of PAGE; the keys in listing order and the page count. */
async function listAll(agent: http.Agent, port: number, bucket: string, prefix: string): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const q = `list-type=2&max-keys=${PAGE}&prefix=${encodeURIComponent(prefix)}${token ? `&continuation-token=${encodeURIComponent(token)}` : ''}`;
    const r = await request(agent, port, 'GET', `/${bucket}?${q}`);
    if (r.status !== 200) throw new Error(`ListObjectsV2 ${bucket}/${prefix}: status ${r.status}: ${r.body.toString().slice(0, 300)}`);
    const xml = r.body.toString('utf8');
    for (const m of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) keys.push(unescapeXml(m[1]));
    const next = /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml);
    token = /<IsTruncated>true<\/IsTruncated>/.test(xml) && next ? unescapeXml(next[1]) : undefined;
    pages++;
  } while (token);
  return { keys, pages };
}

// ---------------------------------------------------------------------------------------------------------------

const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const seconds = (ms: number) => fmt(ms / 1000, 2);

interface Totals {
  hits: number;
  misses: number;
  bytesFromUfs: number;
}

export async function runMounts(ctx: MountsContext): Promise<MountsResult> {
  const lines: string[] = [];
  const bars: MountsResult['bars'] = [];
  const json: Record<string, unknown> = { syncInterval: '10m', page: PAGE };
  const bin = resolve(ctx.distDir, '..', 'bin', 'silt.js');
  const upAgent = new http.Agent({ keepAlive: true, maxSockets: PUT_PARALLEL });
  const siltAgent = new http.Agent({ keepAlive: true, maxSockets: TRAIN_CONCURRENCY });
  const t = () => performance.now();
  try {
    // --- moto and the objects behind Silt's back -----------------------------------------------------------
    moto = await startMotoServer();
    const motoPort = moto.port;
    const made = await request(upAgent, motoPort, 'PUT', `/${UP_BUCKET}`);
    if (made.status !== 200) throw new Error(`moto CreateBucket: ${made.status}`);
    ctx.log(`mounts: moto on 127.0.0.1:${motoPort}, pid ${moto.pid}`);

    const train = Array.from({ length: TRAIN_KEYS }, (_, i) => ({ key: `train/sample-${String(i).padStart(6, '0')}.bin`, body: randomBytes(TRAIN_SIZE) }));
    const md5Of = new Map(train.map((o) => [o.key, createHash('md5').update(o.body).digest('hex')]));
    let t0 = t();
    await parallel(train, PUT_PARALLEL, async (o) => {
      const r = await request(upAgent, motoPort, 'PUT', `/${UP_BUCKET}/${o.key}`, o.body);
      if (r.status !== 200) throw new Error(`moto PUT ${o.key}: ${r.status}`);
    });
    const tiny = Buffer.from('x');
    const s3ListKeys = Array.from({ length: S3_KEYS }, (_, i) => `list/d${String(Math.floor(i / 1000)).padStart(3, '0')}/k${String(i).padStart(7, '0')}`);
    await parallel(s3ListKeys, PUT_PARALLEL, async (k) => {
      const r = await request(upAgent, motoPort, 'PUT', `/${UP_BUCKET}/${k}`, tiny);
      if (r.status !== 200) throw new Error(`moto PUT ${k}: ${r.status}`);
    });
    const putMs = t() - t0;
    ctx.log(`mounts: put ${TRAIN_KEYS} x 4 KiB + ${S3_KEYS} tiny objects into moto (${PUT_PARALLEL} in flight) in ${seconds(putMs)} s (${fmt((TRAIN_KEYS + S3_KEYS) / (putMs / 1000))}/s)`);

    // --- a directory of LOCAL_KEYS files ----------------------------------------------------------------------
    const dir = join(ctx.dataDir, 'mounts-local');
    t0 = t();
    for (let d = 0; d * 1000 < LOCAL_KEYS; d++) {
      const sub = join(dir, 'data', `d${String(d).padStart(3, '0')}`);
      mkdirSync(sub, { recursive: true });
      for (let i = d * 1000; i < Math.min(LOCAL_KEYS, (d + 1) * 1000); i++) writeFileSync(join(sub, `f${String(i).padStart(7, '0')}`), tiny);
    }
    ctx.log(`mounts: wrote ${LOCAL_KEYS} files under ${dir} in ${seconds(t() - t0)} s`);

    // --- the cluster ---------------------------------------------------------------------------------------
    const options = {
      's3.endpoint': `http://127.0.0.1:${motoPort}`,
      's3.forcePathStyle': 'true',
      's3.region': 'us-east-1',
      's3.accessKeyId': 'bench',
      's3.secretAccessKey': 'bench-secret',
    };
    const layout = await ephemeralLayout(join(ctx.dataDir, 'mounts-silt'), 1);
    layout.extra = {
      ...ctx.extra,
      'metadata.sync.interval': '10m',
      mounts: JSON.stringify([
        { point: '/local', uri: `file://${dir}`, options: {} },
        { point: '/s3-list', uri: `s3://${UP_BUCKET}/list`, options },
        { point: '/s3-train', uri: `s3://${UP_BUCKET}/train`, options },
      ]),
    };
    cluster = await startCluster(ctx.distDir, layout, (svc, line) => ctx.onLine(`mounts:${svc}`, line), 60_000);
    const c = cluster;
    const port = layout.s3Port;
    const metadataAddr = `${layout.host}:${layout.metadataPort}`;
    const pidOf = (label: string) => c.processes.get(label)!.child.pid!;
    ctx.log(`mounts: cluster on ${c.endpoint} (metadata pid ${pidOf('metadata')}, ufs pid ${pidOf('ufs')})`);

    // --- (a) first listing vs re-listing ---------------------------------------------------------------------
    interface ListRow {
      label: string;
      keys: number;
      firstMs: number;
      secondMs: number;
      ratio: number;
      metadataPeakMiB: number;
      metadataBeforeMiB: number;
      ufsPeakMiB: number;
      method: string;
      pages: number;
    }
    const listRows: ListRow[] = [];
    const measureListing = async (label: string, bucket: string, prefix: string, expected: number) => {
      if (ctx.deadline - Date.now() < 60_000) {
        ctx.log(`mounts: listing of ${label} skipped, too close to the bench's time limit`);
        return;
      }
      const pids = new Map([
        ['metadata', pidOf('metadata')],
        ['ufs', pidOf('ufs')],
      ]);
      const metadataBeforeMiB = statusKiB(pidOf('metadata'), 'VmRSS') / 1024;
      const reset = [...pids.values()].every((p) => resetPeak(p));
      const sampler = new RssSampler(pids, 50);
      let s = t();
      const first = await listAll(siltAgent, port, bucket, prefix);
      const firstMs = t() - s;
      const sampled = sampler.stop();
      const peak = (l: string) => Math.max(reset ? statusKiB(pids.get(l)!, 'VmHWM') : 0, sampled.get(l) ?? 0) / 1024;
      s = t();
      const second = await listAll(siltAgent, port, bucket, prefix);
      const secondMs = t() - s;
      if (first.keys.length !== expected || second.keys.length !== expected) {
        throw new Error(`${label}: listed ${first.keys.length} then ${second.keys.length} keys, expected ${expected}`);
      }
      const row: ListRow = {
        label,
        keys: expected,
        firstMs,
        secondMs,
        ratio: firstMs / secondMs,
        metadataPeakMiB: peak('metadata'),
        metadataBeforeMiB,
        ufsPeakMiB: peak('ufs'),
        method: reset ? 'max(VmHWM after clear_refs=5, VmRSS every 50 ms)' : 'VmRSS every 50 ms',
        pages: first.pages,
      };
      listRows.push(row);
      ctx.log(
        `mounts: ${label}: first listing ${seconds(firstMs)} s, re-listing ${seconds(secondMs)} s (${fmt(row.ratio, 1)}x); ` +
          `metadata peak RSS ${fmt(row.metadataPeakMiB)} MiB (was ${fmt(metadataBeforeMiB)}), ufs ${fmt(row.ufsPeakMiB)} MiB`,
      );
    };
    await measureListing(`local dir, ${LOCAL_KEYS.toLocaleString('en')} files`, 'local', 'data/', LOCAL_KEYS);
    await measureListing(`moto S3, ${S3_KEYS.toLocaleString('en')} keys`, 's3-list', '', S3_KEYS);

    // --- (b) cold vs warm training epochs ----------------------------------------------------------------------
    const stats = () =>
      new Promise<Totals>((done, reject) => {
        execFile(process.execPath, [bin, 'stats', '--json', '--metadata', metadataAddr], { timeout: 30_000 }, (err, stdout) => {
          if (err) return reject(err);
          done((JSON.parse(stdout) as { totals: Totals }).totals);
        });
      });
    /** Stats once they stop moving (short-circuit reads are reported to their worker about once a second). */
    const settled = async () => {
      let last = await stats();
      for (let i = 0; i < 8; i++) {
        await new Promise((r) => setTimeout(r, 1200));
        const now = await stats();
        if (now.hits === last.hits && now.misses === last.misses && now.bytesFromUfs === last.bytesFromUfs) return now;
        last = now;
      }
      return last;
    };
    interface Epoch {
      label: string;
      listMs: number;
      totalMs: number;
      errors: number;
      firstError?: string;
      hits: number;
      misses: number;
      bytesFromUfs: number;
    }
    const epochs: Epoch[] = [];
    const epoch = async (label: string) => {
      const before = await settled();
      const s = t();
      const { keys } = await listAll(siltAgent, port, 's3-train', '');
      const listMs = t() - s;
      let errors = keys.length === TRAIN_KEYS ? 0 : 1;
      let firstError = errors ? `listed ${keys.length} keys, expected ${TRAIN_KEYS}` : undefined;
      await parallel(keys, TRAIN_CONCURRENCY, async (k) => {
        const r = await request(siltAgent, port, 'GET', `/s3-train/${k}`).catch((err: Error) => err);
        const bad = r instanceof Error ? r.message : r.status !== 200 ? `status ${r.status}` : createHash('md5').update(r.body).digest('hex') !== md5Of.get(`train/${k}`) ? 'other bytes' : undefined;
        if (bad) {
          errors++;
          firstError ??= `${k}: ${bad}`;
        }
      });
      const totalMs = t() - s;
      const after = await settled();
      const e: Epoch = { label, listMs, totalMs, errors, firstError, hits: after.hits - before.hits, misses: after.misses - before.misses, bytesFromUfs: after.bytesFromUfs - before.bytesFromUfs };
      epochs.push(e);
      ctx.log(`mounts: ${label} epoch ${seconds(totalMs)} s (listing ${seconds(listMs)} s), hits ${e.hits}, misses ${e.misses}, ${e.bytesFromUfs} bytes from the ufs${errors ? `, ${errors} errors: ${firstError}` : ''}`);
    };
    if (ctx.deadline - Date.now() > 90_000) {
      await epoch('cold');
      await epoch('warm');
    } else {
      ctx.log('mounts: training epochs skipped, too close to the bench time limit');
    }

    // --- report ---------------------------------------------------------------------------------------------
    lines.push('');
    lines.push(`Mounts (issue 6): one cluster, metadata.sync.interval 10m, mounts from the config key \`mounts\`; moto ${moto ? 'as the S3 service' : ''}`);
    lines.push(`  (a) first ListObjectsV2 pass over a mounted prefix (synced from the UFS) vs a re-list from Silt's index; pages of ${PAGE}, c1`);
    lines.push(`  ${'mount'.padEnd(28)} ${'keys'.padStart(7)} ${'first s'.padStart(8)} ${'re-list s'.padStart(9)} ${'first/re-list'.padStart(13)} ${'metadata peak RSS MiB (before)'.padStart(31)} ${'ufs peak MiB'.padStart(12)}`);
    for (const r of listRows) {
      lines.push(
        `  ${r.label.padEnd(28)} ${String(r.keys).padStart(7)} ${seconds(r.firstMs).padStart(8)} ${seconds(r.secondMs).padStart(9)} ${`${fmt(r.ratio, 1)}x`.padStart(13)} ` +
          `${`${fmt(r.metadataPeakMiB)} (${fmt(r.metadataBeforeMiB)})`.padStart(31)} ${fmt(r.ufsPeakMiB).padStart(12)}`,
      );
    }
    if (listRows.length) lines.push(`  peak RSS = ${listRows[0].method}, over the first listing only`);
    lines.push(
      `  the ${LOCAL_KEYS.toLocaleString('en')} keys are a local-directory mount: moto stores ~${fmt((TRAIN_KEYS + S3_KEYS) / (putMs / 1000))} PutObject/s here ` +
        `(${PUT_PARALLEL} in flight), so 100,000 would take ~${fmt(100_000 / ((TRAIN_KEYS + S3_KEYS) / (putMs / 1000)) / 60, 0)} min, and its listing rescans the bucket per page`,
    );
    if (epochs.length) {
      lines.push(`  (b) training read over the moto mount: ${TRAIN_KEYS.toLocaleString('en')} x ${TRAIN_SIZE / KiB} KiB, epoch = listing + every GET, ${TRAIN_CONCURRENCY} concurrent (closed loop), MD5-checked`);
      lines.push(`  ${'epoch'.padEnd(6)} ${'seconds'.padStart(8)} ${'listing s'.padStart(9)} ${'GETs/s'.padStart(7)} ${'hits'.padStart(6)} ${'misses'.padStart(7)} ${'bytes from ufs'.padStart(15)} errors`);
      for (const e of epochs) {
        lines.push(
          `  ${e.label.padEnd(6)} ${seconds(e.totalMs).padStart(8)} ${seconds(e.listMs).padStart(9)} ${fmt(TRAIN_KEYS / ((e.totalMs - e.listMs) / 1000)).padStart(7)} ` +
            `${String(e.hits).padStart(6)} ${String(e.misses).padStart(7)} ${String(e.bytesFromUfs).padStart(15)} ${e.errors}${e.firstError ? ` (${e.firstError})` : ''}`,
        );
      }
      const cold = epochs.find((e) => e.label === 'cold');
      const warm = epochs.find((e) => e.label === 'warm');
      if (cold && warm) {
        lines.push(`  cold/warm epoch time: ${fmt(cold.totalMs / warm.totalMs, 1)}x`);
        bars.push({
          bar: 'mounts: warm training epoch all from cache (0 misses, 0 B from ufs)',
          value: `hits ${warm.hits}, misses ${warm.misses}, ${warm.bytesFromUfs} B from ufs; cold/warm ${fmt(cold.totalMs / warm.totalMs, 1)}x`,
          pass: warm.misses === 0 && warm.bytesFromUfs === 0 && warm.hits >= TRAIN_KEYS && !cold.errors && !warm.errors,
        });
        json.coldOverWarm = cold.totalMs / warm.totalMs;
      }
    }
    json.listing = listRows;
    json.epochs = epochs;
    json.motoPutsPerSecond = (TRAIN_KEYS + S3_KEYS) / (putMs / 1000);
    return { lines, bars, json };
  } finally {
    upAgent.destroy();
    siltAgent.destroy();
    await stopMounts();
  }
}
