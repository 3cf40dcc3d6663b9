/**
 * Cache operations end to end: the built `silt` CLI (bin/silt.js, a child process) against a real three-worker
 * cluster. load prefetches a prefix onto the workers the gateway reads from, so a read pass afterwards is all hits;
 * free drops the pages everywhere, so the next read pass misses again; where, workers and stats tell the truth.
 */
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, md5 } from './helpers/s3';
import { startTestCluster, type TestCluster } from './helpers/test-cluster';
import { siltCli } from './helpers/silt-cli';

const MiB = 1024 * 1024;
const BUCKET = 'cli-cache';


/** Totals of `silt stats --json` this suite looks at. */
interface Totals {
  hits: number;
  misses: number;
  bytesFromUfs: number;
  pagesLoaded: number;
  pagesFreed: number;
  tiers: Array<{ tier: string; pages: number }>;
}

describe('silt cache CLI against a real three-worker cluster', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  let metadata: string;
  const objects = new Map<string, { size: number; md5: string }>();
  let expectedPages = 0;
  let totalBytes = 0;

  const cli = siltCli(() => metadata);
  const silt = cli.run;
  const siltJson = cli.json;

  const totals = async () => (await siltJson<{ totals: Totals }>(['stats'])).totals;
  const pagesIn = (t: Totals, tier: string) => t.tiers.find((x) => x.tier === tier)?.pages ?? 0;

  /** Polls stats until `done` holds (short-circuit reads are reported to their worker once a second). */
  async function totalsWhen(done: (t: Totals) => boolean, timeoutMs = 10_000): Promise<Totals> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const t = await totals();
      if (done(t) || Date.now() > end) return t;
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  async function readEverything(): Promise<void> {
    const keys = [...objects.keys()];
    for (let i = 0; i < keys.length; i += 6) {
      await Promise.all(
        keys.slice(i, i + 6).map(async (key) => {
          const res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
          expect(md5(await bytesOf(res.Body))).toBe(objects.get(key)!.md5);
        }),
      );
    }
  }

  beforeAll(async () => {
    cluster = await startTestCluster({ workers: 3 });
    metadata = `${cluster.layout.host}:${cluster.layout.metadataPort}`;
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const puts: Array<[string, Buffer]> = [];
    for (let i = 0; i < 30; i++) puts.push([`data/obj-${String(i).padStart(2, '0')}`, randomBytes(MiB + ((i * 70_001) % (2 * MiB)))]);
    puts.push(['elsewhere/not-loaded', randomBytes(MiB)]);
    for (let i = 0; i < puts.length; i += 6) {
      await Promise.all(puts.slice(i, i + 6).map(([Key, Body]) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }))));
    }
    for (const [key, body] of puts.slice(0, 30)) {
      objects.set(key, { size: body.length, md5: md5(body) });
      expectedPages += Math.ceil(body.length / MiB);
      totalBytes += body.length;
    }
    // Every worker registered with metadata (the ring the gateway and the CLI both see).
    const end = Date.now() + 20_000;
    while ((await siltJson<{ workers: unknown[] }>(['workers'])).workers.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  });

  afterAll(async () => {
    await cluster?.dispose();
  });

  it('lists the ring: three live workers, as text and as JSON', async () => {
    const { workers } = await siltJson<{ workers: Array<{ workerId: string; grpcPort: number }> }>(['workers']);
    expect(workers.map((w) => w.workerId)).toEqual(['worker-0', 'worker-1', 'worker-2']);
    expect(workers.map((w) => w.grpcPort).sort()).toEqual(cluster.layout.workers.map((w) => w.grpcPort).sort());
    const text = await silt(['workers']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^WORKER\s+GRPC\s+HTTP\s+HEARTBEAT\s+DATA DIR\nworker-0\s+127\.0\.0\.1:\d+/);
  });

  it('load prefetches every object of the prefix onto the workers, pages on disk, none from elsewhere', async () => {
    const before = await totals();
    const r = await silt(['load', `${BUCKET}/data/`, '--concurrency', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^loaded 30 objects of 30 \\(.*\\) under ${BUCKET}/data/ in .*: ${expectedPages} pages read from the ufs`));
    const after = await totals();
    expect(after.pagesLoaded - before.pagesLoaded).toBe(expectedPages);
    expect(after.bytesFromUfs - before.bytesFromUfs).toBe(totalBytes);
    expect(pagesIn(after, 'disk')).toBe(expectedPages); // every page written to a disk tier before load answered
    expect(after.misses).toBe(before.misses); // prefetching is neither a hit nor a miss
    // spread over the ring, not piled on one worker
    const { workers } = await siltJson<{ workers: Array<{ pagesLoaded: number }> }>(['stats']);
    expect(workers.filter((w) => w.pagesLoaded > 0).length).toBeGreaterThan(1);
  });

  it('a read pass after load is all hits: no misses, no bytes from the ufs', async () => {
    const before = await totals();
    await readEverything();
    const after = await totalsWhen((t) => t.hits - before.hits >= expectedPages);
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(expectedPages);
    expect(after.misses - before.misses).toBe(0);
    expect(after.bytesFromUfs - before.bytesFromUfs).toBe(0);
  });

  it('loading again finds every page cached and reads nothing', async () => {
    const s = await siltJson<{ loaded: number; pagesLoaded: number; pagesCached: number; bytesFromUfs: number; failed: unknown[] }>(['load', `${BUCKET}/data`]);
    expect(s).toMatchObject({ loaded: 30, pagesLoaded: 0, pagesCached: expectedPages, bytesFromUfs: 0, failed: [] });
  });

  it('where names the live worker that owns a key, and the failover order', async () => {
    const w = await siltJson<{ exists: boolean; ringKey: string; owner: { workerId: string }; order: string[] }>(['where', `${BUCKET}/data/obj-07`]);
    expect(w.exists).toBe(true);
    expect(['worker-0', 'worker-1', 'worker-2']).toContain(w.owner.workerId);
    expect([...w.order].sort()).toEqual(['worker-0', 'worker-1', 'worker-2']);
    expect(w.order[0]).toBe(w.owner.workerId);
    const text = await silt(['where', `${BUCKET}/data/obj-07`]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`${BUCKET}/data/obj-07 -> ${w.owner.workerId} (${text.stdout.split('(')[1].split(')')[0]})\nfailover order: ${w.order.join(', ')}\n`);
    const missing = await silt(['where', `${BUCKET}/not/written/yet`]);
    expect(missing.code).toBe(0);
    expect(missing.stdout).toContain('no such object yet');
  });

  it('stats renders a table per worker and tier', async () => {
    const r = await silt(['stats']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^WORKER\s+TIER\s+CAPACITY\s+USED\s+PAGES\s+HITS\s+MISSES\s+HIT RATIO\s+EVICTIONS\s+FROM UFS$/);
    for (const id of ['worker-0', 'worker-1', 'worker-2']) {
      for (const tier of ['memory', 'disk', 'all']) expect(lines.some((l) => new RegExp(`^${id}\\s+${tier}\\b`).test(l))).toBe(true);
    }
    expect(lines.at(-1)).toMatch(/^total\s+all\s+\d+\s+\d+\s+\d+\.\d%\s+\d+\.\d MiB$/);
  });

  it('free drops every page everywhere, and the next read pass misses again', async () => {
    const s = await siltJson<{ freed: number; pagesFreed: number; failed: unknown[] }>(['free', `${BUCKET}/data/`]);
    expect(s).toMatchObject({ freed: 30, pagesFreed: expectedPages, failed: [] });
    const before = await totals();
    expect(pagesIn(before, 'disk')).toBe(0);
    expect(pagesIn(before, 'memory')).toBe(0);
    await readEverything();
    const after = await totals();
    expect(after.misses - before.misses).toBe(expectedPages);
    expect(after.bytesFromUfs - before.bytesFromUfs).toBe(totalBytes);
    const text = await silt(['free', `${BUCKET}/data/`]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^freed 30 objects of 30 \\(.*\\) under ${BUCKET}/data/ in .*: ${expectedPages} pages dropped \\(worker-0: \\d+, worker-1: \\d+, worker-2: \\d+\\)\n$`));
  });

  it('bad usage exits 2 with one line; failures exit 1 with one line, never a stack', async () => {
    for (const args of [['load'], ['frobnicate'], ['where', BUCKET], ['stats', '--concurrency', '2'], ['load', `${BUCKET}/x`, '--concurrency', 'lots']]) {
      const r = await silt(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^silt: .+ \(see silt --help\)\n$/);
    }
    const none = await silt([], { metadata: false });
    expect(none.code).toBe(2);

    const noBucket = await silt(['load', 'no-such-bucket/x']);
    expect(noBucket).toMatchObject({ code: 1, stderr: 'silt: no such bucket: no-such-bucket\n' });
    const down = await silt(['stats', '--metadata', '127.0.0.1:1'], { metadata: false });
    expect(down).toMatchObject({ code: 1, stderr: 'silt: cannot reach the metadata service at 127.0.0.1:1\n' });
    const help = await silt(['--help'], { metadata: false });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: silt <command>');
  });
});
