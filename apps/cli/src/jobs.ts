import type { ObjectRecord__Output } from '../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { WorkerInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import { CliError } from './args';
import { runPool } from '../../../libs/runtime/src/run-pool';
import { LOAD_CHUNK_BYTES, planObject, type ByteRange } from './load-planner';
import type { ProgressBar } from './progress';

export interface ListedObject {
  key: string;
  size: number;
}

/** The object's bytes in the UFS are no longer the version its record named (LoadObject answered ABORTED). */
export class ObjectChangedError extends Error {
  override readonly name = 'ObjectChangedError';
}

/** The object is gone (deleted since it was listed). */
export class ObjectGoneError extends Error {
  override readonly name = 'ObjectGoneError';
}

export interface LoadReply {
  pagesLoaded: number;
  pagesCached: number;
  bytesFromUfs: number;
}

/** What load and free need from the cluster; the real one is GrpcCluster, tests use a double. */
export interface CacheCluster {
  /** Every object whose key starts with `prefix`, in key order; `onProgress` gets the count listed so far. */
  list(bucket: string, prefix: string, onProgress?: (listed: number) => void): Promise<ListedObject[]>;
  /** The object's current record; undefined when it is gone. */
  record(bucket: string, key: string): Promise<ObjectRecord__Output | undefined>;
  /** The live workers (the ring). */
  workers(): readonly WorkerInfo__Output[];
  /** Workers in preference order for a ring key: the owner first (the gateway's rendezvous ring). */
  order(ringKey: string): readonly WorkerInfo__Output[];
  /** LoadObject on one worker. Throws ObjectChangedError, ObjectGoneError, or an Error with a readable message. */
  load(worker: WorkerInfo__Output, record: ObjectRecord__Output, range: ByteRange): Promise<LoadReply>;
  /** FreeObject on one worker: the pages it dropped. */
  free(worker: WorkerInfo__Output, record: ObjectRecord__Output): Promise<number>;
}

export interface JobOptions {
  concurrency: number;
  chunkBytes?: number;
}

export interface Failure {
  key: string;
  worker?: string;
  error: string;
}

export interface LoadSummary {
  bucket: string;
  prefix: string;
  /** Listed under the prefix. */
  objects: number;
  bytes: number;
  /** Objects whose every page is now cached on their owner. */
  loaded: number;
  pagesLoaded: number;
  pagesCached: number;
  bytesFromUfs: number;
  /** Gone between the listing and their turn. */
  skipped: number;
  failed: Failure[];
  workers: Record<string, { objects: number; pagesLoaded: number; pagesCached: number; bytesFromUfs: number }>;
  elapsedMs: number;
}

export interface FreeSummary {
  bucket: string;
  prefix: string;
  objects: number;
  bytes: number;
  /** Objects FreeObject went through on every live worker. */
  freed: number;
  pagesFreed: number;
  skipped: number;
  failed: Failure[];
  workers: Record<string, { pagesFreed: number }>;
  elapsedMs: number;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Lists the prefix with a note on the progress line, then sets the bar's totals. */
async function listFor(cluster: CacheCluster, bucket: string, prefix: string, progress: ProgressBar): Promise<ListedObject[]> {
  const objects = await cluster.list(bucket, prefix, (n) => progress.note(`listing ${bucket}/${prefix}: ${n} objects`));
  progress.update({ objectsTotal: objects.length, bytesTotal: objects.reduce((n, o) => n + o.size, 0) });
  return objects;
}

/**
 * `silt load`: every object under the prefix, loaded into the cache of the worker that owns it on the ring (the
 * worker the gateway reads it from), `concurrency` objects at a time; a large object in LOAD_CHUNK_BYTES calls. An
 * object that changed since its record was read is re-resolved once; one deleted meanwhile is skipped; any other
 * failure is recorded and the others go on.
 */
export async function runLoad(cluster: CacheCluster, bucket: string, prefix: string, options: JobOptions, progress: ProgressBar): Promise<LoadSummary> {
  const started = Date.now();
  const listed = await listFor(cluster, bucket, prefix, progress);
  const summary: LoadSummary = {
    bucket,
    prefix,
    objects: listed.length,
    bytes: listed.reduce((n, o) => n + o.size, 0),
    loaded: 0,
    pagesLoaded: 0,
    pagesCached: 0,
    bytesFromUfs: 0,
    skipped: 0,
    failed: [],
    workers: {},
    elapsedMs: 0,
  };
  if (listed.length > 0 && cluster.workers().length === 0) throw new CliError('no live block-cache workers: nothing to load into');
  let objectsDone = 0;
  let bytesDone = 0;

  await runPool(listed, options.concurrency, async (object) => {
    // The bar moves by the listed size of each object, whatever its current record says.
    let credited = 0;
    const credit = (bytes: number) => {
      const add = Math.max(0, Math.min(bytes, object.size - credited));
      credited += add;
      bytesDone += add;
      progress.update({ bytesDone });
    };
    try {
      for (let attempt = 0; ; attempt++) {
        const record = await cluster.record(bucket, object.key);
        if (!record) {
          summary.skipped++;
          return;
        }
        const step = planObject(record, (k) => cluster.order(k), options.chunkBytes ?? LOAD_CHUNK_BYTES);
        if (!step) throw new CliError('no live block-cache workers left');
        const id = step.owner.worker_id;
        const tally = (summary.workers[id] ??= { objects: 0, pagesLoaded: 0, pagesCached: 0, bytesFromUfs: 0 });
        try {
          for (const range of step.ranges) {
            const r = await cluster.load(step.owner, record, range);
            summary.pagesLoaded += r.pagesLoaded;
            summary.pagesCached += r.pagesCached;
            summary.bytesFromUfs += r.bytesFromUfs;
            tally.pagesLoaded += r.pagesLoaded;
            tally.pagesCached += r.pagesCached;
            tally.bytesFromUfs += r.bytesFromUfs;
            credit(range.length);
          }
          tally.objects++;
          summary.loaded++;
          return;
        } catch (err) {
          if (err instanceof ObjectChangedError && attempt === 0) continue; // rewritten meanwhile: its new record
          if (err instanceof ObjectGoneError) {
            summary.skipped++;
            return;
          }
          summary.failed.push({ key: object.key, worker: id, error: messageOf(err) });
          return;
        }
      }
    } catch (err) {
      if (err instanceof CliError) throw err;
      summary.failed.push({ key: object.key, error: messageOf(err) });
    } finally {
      credit(object.size);
      progress.update({ objectsDone: ++objectsDone });
    }
  });
  summary.elapsedMs = Date.now() - started;
  return summary;
}

/**
 * `silt free`: FreeObject for the current version of every object under the prefix, on every live worker (the
 * owner may have changed since the pages were loaded, and a failover read caches on the next worker).
 */
export async function runFree(cluster: CacheCluster, bucket: string, prefix: string, options: JobOptions, progress: ProgressBar): Promise<FreeSummary> {
  const started = Date.now();
  const listed = await listFor(cluster, bucket, prefix, progress);
  const workers = cluster.workers();
  const summary: FreeSummary = {
    bucket,
    prefix,
    objects: listed.length,
    bytes: listed.reduce((n, o) => n + o.size, 0),
    freed: 0,
    pagesFreed: 0,
    skipped: 0,
    failed: [],
    workers: Object.fromEntries(workers.map((w) => [w.worker_id, { pagesFreed: 0 }])),
    elapsedMs: 0,
  };
  let objectsDone = 0;
  let bytesDone = 0;
  await runPool(workers.length ? listed : [], options.concurrency, async (object) => {
    try {
      const record = await cluster.record(bucket, object.key);
      if (!record) {
        summary.skipped++;
        return;
      }
      let ok = true;
      await Promise.all(
        workers.map(async (w) => {
          try {
            const n = await cluster.free(w, record);
            summary.pagesFreed += n;
            summary.workers[w.worker_id].pagesFreed += n;
          } catch (err) {
            ok = false;
            summary.failed.push({ key: object.key, worker: w.worker_id, error: messageOf(err) });
          }
        }),
      );
      if (ok) summary.freed++;
    } catch (err) {
      summary.failed.push({ key: object.key, error: messageOf(err) });
    } finally {
      bytesDone += object.size;
      progress.update({ objectsDone: ++objectsDone, bytesDone });
    }
  });
  summary.elapsedMs = Date.now() - started;
  return summary;
}
