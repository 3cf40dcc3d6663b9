import type { BigIntStats, Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectStat, UfsListEntry } from '../ufs-adapter';
import { isAbsent, statOrUndefined, versionOf } from './fs-util';
import { ESCAPE_PREFIX, parseComponent, SELF_NAME } from './layout';

/** MD5 of no bytes: S3's ETag of a 0-byte object, which a folder object is. */
export const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

/**
 * A directory seen as its folder object `dir/` (`s3.listing.directoriesAsObjects`, the seed's behaviour: Alluxio
 * lists subdirectories as 0-byte folder objects, as the S3 console shows them): 0 bytes, the directory's mtime.
 * The version has the form of an S3 backend's, `<etag>@<digits>`, so metadata's sync records S3's ETag of an empty
 * object for it (apps/metadata/src/sync/ufs-sync.ts: etagOf); it changes with the directory's mtime.
 */
export function folderStat(st: BigIntStats): ObjectStat {
  return { size: 0, version: `${EMPTY_MD5}@${st.mtimeNs}`, lastModifiedMs: Number(st.mtimeMs) };
}

export interface ListOptions {
  /** Directories are objects too (`dir/`), unless the folder object is a real file there already. */
  directoriesAsObjects?: boolean;
}

/**
 * The objects under a bucket directory (./layout.ts read backwards), depth first, one directory's names in memory
 * at a time, in no particular order (metadata's index orders keys by bytes). Directories that cannot hold a key with
 * `prefix` are not entered. Silt's own names (temp, staging, reserved) are skipped; `.silt~self` is its directory's
 * object; escaped segments are decoded; a `.silt~c~` chain is one segment. Files that vanish while listed are
 * skipped (a delete racing the listing); symbolic links and other non-files are not objects.
 */
export async function* listBucketDir(bucketDir: string, prefix = '', options: ListOptions = {}): AsyncGenerator<UfsListEntry> {
  yield* walk(bucketDir, '', prefix, options, false);
}

/** Could a key starting with `keyPrefix` (a directory's keys) start with `prefix`, or the other way round? */
const overlaps = (keyPrefix: string, prefix: string) => keyPrefix.startsWith(prefix) || prefix.startsWith(keyPrefix);

/**
 * `folder`: `dir` is the directory of the key `keyPrefix` (which ends with '/'); false for the bucket directory and
 * a chain's `.silt~c~` directories (keyPrefix ends mid-segment there).
 */
async function* walk(dir: string, keyPrefix: string, prefix: string, options: ListOptions, folder: boolean): AsyncGenerator<UfsListEntry> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isAbsent(err)) return;
    throw err;
  }
  if (folder && options.directoriesAsObjects && keyPrefix.startsWith(prefix) && (await isFolderObject(dir, entries))) {
    const st = await statOrUndefined(dir);
    if (st?.isDirectory()) yield { key: keyPrefix, ...folderStat(st) };
  }
  for (const entry of entries) {
    let key: string;
    const path = join(dir, entry.name);
    if (entry.name === SELF_NAME) {
      if (!folder) continue; // the bucket directory itself is no object, nor is a piece of a segment
      key = keyPrefix.slice(0, -1);
    } else {
      const decoded = parseComponent(entry.name);
      if (decoded === undefined) continue;
      key = keyPrefix + decoded.text;
      if (decoded.continued) {
        if (entry.isDirectory() && overlaps(key, prefix)) yield* walk(path, key, prefix, options, false);
        continue;
      }
    }
    if (entry.isDirectory() && entry.name !== SELF_NAME) {
      if (overlaps(key + '/', prefix)) yield* walk(path, key + '/', prefix, options, true);
      continue;
    }
    if (!entry.isFile() || !key.startsWith(prefix)) continue;
    let st;
    try {
      st = await stat(path, { bigint: true });
    } catch (err) {
      if (isAbsent(err)) continue;
      throw err;
    }
    yield { key, size: Number(st.size), version: versionOf(st), lastModifiedMs: Number(st.mtimeMs) };
  }
}

/**
 * Whether a directory with these entries is listed as its folder object: not when the folder object is a real file
 * there (`dir/.silt~e~`, or `dir/.silt~e~/.silt~self` when `dir//x` exists too; listed as itself: never twice), nor
 * when it holds only `.silt~self` (the directory exists only because an object and its "subdirectory" shared a name
 * a moment ago; it is not a folder anyone made).
 */
async function isFolderObject(dir: string, entries: readonly Dirent[]): Promise<boolean> {
  if (entries.length === 1 && entries[0].name === SELF_NAME) return false;
  const own = entries.find((e) => e.name === ESCAPE_PREFIX);
  if (!own) return true;
  if (own.isFile()) return false;
  return !(own.isDirectory() && (await statOrUndefined(join(dir, ESCAPE_PREFIX, SELF_NAME)))?.isFile());
}
