import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { UfsListEntry } from '../ufs-adapter';
import { isAbsent, versionOf } from './fs-util';
import { decodeComponent, SELF_NAME } from './layout';

/**
 * The objects under a bucket directory (./layout.ts read backwards), depth first, one directory's names in memory
 * at a time. Directories that cannot hold a key with `prefix` are not entered. Silt's own names (temp, staging,
 * reserved) are skipped; `.silt~self` is its directory's object; escaped segments are decoded. Files that vanish
 * while listed are skipped (a delete racing the listing); symbolic links and other non-files are not objects.
 */
export async function* listBucketDir(bucketDir: string, prefix = ''): AsyncGenerator<UfsListEntry> {
  yield* walk(bucketDir, '', prefix);
}

/** Could a key starting with `keyPrefix` (a directory's keys) start with `prefix`, or the other way round? */
const overlaps = (keyPrefix: string, prefix: string) => keyPrefix.startsWith(prefix) || prefix.startsWith(keyPrefix);

async function* walk(dir: string, keyPrefix: string, prefix: string): AsyncGenerator<UfsListEntry> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isAbsent(err)) return;
    throw err;
  }
  for (const entry of entries) {
    let key: string;
    if (entry.name === SELF_NAME) {
      if (keyPrefix === '') continue; // the bucket directory itself is no object
      key = keyPrefix.slice(0, -1);
    } else {
      const segment = decodeComponent(entry.name);
      if (segment === undefined) continue;
      key = keyPrefix + segment;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== SELF_NAME) {
      if (overlaps(key + '/', prefix)) yield* walk(path, key + '/', prefix);
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
