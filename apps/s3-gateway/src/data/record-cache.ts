import type * as grpc from '@grpc/grpc-js';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { ObjectRecord__Output } from '../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { Invalidation__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/Invalidation';
import type { MetadataServiceClient } from '../../../../libs/grpc/generated/silt/metadata/v1/MetadataService';
import type { WatchAck } from '../../../../libs/grpc/generated/silt/metadata/v1/WatchAck';
import type { Typed } from '../../../../libs/grpc/src/clients';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';

/** What the handlers need: an object's record (as metadata's GetObject), and a way to forget one after a write. */
export interface ObjectRecords {
  /** The record, cached or from metadata GetObject; errors are GetObject's, unchanged (NoSuchKey is never cached). */
  get(bucket: string, key: string): Promise<ObjectRecord__Output>;
  /** Forget bucket/key (the whole bucket when key is omitted) after this gateway's own write. */
  invalidateLocal(bucket: string, key?: string): void;
}

export interface RecordCacheOptions {
  /** Default 50,000 records. */
  maxEntries?: number;
  /**
   * How long a record may be kept after metadata last compared it with the UFS (metadata.sync.interval; coherence
   * with Silt's own writes comes from the Watch stream): default 30 s. A record still in use in the last quarter of
   * that time is refreshed in the background, so a hot key never waits for its re-check.
   */
  ttlMs?: number;
  /** Reconnect backoff, doubling from min to max: default 100 ms .. 2 s. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the lease is renewed: default 200 ms (the service grants 1 s). */
  renewIntervalMs?: number;
  /** A renewal unanswered this long means a dead stream: default 3 s. */
  renewTimeoutMs?: number;
  log?: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

export interface RecordCacheStats {
  hits: number;
  misses: number;
  invalidations: number;
  /** Background re-fetches of hot records about to expire. */
  refreshes: number;
  /** Streams that broke (each one cleared the cache). */
  breaks: number;
  entries: number;
  /** The service has registered this gateway and its lease is running: hits are served. */
  serving: boolean;
}

/** Lease = this share of what the service granted, measured from when the renewal was sent: room for clock rate drift. */
const LEASE_SAFETY = 0.9;
/** Refreshes due within this many ms share a GetObjects call; at most this many keys per call. */
const REFRESH_GATHER_MS = 10;
const REFRESH_BATCH = 500;

const entryKey = (bucket: string, key: string) => `${bucket}/${key}`; // bucket names never contain '/'

interface Entry {
  record: ObjectRecord__Output;
  /** performance.now() after which a hit also starts a background refresh. */
  refreshAt: number;
}

/**
 * Object records cached in the gateway, kept coherent by metadata's Watch stream (see `rpc Watch` in
 * metadata.proto). Metadata sends every mutated bucket/key to every watcher and answers the writer only after each
 * has acked it, so a record this cache holds is never older than the last acknowledged write:
 *  - an invalidation deletes the entry (the whole bucket for an empty key), then is acked;
 *  - a GetObject answer is cached only if no invalidation (of any key: one counter) and no reconnection happened
 *    between sending the call and receiving its answer: otherwise an invalidation that overtook the answer would be
 *    lost;
 *  - hits are served only while registered and within the lease: the lease runs from when this gateway SENT its last
 *    answered renewal, and metadata answers a writer whose watcher it dropped (no ack in 500 ms) only after that
 *    lease has expired, so a stalled or cut-off gateway stops serving hits before such a write is acknowledged;
 *  - when the stream breaks, everything is forgotten and nothing is served or cached until the service has
 *    registered the new stream (reconnecting with backoff).
 */
export class RecordCache implements ObjectRecords {
  private readonly lru: LRUCache<string, Entry>;
  private readonly ttlMs: number;
  /** Keys with a background refresh queued or in flight, and the queue by bucket (see refresh). */
  private readonly refreshing = new Set<string>();
  private readonly refreshQueue = new Map<string, string[]>();
  private refreshTimer?: NodeJS.Timeout;
  /** GetObject calls in flight, by entry key (see fetch). */
  private readonly fetching = new Map<string, { epoch: number; promise: Promise<ObjectRecord__Output> }>();
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly renewIntervalMs: number;
  private readonly renewTimeoutMs: number;
  private readonly log?: RecordCacheOptions['log'];

  private call?: grpc.ClientDuplexStream<WatchAck, Invalidation__Output>;
  /** Bumped by every invalidation, registration and break: an answer is cached only if it did not move. */
  private epoch = 0;
  private registered = false;
  private leaseUntil = 0;
  private renewId = 0;
  /** Renewal id -> when it was sent (monotonic ms), until answered. */
  private readonly renewals = new Map<number, number>();
  private ackedSeq = 0;
  private highestSeq = 0;
  private ackScheduled = false;
  private renewTimer?: NodeJS.Timeout;
  private lastTickAt = 0;
  private reconnectTimer?: NodeJS.Timeout;
  private backoffMs: number;
  private running = false;

  private hits = 0;
  private misses = 0;
  private invalidations = 0;
  private refreshes = 0;
  private breaks = 0;

  constructor(
    private readonly metadata: Typed<MetadataServiceClient>,
    options: RecordCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.lru = new LRUCache<string, Entry>({ max: options.maxEntries ?? 50_000, ttl: this.ttlMs });
    this.minBackoffMs = options.minBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 2_000;
    this.renewIntervalMs = options.renewIntervalMs ?? 200;
    this.renewTimeoutMs = options.renewTimeoutMs ?? 3_000;
    this.backoffMs = this.minBackoffMs;
    this.log = options.log;
  }

  /** Opens the Watch stream; hits start once the service has registered it (a few ms). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /**
   * Forgets everything, then releases the stream: that tells the service this gateway no longer serves hits, so
   * writers need not wait for its lease to run out. get() keeps working, uncached.
   */
  stop(): void {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const call = this.call;
    this.reset();
    if (!call) return;
    call.write({ release: true });
    call.end();
    setTimeout(() => call.cancel(), 1_000).unref(); // the service answers a release by ending the call; in case not
  }

  /** True while hits are served: registered by the service, lease running. */
  get serving(): boolean {
    return this.registered && performance.now() < this.leaseUntil;
  }

  stats(): RecordCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      invalidations: this.invalidations,
      refreshes: this.refreshes,
      breaks: this.breaks,
      entries: this.lru.size,
      serving: this.serving,
    };
  }

  get(bucket: string, key: string): Promise<ObjectRecord__Output> {
    const k = entryKey(bucket, key);
    if (this.registered && performance.now() < this.leaseUntil) {
      const hit = this.lru.get(k);
      if (hit) {
        this.hits++;
        if (performance.now() >= hit.refreshAt) this.refresh(bucket, key, k);
        return Promise.resolve(hit.record);
      }
    }
    this.misses++;
    return this.fetch(bucket, key, k);
  }

  invalidateLocal(bucket: string, key?: string): void {
    this.epoch++;
    if (key === undefined) this.forgetBucket(bucket);
    else this.lru.delete(entryKey(bucket, key));
  }

  /**
   * One GetObject per key at a time: when a hot record expires, the requests that miss together share one call
   * instead of each sending its own (and each making metadata re-stat the UFS). A call sent before the latest
   * invalidation is never joined: its answer may predate a write already acknowledged.
   */
  private fetch(bucket: string, key: string, k: string): Promise<ObjectRecord__Output> {
    const joined = this.fetching.get(k);
    if (joined && joined.epoch === this.epoch) return joined.promise;
    const entry = { epoch: this.epoch, promise: this.fetchOnce(bucket, key, k) };
    this.fetching.set(k, entry);
    const done = () => {
      if (this.fetching.get(k) === entry) this.fetching.delete(k);
    };
    entry.promise.then(done, done);
    return entry.promise;
  }

  /**
   * Re-fetches a record in its last quarter, asking metadata for a check younger than half the TTL (so the answer
   * lives a whole TTL again) while hits go on being served. Refreshes due within a few ms go together, one
   * GetObjects call per bucket (metadata then stats their UFS files in one call too). A key that vanished from the
   * UFS meanwhile is forgotten; any other failure leaves the record to expire.
   */
  private refresh(bucket: string, key: string, k: string): void {
    if (this.fetching.has(k) || this.refreshing.has(k)) return;
    this.refreshing.add(k);
    this.refreshes++;
    let keys = this.refreshQueue.get(bucket);
    if (!keys) this.refreshQueue.set(bucket, (keys = []));
    keys.push(key);
    if (!this.refreshTimer) {
      this.refreshTimer = setTimeout(() => this.sendRefreshes(), REFRESH_GATHER_MS);
      this.refreshTimer.unref();
    }
  }

  private sendRefreshes(): void {
    this.refreshTimer = undefined;
    const queued = [...this.refreshQueue];
    this.refreshQueue.clear();
    for (const [bucket, keys] of queued) {
      for (let at = 0; at < keys.length; at += REFRESH_BATCH) void this.refreshBatch(bucket, keys.slice(at, at + REFRESH_BATCH));
    }
  }

  private async refreshBatch(bucket: string, keys: string[]): Promise<void> {
    const epoch = this.epoch;
    const cacheable = this.registered;
    const sentAt = performance.now();
    try {
      const { results } = await this.metadata.api.GetObjects({ bucket, keys, max_age_ms: Math.max(1, Math.floor(this.ttlMs / 2)) });
      keys.forEach((key, i) => {
        const r = results[i];
        const k = entryKey(bucket, key);
        if (r?.error_code === 'NoSuchKey') {
          if (this.epoch === epoch) this.lru.delete(k);
        } else if (r?.object && !r.error_code) {
          this.keep(k, r.object, Number(r.checked_age_ms), sentAt, epoch, cacheable);
        }
      });
    } catch (err) {
      this.log?.debug({ bucket, keys: keys.length, err: (err as Error).message }, 'record cache: background refresh failed');
    } finally {
      for (const key of keys) this.refreshing.delete(entryKey(bucket, key));
    }
  }

  private async fetchOnce(bucket: string, key: string, k: string): Promise<ObjectRecord__Output> {
    const epoch = this.epoch;
    const cacheable = this.registered;
    const sentAt = performance.now();
    const { object, checked_age_ms: checkedAgeMs } = await this.metadata.api.GetObject({ bucket, key });
    if (!object) throw new S3Error('NoSuchKey', undefined, { Key: key });
    this.keep(k, object, Number(checkedAgeMs ?? 0), sentAt, epoch, cacheable);
    return object;
  }

  /**
   * Caches an answer if nothing was invalidated and the stream did not reconnect since the call was sent (then no
   * invalidation of this key can have overtaken it), until metadata's check is one TTL old, counted from when the
   * call was sent (the earliest the check can have been).
   */
  private keep(k: string, record: ObjectRecord__Output, checkedAgeMs: number, sentAt: number, epoch: number, cacheable: boolean): void {
    if (!cacheable || !this.registered || this.epoch !== epoch) return;
    const expiresAt = sentAt - Math.max(0, checkedAgeMs) + this.ttlMs;
    const ttl = Math.floor(expiresAt - performance.now());
    if (ttl > 0) this.lru.set(k, { record, refreshAt: expiresAt - this.ttlMs / 4 }, { ttl });
  }

  private forgetBucket(bucket: string): void {
    const prefix = `${bucket}/`;
    for (const k of [...this.lru.keys()]) if (k.startsWith(prefix)) this.lru.delete(k);
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    if (!this.running) return;
    const call = this.metadata.raw.Watch();
    this.call = call;
    call.on('data', (msg: Invalidation__Output) => {
      if (call === this.call) this.onMessage(msg);
    });
    call.on('error', (err: grpc.ServiceError) => this.broken(call, `${err.code} ${err.details}`));
    call.on('end', () => this.broken(call, 'ended by the service'));
    this.lastTickAt = performance.now();
    this.renew();
    this.renewTimer = setInterval(() => this.tick(), this.renewIntervalMs);
    this.renewTimer.unref();
  }

  private onMessage(msg: Invalidation__Output): void {
    const seq = Number(msg.seq);
    if (seq > 0) {
      // Forget first, then count: an answer in flight since before this point will not be cached.
      if (msg.key === '') this.forgetBucket(msg.bucket);
      else this.lru.delete(entryKey(msg.bucket, msg.key));
      this.epoch++;
      this.invalidations++;
      if (seq > this.highestSeq) this.highestSeq = seq;
      this.scheduleAck();
      return;
    }
    const renewed = Number(msg.renewed);
    const sentAt = this.renewals.get(renewed);
    if (sentAt === undefined) return;
    for (const id of this.renewals.keys()) if (id <= renewed) this.renewals.delete(id);
    if (!this.registered) {
      // The service registered this stream before reading the renewal it answers: from now on every mutation reaches
      // us, so answers to calls sent from now on may be cached.
      this.registered = true;
      this.epoch++;
      this.backoffMs = this.minBackoffMs;
      this.log?.info({ leaseMs: msg.lease_ms }, 'record cache: watching metadata');
    }
    this.leaseUntil = Math.max(this.leaseUntil, sentAt + msg.lease_ms * LEASE_SAFETY);
  }

  /** Acks are cumulative: one per event-loop turn covers every invalidation received in it. */
  private scheduleAck(): void {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    setImmediate(() => {
      this.ackScheduled = false;
      if (!this.call || this.highestSeq <= this.ackedSeq) return;
      this.ackedSeq = this.highestSeq;
      this.call.write({ seq: this.ackedSeq });
    });
  }

  private renew(): void {
    const id = ++this.renewId;
    this.renewals.set(id, performance.now());
    this.call?.write({ seq: this.highestSeq, renew: id });
    this.ackedSeq = Math.max(this.ackedSeq, this.highestSeq);
  }

  private tick(): void {
    const call = this.call;
    if (!call) return;
    const now = performance.now();
    const stalled = now - this.lastTickAt > 2 * this.renewIntervalMs; // our own loop was busy: answers may be queued
    this.lastTickAt = now;
    const oldest = this.renewals.values().next();
    if (!stalled && !oldest.done && now - oldest.value > this.renewTimeoutMs) {
      this.broken(call, `no lease renewal in ${this.renewTimeoutMs} ms`);
      return;
    }
    this.renew();
  }

  private broken(call: grpc.ClientDuplexStream<WatchAck, Invalidation__Output>, reason: string): void {
    if (call !== this.call) return;
    this.breaks++;
    const wasRegistered = this.registered;
    this.reset();
    call.cancel();
    if (!this.running) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    (wasRegistered ? this.log?.warn : this.log?.debug)?.call(this.log, { reason, retryMs: delay }, 'record cache: watch stream broken, cache dropped');
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref();
  }

  /** Not watching: nothing served, nothing cached, nothing kept. */
  private reset(): void {
    this.call = undefined;
    this.registered = false;
    this.leaseUntil = 0;
    this.epoch++;
    this.lru.clear();
    this.refreshQueue.clear();
    this.refreshing.clear();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.renewals.clear();
    this.ackedSeq = 0;
    this.highestSeq = 0;
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }
}
