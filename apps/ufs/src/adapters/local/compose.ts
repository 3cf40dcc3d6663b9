import { open, type FileHandle } from 'node:fs/promises';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';
import type { ComposeSource } from '../ufs-adapter';
import { isAbsent, versionOf } from './fs-util';

// CompleteMultipartUpload's byte work for the local adapter: staged part files read in order, in big reads, into
// one temp file. Node has no append-copy (copy_file_range with offsets) API, so this is a read/write loop; it
// overlaps the three costs instead: while chunk i is written (thread pool) and hashed when the caller wants digests
// (main thread), chunk i+1 is already being read (thread pool). A multipart Complete usually wants none (its ETag is
// the MD5 of the part MD5s), and then it is a plain copy. Measured on the 2-core dev box: see ufs.compose-heavy.spec.ts.

const MiB = 1024 * 1024;
/** Big reads keep syscalls and promise hops rare; two of them are all the memory a compose holds. */
export const COMPOSE_BUFFER_BYTES = 4 * MiB;

export interface PartFile {
  /** Where the part is on disk. */
  file: string;
  /** Where the part starts in `file` (a slot of an upload's assembly file); 0 for a part file. */
  offset?: number;
  /**
   * Checks that the part is still the recorded bytes when they are not a file of their own (a slot: its marker);
   * without it, the file's version and size are the part's.
   */
  verify?: () => Promise<void>;
  source: ComposeSource;
  partNumber: number;
}

/**
 * Opens a staged part and checks that it holds the recorded bytes, on the opened handle (no race with a re-upload
 * of the same part number): gone -> InvalidPart, another version or size -> UfsVersionChanged.
 */
export async function openPart(part: PartFile): Promise<FileHandle> {
  await part.verify?.();
  let fh: FileHandle;
  try {
    fh = await open(part.file, 'r');
  } catch (err) {
    // S3 answers InvalidPart when a listed part was never uploaded (or was dropped).
    if (isAbsent(err)) throw new S3Error('InvalidPart', undefined, { PartNumber: String(part.partNumber) });
    throw err;
  }
  try {
    const st = await fh.stat({ bigint: true });
    const version = versionOf(st);
    if (!st.isFile()) throw new S3Error('InvalidPart', undefined, { PartNumber: String(part.partNumber) });
    if (part.verify) {
      if (Number(st.size) < (part.offset ?? 0) + part.source.size) throw new UfsVersionChanged(part.source.version, version);
    } else if ((part.source.version && version !== part.source.version) || Number(st.size) !== part.source.size) {
      throw new UfsVersionChanged(part.source.version, version);
    }
    return fh;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/** The parts as one byte sequence, read into the caller's buffer one bounded read at a time. */
export class PartCursor {
  private index = 0;
  private fh?: FileHandle;
  private pos = 0;

  constructor(private readonly parts: readonly PartFile[]) {}

  /** Bytes read into `buf` (from one part), 0 at the end of the last part. */
  async readInto(buf: Buffer): Promise<number> {
    while (this.index < this.parts.length) {
      const part = this.parts[this.index];
      this.fh ??= await openPart(part);
      const want = Math.min(buf.length, part.source.size - this.pos);
      if (want === 0) {
        await this.closeCurrent();
        this.index++;
        continue;
      }
      const { bytesRead } = await this.fh.read(buf, 0, want, (part.offset ?? 0) + this.pos);
      // Truncated in place behind Silt's back: not the bytes recorded.
      if (bytesRead === 0) throw new UfsVersionChanged(part.source.version, undefined);
      this.pos += bytesRead;
      return bytesRead;
    }
    return 0;
  }

  private async closeCurrent(): Promise<void> {
    const fh = this.fh;
    this.fh = undefined;
    this.pos = 0;
    await fh?.close();
  }

  async close(): Promise<void> {
    await this.closeCurrent().catch(() => undefined);
  }
}

/**
 * Moves every byte of `cursor` to `write` and `observe` (each when given), in order, through two reused buffers: the
 * next read is in flight while the current chunk is written and observed. Returns the byte count.
 */
export async function pump(
  cursor: PartCursor,
  observe: ((chunk: Buffer) => void) | undefined,
  write?: (chunk: Buffer) => Promise<void>,
  signal?: AbortSignal,
  bufferBytes = COMPOSE_BUFFER_BYTES,
): Promise<number> {
  let current = Buffer.allocUnsafeSlow(bufferBytes);
  let spare = Buffer.allocUnsafeSlow(bufferBytes);
  let total = 0;
  let n = await cursor.readInto(current);
  while (n > 0) {
    if (signal?.aborted) throw new Error('compose abandoned by its caller');
    const chunk = current.subarray(0, n);
    const reading = cursor.readInto(spare);
    const writing = write?.(chunk);
    // Settle both before leaving on an error: neither buffer may be reused (or dropped) under a pending syscall.
    const settled = Promise.allSettled([reading, writing]);
    try {
      observe?.(chunk);
    } catch (err) {
      await settled;
      throw err;
    }
    const [r, w] = await settled;
    if (w.status === 'rejected') throw w.reason;
    if (r.status === 'rejected') throw r.reason;
    total += n;
    n = r.value;
    [current, spare] = [spare, current];
  }
  return total;
}
