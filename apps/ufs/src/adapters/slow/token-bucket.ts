/**
 * A byte-rate limiter shaped like a network link: `rate` bytes per second refill a bucket holding at most `burst`
 * bytes. `reserve(n)` debits n bytes at once (the balance may go negative) and says how long the caller must wait
 * before those bytes may pass, so concurrent callers queue behind one another in the order they asked and together
 * never exceed the rate; waits are computed from the clock, so timer lateness does not accumulate.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    /** Bytes per second; > 0. */
    readonly rate: number,
    /** Bytes that may pass without waiting after an idle spell. */
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(rate > 0)) throw new Error(`TokenBucket: rate must be positive, got ${rate}`);
    this.tokens = burst;
    this.last = this.now();
  }

  /** Debits `bytes` and returns the milliseconds to wait before they may pass (0 when the bucket covered them). */
  reserve(bytes: number): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.rate) / 1000);
    this.last = t;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.rate;
  }

  /** Gives back bytes reserved but never sent (a read abandoned while it waited). */
  refund(bytes: number): void {
    this.tokens = Math.min(this.burst, this.tokens + bytes);
  }
}
