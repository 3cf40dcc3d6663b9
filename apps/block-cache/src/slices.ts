import type { FileHandle } from 'node:fs/promises';
import type { PageSlice } from './pages/page-store';

/** Copies `length` bytes at `position` of a page file into `target` at `at`. */
export async function readExactly(file: FileHandle, target: Buffer, at: number, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(target, at + done, length - done, position + done);
    if (bytesRead === 0) throw new Error('page file ended early');
    done += bytesRead;
  }
}

/** A slice as a buffer: memory pages as they are, disk pages read (for gRPC, which sends buffers anyway). */
export async function bufferOf(slice: PageSlice): Promise<Buffer> {
  if (slice.tier !== 'disk') return slice.data;
  const data = Buffer.allocUnsafe(slice.end - slice.start);
  await readExactly(slice.file, data, 0, data.length, slice.start);
  return data;
}

/** Copies a slice into `target` at `at`; returns the bytes copied. */
export async function copySlice(slice: PageSlice, target: Buffer, at: number): Promise<number> {
  if (slice.tier !== 'disk') return slice.data.copy(target, at);
  await readExactly(slice.file, target, at, slice.end - slice.start, slice.start);
  return slice.end - slice.start;
}
