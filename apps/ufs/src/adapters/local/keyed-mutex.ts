/**
 * Serialises async critical sections per key (here: structural changes inside one bucket directory), so that the
 * renames, mkdirs and rmdirs of concurrent writers and deleters in this process never interleave.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Resolves once every section queued for `key` so far has finished (readers use it to wait out a move). */
  async settled(key: string): Promise<void> {
    await this.tails.get(key);
  }

  busy(key: string): boolean {
    return this.tails.has(key);
  }
}
