// Warm-read throughput of a real block-cache process (dist/apps/block-cache/src/main.js) over its HTTP read port,
// and over gRPC ReadObject for comparison. The UFS side is a test double in this process (apps/ufs is not needed).
//   npm run build && node dist/apps/block-cache/bench/http-read.bench.js [sizeMiB=256] [memoryCapacity=64MiB] [worker node args]
// e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' as the third argument profiles the worker.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type * as grpc from '@grpc/grpc-js';
import { blockCacheClient } from '../../../libs/grpc/src/clients';
import { loadSiltProto } from '../../../libs/grpc/src/loader';
import { startGrpcServer } from '../../../libs/grpc/src/server';

const MiB = 1024 * 1024;
const sizeMiB = Number(process.argv[2] ?? 256);
const memoryCapacity = process.argv[3] ?? '64MiB';
const workerNodeArgs = (process.argv[4] ?? '').split(' ').filter(Boolean);

const LEAN_CLIENT = `
const http = require('node:http');
const [port, path, size] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true });
(async () => {
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await new Promise((resolve) => http.get({ host: '127.0.0.1', port: Number(port), path, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', resolve);
    }));
    console.log('warm  HTTP, separate lean client: ' + Math.round(Number(size) / 1048576 / ((performance.now() - t) / 1000)) + ' MiB/s');
  }
  agent.destroy();
})();
`;

async function main(): Promise<void> {
  const data = randomBytes(sizeMiB * MiB);
  const ufs = await startGrpcServer('127.0.0.1', 0, [
    {
      definition: loadSiltProto().silt.ufs.v1.UfsService.service,
      implementation: {
        ReadObject: (call: grpc.ServerWritableStream<{ offset: number; length: number }, unknown>) => {
          void (async () => {
            const { offset, length } = call.request;
            const end = length === -1 ? data.length : Math.min(data.length, offset + length);
            for (let at = offset; at < end && !call.cancelled; at += MiB) {
              if (!call.write({ chunk: data.subarray(at, Math.min(end, at + MiB)) })) await once(call, 'drain');
            }
            call.end();
          })();
        },
      },
    },
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'silt-bench-cache-'));
  const child = spawn(process.execPath, [...workerNodeArgs, join(__dirname, '../src/main.js')], {
    env: {
      ...process.env,
      SILT_CACHE_PORT: '0',
      SILT_CACHE_HTTP_PORT: '0',
      SILT_CACHE_DISK_DIR: dir,
      SILT_CACHE_DISK_CAPACITY: '2GiB',
      SILT_CACHE_MEMORY_CAPACITY: memoryCapacity,
      SILT_UFS_PORT: String(ufs.port),
      SILT_METADATA_PORT: '1', // no metadata: the worker keeps retrying quietly
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise<{ grpc: string; http: string }>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const rec = JSON.parse(line) as { msg: string; grpc: string; http: string };
      if (rec.msg === 'listening') resolve(rec);
    });
  });
  const httpPort = Number(new URL(ports.http).port);
  const agent = new Agent({ keepAlive: true });
  const path = `/v1/read?${new URLSearchParams({ mount: 'root', path: 'bench/obj', version: 'v1', size: String(data.length) })}`;
  const httpRead = () =>
    new Promise<number>((resolve, reject) => {
      const t = performance.now();
      get({ host: '127.0.0.1', port: httpPort, path, agent }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => (n === data.length ? resolve(performance.now() - t) : reject(new Error(`got ${n} bytes`))));
      }).on('error', reject);
    });
  const client = blockCacheClient(ports.grpc);
  const grpcRead = async () => {
    const t = performance.now();
    let n = 0;
    const req = { location: { mount_id: 'root', path: 'bench/obj' }, ufs_version: 'v1', object_size: data.length, offset: 0, length: -1 };
    for await (const m of client.raw.ReadObject(req)) n += (m as { chunk: Buffer }).chunk.length;
    if (n !== data.length) throw new Error(`got ${n} bytes`);
    return performance.now() - t;
  };
  const rate = (ms: number) => `${Math.round(sizeMiB / (ms / 1000))} MiB/s`;

  console.log(`object ${sizeMiB} MiB, memory tier ${memoryCapacity}`);
  console.log(`cold  HTTP: ${rate(await httpRead())}`);
  for (let i = 0; i < 30; i++) {
    const s = await client.api.GetStats({});
    if (s.tiers.find((t) => t.tier === 'disk')!.pages >= sizeMiB) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  for (let i = 0; i < 3; i++) console.log(`warm  HTTP: ${rate(await httpRead())}`);
  // The same GET from a small separate process: this one holds the UFS double's bytes and a gRPC server.
  const lean = spawn(process.execPath, ['-e', LEAN_CLIENT, String(httpPort), path, String(data.length)], { stdio: ['ignore', 'inherit', 'inherit'] });
  await once(lean, 'exit');
  for (let i = 0; i < 2; i++) console.log(`warm  gRPC ReadObject: ${rate(await grpcRead())}`);
  const s = await client.api.GetStats({});
  console.log(JSON.stringify(s));

  client.close();
  agent.destroy();
  child.kill('SIGTERM');
  await once(child, 'exit');
  await ufs.stop();
  await rm(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
