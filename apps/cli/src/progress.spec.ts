import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressBar, renderProgress } from './progress';

const MiB = 1024 * 1024;

describe('renderProgress', () => {
  it('draws bytes done as a bar, with objects, percent, rate and ETA', () => {
    const line = renderProgress({ label: 'load', objectsDone: 12, objectsTotal: 30, bytesDone: 24 * MiB, bytesTotal: 60 * MiB, elapsedMs: 2_000 }, 100);
    expect(line).toBe('load [############..................]  12/30 objects  24.0 MiB/60.0 MiB  40%  12.0 MiB/s  ETA 3.0s');
    expect(line.length).toBeLessThan(100);
  });

  it('follows objects when there are no bytes, and shrinks (then drops) the bar on narrow terminals', () => {
    const s = { label: 'free', objectsDone: 1, objectsTotal: 4, bytesDone: 0, bytesTotal: 0, elapsedMs: 10 };
    expect(renderProgress(s, 80)).toBe('free [########......................]  1/4 objects  0 B/0 B  25%');
    expect(renderProgress(s, 52)).toBe('free [####.............]  1/4 objects  0 B/0 B  25%');
    expect(renderProgress(s, 40)).toBe('free  1/4 objects  0 B/0 B  25%');
    expect(renderProgress({ ...s, objectsTotal: 0, objectsDone: 0 }, 80)).toContain('100%');
  });
});

describe('ProgressBar', () => {
  afterEach(() => vi.useRealTimers());

  it('redraws in place on a terminal, throttled, and erases its line when done', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => out.push(s), isTTY: true, columns: 100 }, 'load', true, () => t);
    bar.update({ objectsTotal: 2, bytesTotal: 2 * MiB });
    t = 150;
    bar.update({ objectsDone: 1, bytesDone: MiB });
    t = 160;
    bar.update({ objectsDone: 2, bytesDone: 2 * MiB }); // within 100 ms: not drawn
    bar.done();
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^\rload \[#+\.+\]  1\/2 objects  1\.0 MiB\/2\.0 MiB  50%.*\x1b\[K$/);
    expect(out[1]).toBe('\r\x1b[K');
  });

  it('writes plain lines now and then when stderr is not a terminal, and nothing when disabled', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => out.push(s) }, 'load', true, () => t, 1_000);
    bar.update({ objectsTotal: 10, bytesTotal: 10 });
    t = 1_500;
    bar.update({ objectsDone: 5, bytesDone: 5 });
    t = 1_600;
    bar.update({ objectsDone: 6, bytesDone: 6 });
    bar.done();
    expect(out).toEqual(['load [###############...............]  5/10 objects  5 B/10 B  50%  3 B/s  ETA 1.5s\n', expect.stringContaining('6/10 objects')]);
    expect(out.every((l) => !l.includes('\r'))).toBe(true);
    const none: string[] = [];
    const off = new ProgressBar({ write: (s: string) => none.push(s), isTTY: true }, 'load', false);
    off.update({ objectsDone: 1 });
    off.note('listing');
    off.done();
    expect(none).toEqual([]);
  });
});
