import { formatBytes, formatDuration } from './format';

/** Where the bar goes: stderr, or a test double. */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressState {
  label: string;
  objectsDone: number;
  objectsTotal: number;
  bytesDone: number;
  bytesTotal: number;
  elapsedMs: number;
}

/**
 * One progress line: `load [#####.....]  12/30 objects  24.0 MiB/60.0 MiB  40%  12.0 MiB/s  ETA 3.0s`. The bar
 * follows bytes (objects when there are no bytes); its width shrinks to fit `columns`, and disappears below 20.
 */
export function renderProgress(s: ProgressState, columns = 80): string {
  const fraction = s.bytesTotal > 0 ? s.bytesDone / s.bytesTotal : s.objectsTotal > 0 ? s.objectsDone / s.objectsTotal : 1;
  const f = Math.min(1, Math.max(0, fraction));
  const rate = s.elapsedMs > 0 ? (s.bytesDone * 1000) / s.elapsedMs : 0;
  const left = rate > 0 ? ((s.bytesTotal - s.bytesDone) / rate) * 1000 : NaN;
  const parts = [
    `${s.objectsDone}/${s.objectsTotal} objects`,
    `${formatBytes(s.bytesDone)}/${formatBytes(s.bytesTotal)}`,
    `${Math.floor(f * 100)}%`,
  ];
  if (rate > 0) parts.push(`${formatBytes(rate)}/s`);
  if (f < 1 && Number.isFinite(left)) parts.push(`ETA ${formatDuration(left)}`);
  const tail = parts.join('  ');
  const room = columns - 1 - s.label.length - 1 - 2 - 2 - tail.length; // "label [bar]  tail", one column spare
  const width = Math.min(30, room);
  if (width < 10) return `${s.label}  ${tail}`.slice(0, Math.max(0, columns - 1));
  const filled = Math.round(f * width);
  return `${s.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]  ${tail}`;
}

/**
 * A progress bar on stderr. On a terminal it redraws one line in place (at most 10 times a second) and erases it
 * at the end; elsewhere (a pipe, a log file) it writes a plain line every `plainEveryMs`, so logs stay readable.
 */
export class ProgressBar {
  private state: ProgressState;
  private readonly started: number;
  private lastDraw = 0;
  private drawn = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly stream: ProgressStream,
    label: string,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
    private readonly plainEveryMs = 5_000,
  ) {
    this.started = now();
    this.lastDraw = this.started;
    this.state = { label, objectsDone: 0, objectsTotal: 0, bytesDone: 0, bytesTotal: 0, elapsedMs: 0 };
    // A terminal bar keeps moving (rate, ETA) even while a long call is in flight.
    if (enabled && stream.isTTY) {
      this.timer = setInterval(() => this.draw(true), 250);
      this.timer.unref();
    }
  }

  /** A transient status (listing progress and the like) in the bar's place, terminal only; the next draw replaces it. */
  note(text: string): void {
    if (!this.enabled || !this.stream.isTTY) return;
    this.clear();
    this.stream.write(`${text}\r`);
    this.drawn = true;
  }

  update(patch: Partial<Omit<ProgressState, 'label' | 'elapsedMs'>>): void {
    Object.assign(this.state, patch);
    this.draw(false);
  }

  /** Stops the bar; on a terminal the line is erased (the caller prints its summary), elsewhere a last line. */
  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.enabled) return;
    if (this.stream.isTTY) this.clear();
    else if (this.drawn) this.stream.write(this.line() + '\n');
  }

  private line(): string {
    this.state.elapsedMs = this.now() - this.started;
    return renderProgress(this.state, this.stream.isTTY ? (this.stream.columns || 80) : 100);
  }

  private draw(force: boolean): void {
    if (!this.enabled) return;
    const t = this.now();
    if (this.stream.isTTY) {
      if (!force && t - this.lastDraw < 100) return;
      this.lastDraw = t;
      this.stream.write(`\r${this.line()}\x1b[K`);
      this.drawn = true;
    } else if (t - this.lastDraw >= this.plainEveryMs) {
      this.lastDraw = t;
      this.stream.write(this.line() + '\n');
      this.drawn = true;
    }
  }

  private clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
