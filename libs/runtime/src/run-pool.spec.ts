import { describe, expect, it } from 'vitest';
import { runPool } from './run-pool';

describe('runPool', () => {
  it('runs a pool with bounded concurrency and stops at the first error', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      done.push(n);
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(started).toEqual([1, 2]);
  });
});
