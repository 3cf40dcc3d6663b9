/**
 * Keys as S3 orders them: byte strings of UTF-8, compared bytewise (memcmp, then shorter first) — the order of
 * SQLite's BINARY collation on BLOBs and of PostgreSQL's `COLLATE "C"`, and *not* JavaScript's UTF-16 string order
 * ('\uFFFD' sorts before '\u{1F600}' in UTF-8, after it in UTF-16).
 */
export function utf8(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

/** The smallest byte string strictly greater than `b`: `b` + 0x00. Turns `key > b` into `key >= immediateSuccessor(b)`. */
export function immediateSuccessor(b: Buffer): Buffer {
  return Buffer.concat([b, ZERO]);
}

/**
 * The smallest byte string greater than every string that starts with `prefix` (the exclusive upper bound of a
 * prefix range, and the seek target past a common prefix), or `undefined` when there is none (empty prefix, or only
 * 0xFF bytes): drop trailing 0xFF bytes, then increment the last byte.
 */
export function prefixSuccessor(prefix: Buffer): Buffer | undefined {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return undefined;
  const out = Buffer.from(prefix.subarray(0, end)); // a copy: never mutate the caller's bytes
  out[end - 1]++;
  return out;
}

export function startsWith(b: Buffer, prefix: Buffer): boolean {
  return b.length >= prefix.length && b.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

const ZERO = Buffer.from([0]);
