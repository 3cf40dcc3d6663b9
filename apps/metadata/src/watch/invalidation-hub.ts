import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Invalidation } from '../../../../libs/grpc/generated/silt/metadata/v1/Invalidation';
import type { WatchAck__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/WatchAck';
import { failStream } from '../../../../libs/grpc/src/status';

export interface InvalidationHubOptions {
  /** A watcher that has not acked an invalidation this long after it was sent is dropped (default 500 ms). */
  ackTimeoutMs?: number;
  /**
   * Granted on each renewal: the watcher may serve from its cache for this long after it sent the renewal. A dropped
   * watcher's writers are answered only once this has passed since its last renewal arrived (default 1 s).
   */
  leaseMs?: number;
  /**
   * Leases granted by a previous run of this service (before a restart) may still be running in gateways that have
   * not noticed yet: mutations wait until this long after start (default leaseMs; 0 only in tests).
   */
  priorLeasesMs?: number;
  log?: Pick<Logger, 'warn' | 'info'>;
  /** Monotonic milliseconds (tests). */
  now?: () => number;
}

export const DEFAULT_ACK_TIMEOUT_MS = 500;
export const DEFAULT_LEASE_MS = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(ms)));

type WatchCall = grpc.ServerDuplexStream<WatchAck__Output, Invalidation>;

interface Waiter {
  seq: number;
  sentAt: number;
  resolve: () => void;
}

/** One gateway's Watch stream: what it has acked, since when it holds a lease, who waits for its acks. */
class Watcher {
  acked: number;
  /** When its last renewal arrived (hub clock); -Infinity: it never held a lease. */
  lastRenewAt = Number.NEGATIVE_INFINITY;
  dropped = false;
  /** Ascending seq (seqs are issued in order), so acks release a prefix. */
  private waiters: Waiter[] = [];
  private head = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly hub: InvalidationHub,
    readonly call: WatchCall,
    readonly peer: string,
    startSeq: number,
  ) {
    this.acked = startSeq;
  }

  wait(seq: number, sentAt: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiters.push({ seq, sentAt, resolve });
      if (!this.timer) this.arm(this.hub.ackTimeoutMs);
    });
  }

  onMessage(msg: WatchAck__Output): void {
    if (this.dropped) return;
    if (msg.release) {
      // The gateway forgot its cache before sending this (RecordCache.stop): nothing of it to wait for any more.
      this.drop('released by the watcher', false, true);
      this.call.end();
      return;
    }
    const seq = Math.min(Number(msg.seq) || 0, this.hub.currentSeq);
    if (seq > this.acked) {
      this.acked = seq;
      this.release(seq);
    }
    const renew = Number(msg.renew) || 0;
    if (renew > 0) {
      this.lastRenewAt = this.hub.now();
      this.call.write({ seq: 0, renewed: renew, lease_ms: this.hub.leaseMs });
    }
  }

  /**
   * Removes the watcher: its stream ends (with an error unless it is already over), and whoever waits for it is
   * answered once the lease it may still believe in has run out, unless it `released` it: a half-close is sent by a
   * gateway only after it has forgotten its cache.
   */
  drop(reason: string, endStream: boolean, released = false): void {
    if (this.dropped) return;
    this.dropped = true;
    const leaseEnd = released ? Number.NEGATIVE_INFINITY : this.lastRenewAt + this.hub.leaseMs;
    this.hub.forget(this, leaseEnd);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (endStream) {
      // The Duplex's own 'error' listener records the status and ends the stream after what was written.
      failStream(this.call, { code: grpc.status.UNAVAILABLE, details: `watch dropped: ${reason}` });
    }
    const pending = this.waiters.slice(this.head);
    this.waiters = [];
    this.head = 0;
    if (pending.length === 0) return;
    const leaseLeft = leaseEnd - this.hub.now();
    const releaseAll = () => {
      for (const w of pending) w.resolve();
    };
    if (leaseLeft > 0) setTimeout(releaseAll, Math.ceil(leaseLeft));
    else releaseAll();
  }

  private release(upTo: number): void {
    while (this.head < this.waiters.length && this.waiters[this.head].seq <= upTo) this.waiters[this.head++].resolve();
    if (this.head === this.waiters.length) {
      this.waiters = [];
      this.head = 0;
    } else if (this.head > 1024) {
      this.waiters = this.waiters.slice(this.head);
      this.head = 0;
    }
  }

  /** One timer per watcher, on its oldest unacked invalidation. */
  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.dropped || this.head === this.waiters.length) return;
      const overdue = this.hub.now() - this.waiters[this.head].sentAt;
      if (overdue >= this.hub.ackTimeoutMs) {
        this.hub.log?.warn({ peer: this.peer, seq: this.waiters[this.head].seq, acked: this.acked }, 'watcher dropped: no ack in time');
        this.drop(`no ack within ${this.hub.ackTimeoutMs} ms`, true);
      } else {
        this.arm(this.hub.ackTimeoutMs - overdue);
      }
    }, Math.max(1, Math.ceil(delayMs)));
  }
}

/**
 * The metadata side of gateway record caches (see `rpc Watch` in metadata.proto). A mutation calls `invalidate`
 * after its transaction committed and awaits the result before answering: every connected watcher is sent the
 * bucket/key and the promise settles once each has acked it, or has been dropped (ack timeout, stream gone) and its
 * lease has run out. With no watcher, `invalidate` returns undefined and costs nothing.
 */
export class InvalidationHub {
  readonly ackTimeoutMs: number;
  readonly leaseMs: number;
  readonly log?: Pick<Logger, 'warn' | 'info'>;
  readonly now: () => number;
  private seq = 0;
  private readonly watchers = new Set<Watcher>();
  /**
   * Until when a lease may still be running in a gateway that is no longer a watcher (its stream broke, or it was
   * dropped, or it watched a previous run of this service): such a gateway may still serve hits and cannot be told
   * anything, so every mutation is answered no earlier than this.
   */
  private ghostUntil: number;

  constructor(options: InvalidationHubOptions = {}) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.log = options.log;
    this.now = options.now ?? (() => performance.now());
    this.ghostUntil = this.now() + (options.priorLeasesMs ?? this.leaseMs);
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** The last seq issued. */
  get currentSeq(): number {
    return this.seq;
  }

  /**
   * Sends bucket/key (key '' = the whole bucket) to every watcher; the promise settles when all have acked it (or
   * were dropped and their lease has expired), and no former watcher's lease is still running. Never rejects.
   * Undefined when nobody watches nor recently watched: no cost at all.
   */
  invalidate(bucket: string, key: string): Promise<void> | undefined {
    const sentAt = this.now();
    const ghostWait = this.ghostUntil - sentAt;
    if (this.watchers.size === 0) return ghostWait > 0 ? sleep(ghostWait) : undefined;
    const seq = ++this.seq;
    const message: Invalidation = { seq, bucket, key };
    const waits: Promise<void>[] = [];
    for (const w of this.watchers) {
      w.call.write(message);
      waits.push(w.wait(seq, sentAt));
    }
    if (ghostWait > 0) waits.push(sleep(ghostWait));
    return waits.length === 1 ? waits[0] : Promise.all(waits).then(() => undefined);
  }

  /** The Watch handler: registers the caller before reading anything from it. */
  readonly handler: grpc.handleBidiStreamingCall<WatchAck__Output, Invalidation> = (call) => {
    const w = new Watcher(this, call, call.getPeer(), this.seq);
    this.watchers.add(w);
    this.log?.info({ peer: w.peer, watchers: this.watchers.size }, 'watcher connected');
    call.on('data', (msg: WatchAck__Output) => w.onMessage(msg));
    // A half-close, or a cancellation: grpc-js reports both as 'end'. Only an explicit release gives the lease back.
    call.on('end', () => {
      w.drop('closed by the watcher', false);
      call.end();
    });
    call.on('cancelled', () => w.drop('cancelled', false));
    call.on('error', () => w.drop('stream error', false));
    call.on('close', () => w.drop('closed', false));
  };

  /** Ends every watch stream (shutdown): writers still waiting are answered as for any dropped watcher. */
  close(): void {
    for (const w of [...this.watchers]) w.drop('the metadata service is shutting down', true);
  }

  /** @internal A watcher left; its lease (if any) may run until `leaseEnd`. */
  forget(w: Watcher, leaseEnd: number): void {
    if (leaseEnd > this.ghostUntil) this.ghostUntil = leaseEnd;
    if (this.watchers.delete(w)) this.log?.info({ peer: w.peer, watchers: this.watchers.size }, 'watcher disconnected');
  }
}
