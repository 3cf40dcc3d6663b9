import type Database from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** A transaction holds at most this many calls, so one burst cannot delay its last caller unboundedly. */
const MAX_BATCH = 512;

/**
 * Group commit: with synchronous=FULL every transaction costs an fsync (~5 ms here), and better-sqlite3 holds the
 * event loop meanwhile, so one transaction per call caps writes at ~200/s. Calls submitted in the same event-loop turn
 * (everything that arrived while the previous transaction ran) share one transaction, each inside its own SAVEPOINT:
 * they run in arrival order, each sees the ones before it, one that throws (a failed condition) is rolled back alone
 * and gets its own error, and each caller is answered only after the shared COMMIT is durable.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly savepoint: (work: () => unknown) => unknown;

  constructor(private readonly db: Database.Database) {
    // Called inside the batch's transaction, better-sqlite3 runs this as a SAVEPOINT rolled back on throw.
    this.savepoint = db.transaction((work: () => unknown) => work());
  }

  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    this.scheduled = this.queue.length > 0;
    if (this.scheduled) setImmediate(() => this.flush());
    if (!this.db.open) {
      for (const p of batch) p.reject(new Error('the metadata store is closed'));
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; err: unknown }> = [];
    try {
      this.db
        .transaction(() => {
          for (const p of batch) {
            try {
              outcomes.push({ ok: true, value: this.savepoint(p.work) });
            } catch (err) {
              outcomes.push({ ok: false, err });
            }
          }
        })
        .immediate();
    } catch (err) {
      for (const p of batch) p.reject(err); // the COMMIT itself failed: nobody's write is durable
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) p.resolve(o.value);
      else p.reject(o.err);
    });
  }
}
