import type { Logger } from 'pino';
import type { MultipartStore, ReapResult } from '../store/multipart-store';

export interface UploadReaperOptions {
  /** Uploads initiated longer ago than this are aborted (config `multipart.expiry`); -1 = never. */
  expiryMs: number;
  /** How often to look (config `multipart.reaper.interval`); <= 0 = never on its own (tests call `reapOnce`). */
  intervalMs: number;
  now?: () => number;
  log?: Pick<Logger, 'info' | 'error'>;
}

/** Finished uploads are kept at least a day, so a Complete retried the next morning still gets its answer. */
export const MIN_FINISHED_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Expires abandoned multipart uploads: ACTIVE ones older than the expiry become ABORTED (their part rows go), and
 * COMPLETED/ABORTED rows are purged once max(1 day, expiry) has passed since they finished. The ufs reaps the staged
 * part files by the same age on its side, so nothing needs to be told.
 */
export class UploadReaper {
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<MultipartStore, 'reapUploads'>,
    private readonly options: UploadReaperOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async reapOnce(): Promise<ReapResult> {
    const now = this.now();
    const { expiryMs } = this.options;
    const result = await this.store.reapUploads(
      expiryMs < 0 ? Number.MIN_SAFE_INTEGER : now - expiryMs,
      now - Math.max(MIN_FINISHED_RETENTION_MS, expiryMs),
    );
    if (result.aborted > 0 || result.purged > 0) {
      this.options.log?.info({ aborted: result.aborted, purged: result.purged }, 'expired multipart uploads reaped');
    }
    return result;
  }

  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.reapOnce().catch((err: unknown) => this.options.log?.error({ err }, 'multipart reaper failed'));
    }, this.options.intervalMs);
    this.timer.unref(); // never what keeps the process alive
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
