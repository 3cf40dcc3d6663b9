import type { Logger } from 'pino';
import type { WorkerInfo__Output } from '../../grpc/generated/silt/metadata/v1/WorkerInfo';
import type { Typed } from '../../grpc/src/clients';
import type { MembershipServiceClient } from '../../grpc/generated/silt/metadata/v1/MembershipService';

/** 64-bit FNV-1a folded to a float in [0, 1): the rendezvous score of (worker, object). Cheap and well spread. */
function score(workerId: string, key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = workerId + '\u0000' + key;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0x297a2d39);
  return ((h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) & 0x1fffff)) / 2 ** 53;
}

/**
 * Which block-cache worker owns an object: rendezvous (highest-random-weight) hashing over the live workers that
 * metadata reports. Every gateway computes the same order without talking to the others, and a worker joining or
 * leaving moves only the keys it wins or held (~1/N). The order doubles as the failover sequence.
 */
export class WorkerRing {
  private workers: WorkerInfo__Output[] = [];
  /** Workers that failed a call recently: tried last until this time. */
  private readonly suspectUntil = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly membership: Typed<MembershipServiceClient>,
    private readonly log: Logger,
    private readonly refreshMs = 1_000,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const res = await this.membership.api.ListWorkers({}, { timeoutMs: 2_000 });
      const before = this.workers.map((w) => w.worker_id).join(',');
      this.workers = res.workers;
      const after = this.workers.map((w) => w.worker_id).join(',');
      if (before !== after) this.log.info({ workers: after }, 'block-cache ring changed');
    } catch (err) {
      // Keep the last known ring while metadata is unreachable.
      this.log.debug({ err }, 'cannot refresh the worker list');
    }
  }

  /** Workers in preference order for this object: owner first; recently failed ones last. */
  order(objectKey: string): WorkerInfo__Output[] {
    const now = Date.now();
    return this.workers
      .map((w) => ({ w, s: score(w.worker_id, objectKey), bad: (this.suspectUntil.get(w.worker_id) ?? 0) > now }))
      .sort((a, b) => Number(a.bad) - Number(b.bad) || b.s - a.s)
      .map((x) => x.w);
  }

  /**
   * The first worker in `order(objectKey)` that has not failed recently and that `accept` takes; undefined when
   * there is none (no live worker, or all of them suspect): callers then read through the gateway instead.
   */
  firstHealthy(objectKey: string, accept: (w: WorkerInfo__Output) => boolean = () => true): WorkerInfo__Output | undefined {
    const now = Date.now();
    return this.order(objectKey).find((w) => (this.suspectUntil.get(w.worker_id) ?? 0) <= now && accept(w));
  }

  markFailed(workerId: string, forMs = 3_000): void {
    this.suspectUntil.set(workerId, Date.now() + forMs);
  }

  get size(): number {
    return this.workers.length;
  }
}
