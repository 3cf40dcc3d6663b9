import type { WorkerInfo__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';

export type WorkerInfo = WorkerInfo__Output;

export interface MembershipOptions {
  /** A worker silent this long leaves the ring (config `metadata.worker.timeout`). */
  workerTimeoutMs: number;
  /** What workers are told to heartbeat at (config `cache.heartbeat.interval`). */
  heartbeatIntervalMs: number;
  now?: () => number;
  /** Told when a worker joins or is dropped, for the log. */
  onChange?: (event: 'joined' | 'dropped', worker: WorkerInfo) => void;
}

/**
 * Block-cache workers known to be alive. In memory on purpose: after a metadata restart every worker's next
 * heartbeat answers known=false and it registers again, within one heartbeat interval.
 */
export class MembershipRegistry {
  private readonly workers = new Map<string, WorkerInfo>();
  private readonly now: () => number;

  constructor(private readonly options: MembershipOptions) {
    this.now = options.now ?? Date.now;
  }

  get heartbeatIntervalMs(): number {
    return this.options.heartbeatIntervalMs;
  }

  /** Adds or refreshes a worker (a re-register replaces its address, e.g. after a restart on a new port). */
  register(worker: WorkerInfo): void {
    if (!worker.worker_id) throw new S3Error('InvalidArgument', 'worker_id must not be empty.');
    const known = this.workers.has(worker.worker_id);
    const entry = { ...worker, last_heartbeat_ms: this.now() };
    this.workers.set(worker.worker_id, entry);
    if (!known) this.options.onChange?.('joined', entry);
  }

  /** False when the worker is unknown or already timed out: it must register again. */
  heartbeat(workerId: string): boolean {
    this.dropExpired();
    const worker = this.workers.get(workerId);
    if (!worker) return false;
    worker.last_heartbeat_ms = this.now();
    return true;
  }

  /** Live workers, sorted by worker_id (the gateways' ring is built from this order-independent set). */
  list(): WorkerInfo[] {
    this.dropExpired();
    return [...this.workers.values()]
      .sort((a, b) => (a.worker_id < b.worker_id ? -1 : a.worker_id > b.worker_id ? 1 : 0))
      .map((w) => ({ ...w }));
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, worker] of this.workers) {
      if (now - worker.last_heartbeat_ms > this.options.workerTimeoutMs) {
        this.workers.delete(id);
        this.options.onChange?.('dropped', worker);
      }
    }
  }
}
