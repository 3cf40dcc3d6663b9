import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { validateUploadId } from '../staging-target';
import { errno, isAbsent } from './fs-util';

// The reaper's side of the local staging area (`<root>/.silt/staging/<upload_id>/<part>`). It never looks at
// `.silt/tmp`: a part being written lives there until its commit renames it in, so a write in flight is never reaped.

/**
 * The newest modification time in an upload's directory: its own mtime (a part renamed in or replaced bumps it) and
 * every part's (the last byte written). undefined when the directory is already gone.
 */
async function newestChangeMs(dir: string): Promise<number | undefined> {
  let newest: number;
  let names: string[];
  try {
    newest = (await lstat(dir)).mtimeMs;
    names = await readdir(dir);
  } catch (err) {
    if (isAbsent(err)) return undefined;
    throw err;
  }
  for (const name of names) {
    try {
      newest = Math.max(newest, (await lstat(join(dir, name))).mtimeMs);
    } catch (err) {
      if (!isAbsent(err)) throw err; // a part replaced meanwhile: the directory's mtime has moved on anyway
    }
  }
  return newest;
}

const isUploadId = (name: string) => {
  try {
    validateUploadId(name);
    return true;
  } catch {
    return false;
  }
};

/** Removes every upload directory under `stagingDir` whose newest change is before `cutoffMs`; returns their ids. */
export async function reapStaleUploads(stagingDir: string, cutoffMs: number): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(stagingDir, { withFileTypes: true });
  } catch (err) {
    if (isAbsent(err)) return [];
    throw err;
  }
  const reaped: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !isUploadId(entry.name)) continue; // not ours to judge
    const dir = join(stagingDir, entry.name);
    const newest = await newestChangeMs(dir);
    if (newest === undefined || newest >= cutoffMs) continue;
    try {
      await rm(dir, { recursive: true, force: true });
      reaped.push(entry.name);
    } catch (err) {
      // A part arrived while we removed the rest: the upload is alive again, leave it for a later round.
      if (errno(err) !== 'ENOTEMPTY' && errno(err) !== 'EEXIST') throw err;
    }
  }
  return reaped;
}
