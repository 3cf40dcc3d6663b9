import { describe, expect, it } from 'vitest';
import { exitReason, RestartPolicy } from './restart-policy';

describe(RestartPolicy.name, () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1_000, maxDeaths: 4, windowMs: 10_000 };

  it('backs off exponentially on fast deaths and gives up on a crash loop', () => {
    let now = 0;
    const p = new RestartPolicy(options, () => now);
    expect(p.onDeath()).toEqual({ restart: true, delayMs: 100, recentDeaths: 1 });
    now += 500;
    expect(p.onDeath()).toEqual({ restart: true, delayMs: 200, recentDeaths: 2 });
    now += 500;
    expect(p.onDeath()).toEqual({ restart: true, delayMs: 400, recentDeaths: 3 });
    now += 500;
    expect(p.onDeath()).toEqual({ restart: false, recentDeaths: 4 });
  });

  it('caps the delay and forgets deaths older than the window', () => {
    let now = 0;
    const p = new RestartPolicy({ ...options, maxDeaths: 10 }, () => now);
    for (let i = 0; i < 5; i++) p.onDeath();
    expect(p.onDeath()).toMatchObject({ restart: true, delayMs: 1_000 });
    now += 10_000; // up longer than the window: a new death is the first again
    expect(p.onDeath()).toEqual({ restart: true, delayMs: 100, recentDeaths: 1 });
  });

  it('never restarts a process that dies too often even when deaths are spread out within the window', () => {
    let now = 0;
    const p = new RestartPolicy(options, () => now);
    const decisions = [0, 3_000, 6_000, 9_000].map((t) => ((now = t), p.onDeath()));
    expect(decisions.map((d) => d.restart)).toEqual([true, true, true, false]);
  });
});

describe(exitReason.name, () => {
  it('names the signal when there is one, else the code', () => {
    expect(exitReason(null, 'SIGKILL')).toBe('signal SIGKILL');
    expect(exitReason(3, null)).toBe('code 3');
  });
});
