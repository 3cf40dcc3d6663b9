// Peak RSS of every Silt process during a big PUT, a cold GET and a warm GET through the whole cluster (the RSS phase of
// `npm run bench`, faster to rerun). Peak = max(VmHWM after `clear_refs 5`, VmRSS sampled every 50 ms).
//   npm run build && node dist/apps/block-cache/bench/rss.bench.js [sizeMiB=1024] [memlog=0|1]
// memlog=1 preloads a sampler into every process that logs process.memoryUsage() (heap vs external/arrayBuffers)
// every 100 ms to <tmp>/memlog-<pid>.jsonl, and prints each process's maxima per phase.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ephemeralLayout, startCluster, type RunningCluster } from '../../../libs/runtime/src/cluster-launcher';

const MiB = 1024 * 1024;
const sizeMiB = Number(process.argv[2] ?? 1024);
const memlog = process.argv[3] === '1';
const DIST = resolve(__dirname, '../../..');

const PRELOAD = `
const fs = require('node:fs');
const file = process.env.SILT_MEMLOG_DIR + '/memlog-' + process.pid + '.jsonl';
setInterval(() => {
  const m = process.memoryUsage();
  fs.appendFileSync(file, JSON.stringify({ t: Date.now(), rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers }) + '\\n');
}, 100).unref();
`;

function statusKiB(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function request(port: number, method: string, path: string, body?: { size: number; chunk: Buffer }): Promise<{ status: number; bytes: number }> {
  return new Promise((done, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: body ? { 'content-length': body.size } : {} }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => done({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!body) return void req.end();
    let sent = 0;
    const pump = () => {
      while (sent < body.size) {
        const n = Math.min(body.chunk.length, body.size - sent);
        sent += n;
        if (!req.write(n === body.chunk.length ? body.chunk : body.chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'silt-rss-'));
  if (memlog) {
    writeFileSync(join(root, 'memlog.js'), PRELOAD);
    process.env.SILT_NODE_ARGS = [process.env.SILT_NODE_ARGS ?? '', `--require=${join(root, 'memlog.js')}`].join(' ').trim();
    process.env.SILT_MEMLOG_DIR = root;
  }
  let cluster: RunningCluster | undefined;
  try {
    const layout = await ephemeralLayout(join(root, 'silt'), 1);
    cluster = await startCluster(DIST, layout, (svc, line) => {
      if (/"level":(50|60)/.test(line)) console.error(`[${svc}] ${line.slice(0, 300)}`);
    });
    const pids = new Map([...cluster.processes].map(([l, p]) => [l, p.child.pid!]));
    const idle = [...pids].map(([l, p]) => `${l} ${(statusKiB(p, 'VmRSS') / 1024).toFixed(0)}`).join(', ');
    console.log(`idle RSS MiB: ${idle}`);
    const port = layout.s3Port;
    const mk = await request(port, 'PUT', '/rss');
    if (mk.status !== 200) throw new Error(`create bucket: ${mk.status}`);
    const chunk = randomBytes(4 * MiB);

    const phase = async (name: string, fn: () => Promise<{ status: number; bytes: number }>) => {
      for (const p of pids.values()) writeFileSync(`/proc/${p}/clear_refs`, '5');
      const peak = new Map<string, number>();
      const sample = () => {
        for (const [l, p] of pids) peak.set(l, Math.max(peak.get(l) ?? 0, statusKiB(p, 'VmRSS')));
      };
      const timer = setInterval(sample, 50);
      const t0 = Date.now();
      const r = await fn();
      const secs = (Date.now() - t0) / 1000;
      clearInterval(timer);
      sample();
      const per = [...pids].map(([l, p]) => `${l} ${(Math.max(peak.get(l)!, statusKiB(p, 'VmHWM')) / 1024).toFixed(0)}`);
      console.log(`${name.padEnd(10)} status ${r.status}, ${(sizeMiB / secs).toFixed(0)} MiB/s; peak RSS MiB: ${per.join(', ')}`);
      if (memlog) {
        for (const [l, p] of pids) {
          let lines: string[] = [];
          try {
            lines = readFileSync(join(root, `memlog-${p}.jsonl`), 'utf8').trim().split('\n');
          } catch {
            continue;
          }
          const rows = lines.map((x) => JSON.parse(x) as Record<string, number>).filter((x) => x.t >= t0 && x.t <= t0 + secs * 1000);
          if (!rows.length) continue;
          const max = (k: string) => (Math.max(...rows.map((x) => x[k])) / MiB).toFixed(0);
          console.log(`    ${l.padEnd(10)} max rss ${max('rss')} heapTotal ${max('heapTotal')} heapUsed ${max('heapUsed')} external ${max('external')} arrayBuffers ${max('arrayBuffers')}`);
        }
      }
      return r;
    };
    await phase('PUT', () => request(port, 'PUT', '/rss/huge.bin', { size: sizeMiB * MiB, chunk }));
    await phase('GET cold', () => request(port, 'GET', '/rss/huge.bin'));
    await phase('GET warm', () => request(port, 'GET', '/rss/huge.bin'));
    await phase('GET warm2', () => request(port, 'GET', '/rss/huge.bin'));
  } finally {
    await cluster?.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
