import type { Logger } from 'pino';
import type { UfsServiceClient } from '../../../../libs/grpc/generated/silt/ufs/v1/UfsService';
import type { ListUfsObjectsResponse__Output } from '../../../../libs/grpc/generated/silt/ufs/v1/ListUfsObjectsResponse';
import type { Typed } from '../../../../libs/grpc/src/clients';
import { fromGrpcError } from '../../../../libs/grpc/src/status';
import { isS3ErrorCode, S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import type { StatObjectResponse__Output } from '../../../../libs/grpc/generated/silt/ufs/v1/StatObjectResponse';
import type { StatObjectsResult__Output } from '../../../../libs/grpc/generated/silt/ufs/v1/StatObjectsResult';
import type { Bucket, MetadataStore, ObjectRecord, SyncEntry } from '../store/metadata-store';
import type { InvalidationHub } from '../watch/invalidation-hub';
import { ROOT_MOUNT_ID } from '../../../../libs/mounts/src/mount-spec';

// Metadata sync: objects created, overwritten or deleted directly in a UFS (behind Silt's back) appear, change or
// vanish in Silt's index. On access, as Alluxio does, bounded by `metadata.sync.interval`:
//  - a listing of bucket/prefix first re-lists that prefix from the UFS when it was not synced within the interval
//    (streamed in batches; records the listing did not see are swept by a round mark, so the index is never held
//    in memory however large the prefix);
//  - a GetObject (a gateway's record-cache miss: gateways keep records at most one interval) re-stats the key when
//    it was not checked within the interval;
//  - a gateway that finds the bytes changed under a read (ABORTED from the ufs) asks SyncObject for that key.
// -1: each bucket is loaded once (first access in this process), never again; 0: every listing and every GetObject
// goes to the UFS. Changes are sent to watching gateways like any other mutation.

const MAX_CHECKED = 200_000;
/** Locations per StatObjects call (the ufs takes up to 1000; 500 keeps one call's reply small). */
const MAX_STATS_PER_CALL = 500;

type SyncOutcome = { object?: ObjectRecord; changed: boolean };
type Settle = { resolve: (outcome: SyncOutcome) => void; reject: (err: unknown) => void };

const ABSENT: StatObjectResponse__Output = { exists: false, size: 0, ufs_version: '', last_modified_ms: 0, etag: '' };
/** Listed prefixes remembered per bucket (the oldest is forgotten first: it is listed again on its next use). */
const MAX_PREFIXES_PER_BUCKET = 10_000;

export interface UfsSyncOptions {
  /** ms; -1 = once, 0 = always. */
  intervalMs: number;
  log?: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
}

export class UfsSync {
  /** bucket -> prefix -> when its last complete listing started. */
  private readonly listed = new Map<string, Map<string, number>>();
  /** bucket/key -> when it was last stat'ed. */
  private readonly checked = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly statting = new Map<string, Promise<SyncOutcome>>();
  private readonly now: () => number;
  private lastRound = 0;

  constructor(
    private readonly store: MetadataStore,
    private readonly ufs: Typed<UfsServiceClient>,
    private readonly hub: InvalidationHub | undefined,
    private readonly options: UfsSyncOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * A sync round's mark: its start time, but always above the last one, so two rounds in one millisecond (a stat
   * and a listing) never share a mark and the later listing sweeps what it did not see. Newer than any earlier
   * process's rounds as long as the clock does not go back.
   */
  private nextRound(startedMs: number): number {
    this.lastRound = Math.max(startedMs, this.lastRound + 1);
    return this.lastRound;
  }

  /** Whether bucket/prefix, or a prefix of it, was ever listed completely (fresh or not). */
  private everListed(bucket: string, prefix: string): boolean {
    const synced = this.listed.get(bucket);
    if (synced) for (const p of synced.keys()) if (prefix.startsWith(p)) return true;
    return false;
  }

  private fresh(at: number | undefined): boolean {
    if (at === undefined) return false;
    if (this.options.intervalMs < 0) return true;
    return this.now() - at < this.options.intervalMs;
  }

  /** Before answering a listing of bucket/prefix. */
  async beforeList(bucket: string, prefix: string): Promise<void> {
    const synced = this.listed.get(bucket);
    if (synced) {
      for (const [p, at] of synced) if (prefix.startsWith(p) && this.fresh(at)) return;
    }
    // With -1 a bucket is loaded once, whole: later listings of any prefix are covered.
    await this.syncPrefix(bucket, this.options.intervalMs < 0 ? '' : prefix);
  }

  /**
   * Before answering GetObject of bucket/key: re-checks the key in the UFS unless it was checked (or its prefix
   * listed) less than `maxAgeMs` ago (default: the interval). Returns how long ago that check was: the answer is the
   * UFS's truth as of then (0 when the check just failed and the index answers: asked again after an interval);
   * -1 with interval -1 (keys are never re-checked).
   */
  async beforeGet(bucket: string, key: string, maxAgeMs?: number): Promise<number> {
    const [outcome] = await this.beforeGetMany(bucket, [key], maxAgeMs);
    if (outcome instanceof S3Error) throw outcome;
    return outcome;
  }

  /**
   * beforeGet of many keys of one bucket (GetObjects): the keys whose check is due are stat'ed in one StatObjects
   * call. Each key gets its age, or the S3 error its GetObject would fail with; a bucket-wide failure (NoSuchBucket)
   * rejects.
   */
  async beforeGetMany(bucket: string, keys: readonly string[], maxAgeMs = this.options.intervalMs): Promise<Array<number | S3Error>> {
    if (this.options.intervalMs < 0) {
      let down: S3Error | undefined;
      try {
        await this.beforeList(bucket, '');
      } catch (err) {
        // The first load failed (the UFS is down): a key the index knows is answered from it, as with an interval.
        if (!(err instanceof S3Error && err.code === 'ServiceUnavailable')) throw err;
        down = err;
      }
      return Promise.all(keys.map(async (key) => (!down || (await this.knows(bucket, key)) ? -1 : down)));
    }
    const limit = Math.min(maxAgeMs, this.options.intervalMs);
    const outcomes: Array<number | S3Error> = new Array(keys.length);
    const due: number[] = [];
    keys.forEach((key, i) => {
      const newest = this.lastCheck(bucket, key);
      if (newest !== undefined && this.now() - newest < limit) outcomes[i] = this.now() - newest;
      else due.push(i);
    });
    if (due.length === 0) return outcomes;
    const runs = this.statKeys(bucket, due.map((i) => keys[i]));
    let failures = 0;
    let firstFailure: string | undefined;
    await Promise.all(
      due.map(async (i, n) => {
        try {
          await runs[n];
          outcomes[i] = Math.max(0, this.now() - (this.checked.get(`${bucket}/${keys[i]}`) ?? this.now()));
        } catch (err) {
          if (err instanceof S3Error && (err.code === 'NoSuchBucket' || err.code === 'AccessDenied')) throw err;
          failures++;
          firstFailure ??= (err as Error).message;
          // The UFS is unreachable. A key Silt knows is answered from the index (and the cache); a key it does not
          // know is not "absent" — nobody can tell — so the client is told to retry instead of getting NoSuchKey.
          outcomes[i] = (await this.knows(bucket, keys[i])) ? 0 : unreachable(bucket);
        }
      }),
    );
    if (failures) this.options.log?.warn({ bucket, keys: failures, err: firstFailure }, 'metadata sync: stat of the UFS failed');
    return outcomes;
  }

  /** When bucket/key was last compared with the UFS: its own stat, or a listing of a prefix holding it. */
  private lastCheck(bucket: string, key: string): number | undefined {
    let newest = this.checked.get(`${bucket}/${key}`);
    const synced = this.listed.get(bucket);
    if (synced) for (const [p, at] of synced) if (key.startsWith(p) && (newest === undefined || at > newest)) newest = at;
    return newest;
  }

  private knows(bucket: string, key: string): Promise<boolean> {
    return this.store.getObject(bucket, key).then(
      () => true,
      () => false,
    );
  }

  /** Remembers that Silt itself just wrote the key: the record is the UFS's truth for one interval. */
  noteWritten(bucket: string, key: string): void {
    this.remember(`${bucket}/${key}`);
  }

  private remember(id: string): void {
    this.checked.delete(id);
    this.checked.set(id, this.now());
    if (this.checked.size > MAX_CHECKED) this.checked.delete(this.checked.keys().next().value!);
  }

  /**
   * Stats the key in the UFS and makes its record match; returns the record as it is now (undefined: gone).
   * Concurrent callers for one key share one stat.
   */
  syncObject(bucket: string, key: string): Promise<SyncOutcome> {
    return this.statKeys(bucket, [key])[0];
  }

  /**
   * syncObject of each key: keys already being stat'ed join that stat, the others go to the UFS together, in
   * StatObjects calls of at most MAX_STATS_PER_CALL locations. One promise per key, in order.
   */
  private statKeys(bucket: string, keys: readonly string[]): Promise<SyncOutcome>[] {
    const runs: Promise<SyncOutcome>[] = [];
    const fresh: Array<{ key: string; settle: Settle }> = [];
    for (const key of keys) {
      const id = `${bucket}/${key}`;
      let run = this.statting.get(id);
      if (!run) {
        let settle!: Settle;
        const promise = new Promise<SyncOutcome>((resolve, reject) => (settle = { resolve, reject }));
        const clear = () => {
          if (this.statting.get(id) === promise) this.statting.delete(id);
        };
        promise.then(clear, clear);
        this.statting.set(id, promise);
        fresh.push({ key, settle });
        run = promise;
      }
      runs.push(run);
    }
    for (let at = 0; at < fresh.length; at += MAX_STATS_PER_CALL) void this.statBatch(bucket, fresh.slice(at, at + MAX_STATS_PER_CALL));
    return runs;
  }

  private async statBatch(bucket: string, items: ReadonlyArray<{ key: string; settle: Settle }>): Promise<void> {
    let results: StatObjectsResult__Output[];
    let startedMs: number;
    try {
      const b = await this.store.getBucket(bucket);
      startedMs = this.now();
      const locations = items.map(({ key }) => ({ mount_id: b.location?.mount_id ?? ROOT_MOUNT_ID, path: ufsPath(b, key) }));
      ({ results } = await this.ufs.api.StatObjects({ locations }, { timeoutMs: 30_000 }));
    } catch (err) {
      const e = err instanceof S3Error ? err : fromGrpcError(err);
      for (const { settle } of items) settle.reject(e);
      return;
    }
    await Promise.all(
      items.map(async ({ key, settle }, i) => {
        try {
          const r = results[i];
          if (!r) throw new S3Error('InternalError', 'StatObjects answered fewer locations than it was asked.');
          let stat = r.stat;
          if (r.error_code) {
            // A key the UFS cannot even name (a path it refuses) is simply not there.
            if (r.error_code === 'InvalidArgument' || r.error_code === 'KeyTooLongError') stat = ABSENT;
            else throw new S3Error(isS3ErrorCode(r.error_code) ? r.error_code : 'InternalError', r.error_message || undefined);
          }
          settle.resolve(await this.applyStat(bucket, key, stat ?? ABSENT, startedMs));
        } catch (err) {
          settle.reject(err);
        }
      }),
    );
  }

  /** Makes the key's record match what the UFS answered at `startedMs`. */
  private async applyStat(bucket: string, key: string, stat: StatObjectResponse__Output, startedMs: number): Promise<SyncOutcome> {
    let changed: boolean;
    const current = await this.store.getObject(bucket, key).catch((err: unknown) => {
      if (err instanceof S3Error && err.code === 'NoSuchKey') return undefined;
      throw err;
    });
    if (stat.exists && current?.ufs_version === stat.ufs_version) {
      // The usual answer: nothing changed. Nothing is written (a listing's sweep has its own round marks).
      this.remember(`${bucket}/${key}`);
      return { object: current, changed: false };
    }
    if (!stat.exists && !current) {
      this.remember(`${bucket}/${key}`);
      return { changed: false };
    }
    if (stat.exists) {
      const entry: SyncEntry = { key, size: stat.size, version: stat.ufs_version, lastModifiedMs: stat.last_modified_ms, etag: etagOf(stat.etag, stat.ufs_version) };
      changed = (await this.store.syncApply(bucket, [entry], this.nextRound(startedMs), startedMs)).length > 0;
    } else {
      changed = await this.store.syncRemove(bucket, key, startedMs);
    }
    this.remember(`${bucket}/${key}`);
    if (changed) await this.invalidate(bucket, key);
    let object: ObjectRecord | undefined;
    try {
      object = await this.store.getObject(bucket, key);
    } catch (err) {
      if (!(err instanceof S3Error && err.code === 'NoSuchKey')) throw err;
    }
    return { object, changed };
  }

  /** Re-lists bucket/prefix from the UFS into the index; concurrent callers share one run. */
  syncPrefix(bucket: string, prefix: string): Promise<void> {
    const id = `${bucket}\u0000${prefix}`;
    let run = this.inflight.get(id);
    if (!run) {
      run = this.runSync(bucket, prefix).finally(() => this.inflight.delete(id));
      this.inflight.set(id, run);
    }
    return run;
  }

  private async runSync(bucket: string, prefix: string): Promise<void> {
    const b = await this.store.getBucket(bucket);
    const startedMs = this.now();
    const round = this.nextRound(startedMs);
    const call = this.ufs.raw.ListObjects({ location: { mount_id: b.location?.mount_id ?? ROOT_MOUNT_ID, path: `${ufsPath(b, '')}${prefix}` } });
    let applied = 0;
    let changed = 0;
    try {
      for await (const msg of call as AsyncIterable<ListUfsObjectsResponse__Output>) {
        const entries: SyncEntry[] = msg.entries.map((e) => ({ key: e.key, size: e.size, version: e.ufs_version, lastModifiedMs: e.last_modified_ms, etag: etagOf(e.etag, e.ufs_version) }));
        changed += (await this.store.syncApply(bucket, entries, round, startedMs)).length;
        applied += entries.length;
      }
    } catch (err) {
      call.cancel();
      const e = fromGrpcError(err);
      // A UFS that cannot be listed is served from the index alone.
      if (e.code === 'InvalidRequest') return;
      this.options.log?.warn({ bucket, prefix, err: e.message }, 'metadata sync: listing the UFS failed');
      // Listed before (this prefix or one above it): answer from the index (stale, but what Silt last saw). Never
      // listed: an empty answer would claim the storage is empty; tell the client to retry.
      if (!this.everListed(bucket, prefix)) throw unreachable(bucket);
      return;
    }
    const swept = await this.store.syncSweep(bucket, prefix, round, startedMs);
    let perBucket = this.listed.get(bucket);
    if (!perBucket) this.listed.set(bucket, (perBucket = new Map()));
    perBucket.delete(prefix);
    perBucket.set(prefix, startedMs);
    if (perBucket.size > MAX_PREFIXES_PER_BUCKET) perBucket.delete(perBucket.keys().next().value!); // the oldest
    if (changed + swept.length > 0) {
      await this.invalidate(bucket, '');
      this.options.log?.info({ bucket, prefix, listed: applied, changed, removed: swept.length, ms: this.now() - startedMs }, 'metadata sync');
    }
  }

  private async invalidate(bucket: string, key: string): Promise<void> {
    const acked = this.hub?.invalidate(bucket, key);
    if (acked) await acked;
  }

  /** A bucket was deleted or unmounted: forget what was synced there. */
  forgetBucket(bucket: string): void {
    this.listed.delete(bucket);
    const prefix = `${bucket}/`;
    for (const id of [...this.checked.keys()]) if (id.startsWith(prefix)) this.checked.delete(id);
  }
}

/** 503 for a bucket whose storage cannot be reached (the cause is logged; it may name hosts, never credentials). */
function unreachable(bucket: string): S3Error {
  return new S3Error('ServiceUnavailable', `The storage under bucket "${bucket}" cannot be reached right now; please retry.`);
}

/** "<bucket's UFS path>/<key>", the path every object of the bucket has in its mount. */
function ufsPath(b: Bucket, key: string): string {
  const root = b.location?.path ?? b.name;
  return root === '' ? key : `${root}/${key}`;
}

/**
 * An S3 backend's version is "<etag>@<seconds>": its ETag is the real one. So is a local directory's folder object
 * (`s3.listing.directoriesAsObjects`: "<MD5 of nothing>@<mtime ns>", apps/ufs/src/adapters/local/local-list.ts), so
 * HEAD/GET and listings of `dir/` answer S3's ETag of an empty object. Files have none.
 */
function etagOf(etag: string | undefined, version: string): string {
  if (etag) return etag;
  const m = /^([0-9a-f]{32}(?:-\d+)?)@\d+$/.exec(version);
  return m ? m[1] : '';
}
