import type { BigIntStats } from 'node:fs';
import { rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ObjectStat, StagedWrite } from '../ufs-adapter';
import { fsyncDir } from './fs-util';

/**
 * With fsync on, a large write starts flushing its bytes to disk while later ones still arrive (one fdatasync in
 * flight at a time, every this many bytes), so commit's fsync only waits for the tail: the disk's time overlaps the
 * network's and the digests' instead of adding to them (measured in ufs.compose-heavy.spec.ts).
 */
const FLUSH_BEHIND_BYTES = 64 * 1024 * 1024;

/** A temp file in the root's temp area on its way to an object or a staged part (see `place`). */
export class LocalStagedWrite<S extends ObjectStat> implements StagedWrite<S> {
  private state: 'open' | 'closed' | 'committed' = 'open';
  private unflushedBytes = 0;
  private flushing?: Promise<unknown>;

  constructor(
    private readonly tmpPath: string,
    private readonly fh: FileHandle,
    private readonly fsync: boolean,
    /** Renames the finished temp file to where it belongs; returns that path. */
    private readonly place: (tmpPath: string, signal?: AbortSignal) => Promise<string>,
    private readonly describe: (st: BigIntStats) => S,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    for (let off = 0; off < chunk.length; ) {
      const { bytesWritten } = await this.fh.write(chunk, off, chunk.length - off);
      off += bytesWritten;
    }
    this.unflushedBytes += chunk.length;
    if (this.fsync && this.unflushedBytes >= FLUSH_BEHIND_BYTES && !this.flushing) {
      this.unflushedBytes = 0;
      // Its outcome does not matter: commit's own fsync is the one that must succeed.
      this.flushing = this.fh.datasync().then(
        () => (this.flushing = undefined),
        () => (this.flushing = undefined),
      );
    }
  }

  async commit(signal?: AbortSignal): Promise<S> {
    await this.flushing;
    if (this.fsync) await this.fh.sync();
    // Stat the bytes we wrote, not whatever the path holds after the rename (a concurrent writer may win at once).
    const st = await this.fh.stat({ bigint: true });
    this.state = 'closed';
    await this.fh.close();
    const target = await this.place(this.tmpPath, signal);
    this.state = 'committed';
    if (this.fsync) await fsyncDir(dirname(target));
    return this.describe(st);
  }

  async abort(): Promise<void> {
    if (this.state === 'committed') return;
    if (this.state === 'open') {
      this.state = 'closed';
      await this.flushing; // never close the descriptor under a pending fdatasync
      await this.fh.close().catch(() => undefined);
    }
    await rm(this.tmpPath, { force: true });
  }
}
