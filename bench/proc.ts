import { readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times (100 on every Linux this runs on). */
const CLK_TCK = 100;

/** user + system CPU seconds of a process so far, or NaN if it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Seconds the main thread of a process spent runnable but waiting for a CPU (/proc/<pid>/schedstat), or NaN. */
export function runqWaitSeconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return NaN;
  }
}

/** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM), or NaN. */
export function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** Resets the peak RSS (VmHWM) of a process to its current RSS (`echo 5 > clear_refs`). False if not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU use of a set of processes over a window, as % of one core each. */
export class CpuWindow {
  private readonly start = new Map<string, number>();
  private readonly waitStart = new Map<string, number>();
  private readonly t0 = performance.now();
  private readonly self0 = process.cpuUsage();

  constructor(private readonly pids: Map<string, number[]>) {
    for (const [label, list] of pids) {
      this.start.set(label, list.reduce((a, p) => a + cpuSeconds(p), 0));
      this.waitStart.set(label, list.reduce((a, p) => a + runqWaitSeconds(p), 0));
    }
  }

  /** Set by end(): label -> % of the window the main thread(s) waited in the run queue (CPU contention). */
  runqWait: Record<string, number> = {};

  /** label -> % of one core over the window; "bench-client" is this process. */
  end(): Record<string, number> {
    const secs = (performance.now() - this.t0) / 1000;
    const out: Record<string, number> = {};
    for (const [label, list] of this.pids) {
      const now = list.reduce((a, p) => a + cpuSeconds(p), 0);
      out[label] = (100 * (now - this.start.get(label)!)) / secs;
      const wait = list.reduce((a, p) => a + runqWaitSeconds(p), 0);
      this.runqWait[label] = (100 * (wait - this.waitStart.get(label)!)) / secs;
    }
    const self = process.cpuUsage(this.self0);
    out['bench-client'] = (100 * (self.user + self.system)) / 1e6 / secs;
    return out;
  }
}

/** Samples VmRSS of processes every `everyMs` and remembers each one's maximum. */
export class RssSampler {
  readonly maxKiB = new Map<string, number>();
  private timer: NodeJS.Timeout;

  constructor(
    private readonly pids: Map<string, number>,
    everyMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  private sample(): void {
    for (const [label, pid] of this.pids) {
      const v = statusKiB(pid, 'VmRSS');
      if (!Number.isNaN(v)) this.maxKiB.set(label, Math.max(this.maxKiB.get(label) ?? 0, v));
    }
  }

  stop(): Map<string, number> {
    clearInterval(this.timer);
    this.sample();
    return this.maxKiB;
  }
}
