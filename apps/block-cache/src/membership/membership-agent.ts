import type { Logger } from 'pino';
import type { CallOptions } from '../../../../libs/grpc/src/clients';
import type { HeartbeatResponse__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/HeartbeatResponse';
import type { RegisterWorkerResponse__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/RegisterWorkerResponse';
import type { WorkerInfo } from '../../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';

/** The two MembershipService calls a worker makes (the promise client's `.api`, or a fake). */
export interface MembershipApi {
  RegisterWorker(req: { worker: WorkerInfo }, options?: CallOptions): Promise<RegisterWorkerResponse__Output>;
  Heartbeat(req: { worker_id: string }, options?: CallOptions): Promise<HeartbeatResponse__Output>;
}

export interface MembershipAgentOptions {
  /** Used until metadata answers with its own interval. */
  heartbeatIntervalMs: number;
  log: Logger;
}

/**
 * Keeps the worker on the ring: registers, heartbeats at the interval metadata returns, registers again when a
 * heartbeat says the worker is unknown (metadata restarted or timed it out), and retries quietly while metadata is
 * down. Never throws; one warning when metadata becomes unreachable, one info when it is back.
 */
export class MembershipAgent {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private registered = false;
  private unreachable = false;
  private intervalMs: number;

  constructor(
    private readonly api: MembershipApi,
    private readonly worker: WorkerInfo,
    private readonly options: MembershipAgentOptions,
  ) {
    this.intervalMs = options.heartbeatIntervalMs;
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    const timeoutMs = Math.max(1_000, this.intervalMs);
    try {
      if (this.registered) {
        const res = await this.api.Heartbeat({ worker_id: this.worker.worker_id ?? '' }, { timeoutMs });
        if (!res.known) {
          this.options.log.info('metadata no longer knows this worker; registering again');
          this.registered = false;
        }
      }
      if (!this.registered && !this.stopped) {
        const res = await this.api.RegisterWorker({ worker: this.worker }, { timeoutMs });
        this.registered = true;
        if (res.heartbeat_interval_ms > 0) this.intervalMs = res.heartbeat_interval_ms;
        this.options.log.info({ worker: this.worker, heartbeatIntervalMs: this.intervalMs }, 'registered with metadata');
      }
      if (this.unreachable) this.options.log.info('metadata reachable again');
      this.unreachable = false;
    } catch (err) {
      if (!this.unreachable) this.options.log.warn({ err: (err as Error).message }, 'metadata unreachable; retrying');
      this.unreachable = true;
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.unreachable ? Math.min(this.intervalMs, 1_000) : this.intervalMs);
    this.timer.unref();
  }
}
