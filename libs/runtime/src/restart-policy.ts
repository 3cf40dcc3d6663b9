/**
 * When to restart a process that died, and when to stop trying. Shared by `npm start`'s supervisor (one policy per
 * service) and the gateway primary (one per forked worker slot).
 *
 * A death is "fast" when it falls within `windowMs` of the deaths before it: each one doubles the wait before the next
 * start (from `baseDelayMs` up to `maxDelayMs`), and `maxDeaths` of them within the window is a crash loop — restarting
 * again would only repeat the failure, so the caller gives up and says so. A process that stays up longer than the
 * window starts from the base delay again.
 */
export interface RestartPolicyOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Deaths within `windowMs` that count as a crash loop. */
  maxDeaths: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { baseDelayMs: 250, maxDelayMs: 5_000, maxDeaths: 5, windowMs: 60_000 };

export type RestartDecision =
  | { restart: true; delayMs: number; recentDeaths: number }
  | { restart: false; recentDeaths: number };

export class RestartPolicy {
  private deaths: number[] = [];

  constructor(
    private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a death now and says whether (and after how long) to start the process again. */
  onDeath(): RestartDecision {
    const t = this.now();
    this.deaths = this.deaths.filter((d) => t - d < this.options.windowMs);
    this.deaths.push(t);
    const recentDeaths = this.deaths.length;
    if (recentDeaths >= this.options.maxDeaths) return { restart: false, recentDeaths };
    const delayMs = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (recentDeaths - 1));
    return { restart: true, delayMs, recentDeaths };
  }

  describe(): string {
    return `${this.options.maxDeaths} deaths within ${Math.round(this.options.windowMs / 1000)} s`;
  }
}

/** "code 1" / "signal SIGKILL": why a child process ended, for the log line that says it is restarted. */
export function exitReason(code: number | null, signal: NodeJS.Signals | string | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}
