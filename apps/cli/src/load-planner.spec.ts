import { describe, expect, it } from 'vitest';
import type { ObjectRecord__Output } from '../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { WorkerInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import { CliError } from './args';
import { ObjectChangedError, ObjectGoneError, runFree, runLoad, type CacheCluster, type ListedObject, type LoadReply } from './jobs';
import { planObject, rangesOf, ringKeyOf, type ByteRange } from './load-planner';
import { ProgressBar } from './progress';

const MiB = 1024 * 1024;
const worker = (id: string): WorkerInfo__Output => ({ worker_id: id, host: '127.0.0.1', grpc_port: 1, http_port: 2, last_heartbeat_ms: 0, data_dir: '' });
const record = (key: string, size: number, version = 'v1'): ObjectRecord__Output =>
  ({ bucket: 'b', key, size, ufs_version: version, location: { mount_id: 'root', path: `b/${key}` } }) as ObjectRecord__Output;

/** A cluster double: objects by key, an owner per path (first letter of the key picks the worker), call logs. */
class FakeCluster implements CacheCluster {
  readonly live = [worker('w0'), worker('w1'), worker('w2')];
  readonly objects = new Map<string, ObjectRecord__Output>();
  readonly loads: Array<{ worker: string; key: string; range: ByteRange }> = [];
  readonly frees: Array<{ worker: string; key: string }> = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Keys whose next LoadObject answers "changed" (and get a new version), or "gone", or fails. */
  changeOnce = new Set<string>();
  goneAfterList = new Set<string>();
  failing = new Map<string, string>();

  put(key: string, size: number) {
    this.objects.set(key, record(key, size));
  }
  async list(bucket: string, prefix: string, onProgress?: (n: number) => void): Promise<ListedObject[]> {
    const out = [...this.objects.values()].filter((r) => r.key.startsWith(prefix)).map((r) => ({ key: r.key, size: r.size }));
    onProgress?.(out.length);
    for (const k of this.goneAfterList) this.objects.delete(k);
    return out;
  }
  async record(_bucket: string, key: string) {
    return this.objects.get(key);
  }
  workers() {
    return this.live;
  }
  order(ringKey: string) {
    const i = ringKey.charCodeAt(2) % this.live.length; // "b/<key>": the key's first character
    return [...this.live.slice(i), ...this.live.slice(0, i)];
  }
  async load(w: WorkerInfo__Output, r: ObjectRecord__Output, range: ByteRange): Promise<LoadReply> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((res) => setTimeout(res, 2));
      if (this.changeOnce.delete(r.key)) {
        this.objects.set(r.key, record(r.key, r.size, 'v2'));
        throw new ObjectChangedError('changed');
      }
      if (this.failing.has(r.key)) throw new Error(this.failing.get(r.key));
      if (!this.objects.has(r.key)) throw new ObjectGoneError('gone');
      this.loads.push({ worker: w.worker_id, key: `${r.key}@${r.ufs_version}`, range });
      const pages = Math.ceil(range.length / MiB);
      return { pagesLoaded: pages, pagesCached: 0, bytesFromUfs: range.length };
    } finally {
      this.inFlight--;
    }
  }
  async free(w: WorkerInfo__Output, r: ObjectRecord__Output): Promise<number> {
    this.frees.push({ worker: w.worker_id, key: r.key });
    if (this.failing.has(r.key) && w.worker_id === 'w1') throw new Error(this.failing.get(r.key));
    return w.worker_id === this.order(ringKeyOf(r))[0].worker_id ? Math.ceil(r.size / MiB) : 0;
  }
}

const silent = () => new ProgressBar({ write: () => true }, 'test', false);

describe('load planning', () => {
  it('cuts an object into consecutive ranges of at most the chunk size', () => {
    expect(rangesOf(0, 10)).toEqual([]);
    expect(rangesOf(10, 10)).toEqual([{ offset: 0, length: 10 }]);
    expect(rangesOf(25, 10)).toEqual([
      { offset: 0, length: 10 },
      { offset: 10, length: 10 },
      { offset: 20, length: 5 },
    ]);
    expect(() => rangesOf(1, 0)).toThrow();
  });

  it('places an object by the ring key the gateway reads it by (its UFS path, else its key)', () => {
    expect(ringKeyOf(record('k', 1))).toBe('b/k');
    expect(ringKeyOf({ key: 'k', location: null })).toBe('k');
    const seen: string[] = [];
    const step = planObject(record('k', 150 * MiB), (k) => (seen.push(k), [worker('w2'), worker('w0')]));
    expect(seen).toEqual(['b/k']);
    expect(step?.owner.worker_id).toBe('w2');
    expect(step?.ranges.map((r) => r.length)).toEqual([64 * MiB, 64 * MiB, 22 * MiB]);
    expect(planObject(record('k', 1), () => [])).toBeUndefined();
  });
});

describe('runLoad', () => {
  it('loads every object under the prefix on its owner, in chunks, with bounded concurrency', async () => {
    const c = new FakeCluster();
    for (const k of ['data/a', 'data/b', 'data/c', 'data/d', 'other']) c.put(k, 2 * MiB + 5);
    c.put('data/big', 5 * MiB);
    const updates: Array<{ objectsDone?: number; bytesDone?: number }> = [];
    const progress = silent();
    const update = progress.update.bind(progress);
    progress.update = (p) => (updates.push(p), update(p));
    const s = await runLoad(c, 'b', 'data/', { concurrency: 2, chunkBytes: 2 * MiB }, progress);
    expect(s).toMatchObject({ objects: 5, bytes: 4 * (2 * MiB + 5) + 5 * MiB, loaded: 5, skipped: 0, failed: [] });
    expect(c.maxInFlight).toBeLessThanOrEqual(2);
    // every call went to the owner the ring names, big in 3 chunks, the others in 2 (2 MiB + 5 bytes)
    for (const l of c.loads) expect(l.worker).toBe(c.order(`b/${l.key.split('@')[0]}`)[0].worker_id);
    expect(c.loads.filter((l) => l.key === 'data/big@v1').map((l) => l.range)).toEqual([
      { offset: 0, length: 2 * MiB },
      { offset: 2 * MiB, length: 2 * MiB },
      { offset: 4 * MiB, length: MiB },
    ]);
    expect(c.loads).toHaveLength(11);
    expect(s.bytesFromUfs).toBe(s.bytes);
    expect(Object.values(s.workers).reduce((n, w) => n + w.objects, 0)).toBe(5);
    expect(updates.at(-1)).toMatchObject({ objectsDone: 5 });
    expect(Math.max(...updates.map((u) => u.bytesDone ?? 0))).toBe(s.bytes);
  });

  it('re-resolves an object that changed once, skips one deleted meanwhile, records other failures and goes on', async () => {
    const c = new FakeCluster();
    for (const k of ['a', 'b', 'c', 'd']) c.put(k, MiB);
    c.changeOnce.add('a');
    c.goneAfterList.add('b');
    c.failing.set('c', 'cannot reach worker w0');
    const s = await runLoad(c, 'b', '', { concurrency: 4 }, silent());
    expect(s).toMatchObject({ objects: 4, loaded: 2, skipped: 1 });
    expect(s.failed).toEqual([{ key: 'c', worker: expect.any(String), error: 'cannot reach worker w0' }]);
    expect(c.loads.map((l) => l.key).sort()).toEqual(['a@v2', 'd@v1']);
  });

  it('fails as a whole when there is no live worker to load into, and does nothing for an empty prefix', async () => {
    const c = new FakeCluster();
    c.put('a', 1);
    c.live.length = 0;
    await expect(runLoad(c, 'b', '', { concurrency: 2 }, silent())).rejects.toBeInstanceOf(CliError);
    const empty = await runLoad(new FakeCluster(), 'b', 'none/', { concurrency: 2 }, silent());
    expect(empty).toMatchObject({ objects: 0, loaded: 0 });
  });
});

describe('runFree', () => {
  it('frees every object on every live worker and counts the pages each dropped', async () => {
    const c = new FakeCluster();
    for (const k of ['a', 'b', 'c']) c.put(k, 3 * MiB);
    c.failing.set('c', 'worker w1 did not answer in time');
    const s = await runFree(c, 'b', '', { concurrency: 2 }, silent());
    expect(c.frees).toHaveLength(9);
    expect(s).toMatchObject({ objects: 3, freed: 2, pagesFreed: 9 });
    expect(s.failed).toEqual([{ key: 'c', worker: 'w1', error: 'worker w1 did not answer in time' }]);
    expect(Object.values(s.workers).reduce((n, w) => n + w.pagesFreed, 0)).toBe(9);
  });
});
