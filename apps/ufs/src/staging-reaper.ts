import type { Logger } from 'pino';
import type { UfsOperations } from './ufs-operations';

export interface StagingReaperOptions {
  /** Staged uploads untouched for longer than this are dropped (config `multipart.expiry`); -1 = never. */
  expiryMs: number;
  /** How often to look (config `multipart.reaper.interval`); <= 0 = never on its own (tests call `reapOnce`). */
  intervalMs: number;
  now?: () => number;
  log?: Pick<Logger, 'info' | 'error'>;
}

/**
 * Drops the staged parts of abandoned multipart uploads: an upload whose newest staged part is older than the expiry
 * goes. The metadata service expires the upload's record by its initiation time with the same expiry, which is never
 * later than its newest part, so the ufs never drops the parts of an upload metadata still holds as live. Writes in
 * flight are safe: their bytes sit in the temp area until they commit.
 */
export class StagingReaper {
  private timer?: NodeJS.Timeout;
  private round?: Promise<number>;
  private readonly now: () => number;

  constructor(
    private readonly ops: Pick<UfsOperations, 'reapStaging'>,
    private readonly options: StagingReaperOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** One round over every mount; a round already under way is joined, not doubled. Returns uploads dropped. */
  reapOnce(): Promise<number> {
    if (this.options.expiryMs < 0) return Promise.resolve(0);
    this.round ??= this.ops
      .reapStaging(this.now() - this.options.expiryMs)
      .then((reaped) => {
        if (reaped > 0) this.options.log?.info({ reaped }, 'expired multipart staging reaped');
        return reaped;
      })
      .finally(() => (this.round = undefined));
    return this.round;
  }

  start(): void {
    if (this.timer || this.options.intervalMs <= 0 || this.options.expiryMs < 0) return;
    this.timer = setInterval(() => {
      this.reapOnce().catch((err: unknown) => this.options.log?.error({ err }, 'multipart staging reaper failed'));
    }, this.options.intervalMs);
    this.timer.unref(); // never what keeps the process alive
  }

  /** Stops the timer and waits for a round under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round?.catch(() => undefined);
  }
}
