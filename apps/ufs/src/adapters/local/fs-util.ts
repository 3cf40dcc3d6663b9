import type { BigIntStats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ObjectStat } from '../ufs-adapter';

// Small file-system helpers shared by the local adapter's pieces.

export const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;
/** A path that is not there as what we looked for: missing, or a file where a directory was expected. */
export const isAbsent = (err: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errno(err) ?? '');

/** `${ino}-${size}-${mtimeNs}`: a new temp file (new inode) for every write makes it change with the bytes. */
export function versionOf(st: BigIntStats): string {
  return `${st.ino}-${st.size}-${st.mtimeNs}`;
}

export function statOf(st: BigIntStats): ObjectStat {
  return { size: Number(st.size), version: versionOf(st), lastModifiedMs: Number(st.mtimeMs) };
}

export async function statOrUndefined(path: string): Promise<BigIntStats | undefined> {
  try {
    return await stat(path, { bigint: true });
  } catch (err) {
    if (isAbsent(err)) return undefined;
    throw err;
  }
}

/** Makes a rename or unlink inside `dir` durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
