import { isAbsolute, join, relative, sep } from 'node:path';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { MAX_PART_NUMBER, validatePartTarget, validateUploadId } from '../staging-target';
import type { PartTarget } from '../ufs-adapter';

/*
 * The local directory layout: how an S3 key becomes a file path under the root mount.
 *
 *   <root>/<bucket>/<c1>/<c2>/.../<cn>           the object <bucket>/<s1>/<s2>/.../<sn> (key split on '/')
 *   <root>/<bucket>/<c1>/.../<cn>/.silt~self     the same object when <cn> is also a directory (see below)
 *   <root>/.silt/tmp/<random>                    temp files; never a bucket ('.silt' is not a valid bucket name)
 *   <root>/.silt/staging/<upload_id>/<part>      multipart parts (the mount's staging area: no bucket, never listed);
 *                                                handed out as the opaque staged path `.silt/staging/<id>/<part>`
 *
 * Each key segment si maps to one path component ci:
 *   - an ordinary segment is used as is, so objects stay readable as ordinary files wherever no clash exists;
 *   - an empty segment (keys `a//b`, `/x`, folder objects `dir/`) or one starting with the reserved prefix `.silt~`
 *     becomes `.silt~e~<base64url of the segment's UTF-8>`: the folder object `dir/` is the file `dir/.silt~e~`
 *     (base64url of '' is ''), and a user's own `.silt~self` never meets the reserved name;
 *   - `.` and `..` segments, a NUL, a lone UTF-16 surrogate (and a backslash where the OS treats it as a separator)
 *     are refused with InvalidArgument: such keys cannot be stored byte-exact, and no key may leave its bucket;
 *   - a segment whose component (as above) would be longer than 255 UTF-8 bytes (NAME_MAX) — S3 allows a part of any
 *     length up to the key's 1,024 bytes — becomes a chain of directories: `.silt~c~<piece>/` for each leading piece
 *     of at most 247 bytes (cut between characters, greedily, always leaving at least one character), then the rest
 *     as a last component (plain, or escaped as above when it is `.`, `..` or starts with `.silt~`). The pieces
 *     are raw UTF-8, so the name stays readable; `.silt~c~` says "this segment continues in the next component,
 *     with no `/` between", so a chain lists back to the exact key. Only segments that could not be stored before
 *     take this form: every name the old layout wrote is unchanged. A chain's directories are never objects and
 *     never hold `.silt~self` (a key that is also a directory has its `.silt~self` in the chain's last directory);
 *   - the whole path, with `/.silt~self`, must stay under PATH_MAX (4096 bytes): only keys of many empty or reserved
 *     segments can exceed it (each costs 8+ bytes for 1); they are refused with KeyTooLongError, never a 500.
 * Every name starting with `.silt~` is therefore Silt's own: `.silt~self` here, `.silt~e~…` escapes, `.silt~c~…`
 * continuations, and room for more. Listing order is not the layout's concern: a listing of the UFS goes into the
 * metadata index, which orders keys by their bytes. Multipart staging is per mount, not per bucket, under the hidden
 * `.silt` directory: a bucket's directory then holds only objects (DeleteBucket's emptiness check and every listing
 * stay simple), and Complete moves bytes within one file system.
 *
 * S3's key space is flat: `a/b` and `a/b/c` can both be objects, but `a/b` cannot be a file and a directory at once.
 * An object whose path is also a directory lives in that directory as `.silt~self`. Writing `a/b/c` while the file
 * `a/b` exists first moves `a/b` to `a/b/.silt~self` (rename to a temp name, mkdir, rename into place); a reader of
 * `a/b` tries the file `a/b`, then `a/b/.silt~self`. Deleting `a/b/c` removes the directories it leaves empty and
 * moves a lone `a/b/.silt~self` back to the plain file `a/b`.
 */

/** Components starting with this prefix are Silt's; a key segment starting with it is escaped. */
export const RESERVED_PREFIX = '.silt~';
/** The escape of a key segment: this prefix + base64url of the segment's UTF-8 bytes (no padding). */
export const ESCAPE_PREFIX = '.silt~e~';
/** The object stored at a directory's own path. */
export const SELF_NAME = '.silt~self';
/** The hidden area under the root (not a bucket: bucket names cannot start with a dot). */
export const HIDDEN_DIR = '.silt';
export const NAME_MAX_BYTES = 255;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function refuse(message: string, value: string): never {
  throw new S3Error('InvalidArgument', message, { ArgumentName: 'key', ArgumentValue: value });
}

/** A leading piece of a segment too long for one name: "continued in the next component, no `/` between". */
export const CONTINUED_PREFIX = '.silt~c~';
/** Linux PATH_MAX, including the terminating NUL: a path argument must be shorter. */
export const PATH_MAX_BYTES = 4096;
const PIECE_MAX_BYTES = NAME_MAX_BYTES - Buffer.byteLength(CONTINUED_PREFIX);

const escape = (text: string) => ESCAPE_PREFIX + Buffer.from(text, 'utf8').toString('base64url');
const fits = (component: string) => Buffer.byteLength(component, 'utf8') <= NAME_MAX_BYTES;

/**
 * The one name for `text` as the last component of a segment: as is, unless a file system or Silt could take it
 * for something else (empty, reserved; `.`/`..` only occur here as the tail of a long segment's chain).
 */
function lastComponent(text: string): string {
  return text === '' || text === '.' || text === '..' || text.startsWith(RESERVED_PREFIX) ? escape(text) : text;
}

/** The longest leading run of whole characters of at most PIECE_MAX_BYTES, leaving at least one character. */
function cutPiece(text: string): [piece: string, rest: string] {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > PIECE_MAX_BYTES || end + ch.length >= text.length) break;
    bytes += n;
    end += ch.length;
  }
  return [text.slice(0, end), text.slice(end)];
}

/** The path components for one key segment, outermost first (see the layout above). */
export function encodeSegment(segment: string, key = segment): string[] {
  if (segment === '.' || segment === '..') refuse(`Silt cannot store object keys with a "${segment}" path segment.`, key);
  if (segment.includes('\u0000')) refuse('Silt cannot store object keys containing the NUL character.', key);
  if (LONE_SURROGATE.test(segment)) refuse('The object key is not valid UTF-8.', key);
  if (sep === '\\' && segment.includes('\\')) refuse('Silt cannot store object keys containing a backslash on this system.', key);
  const components: string[] = [];
  for (let rest = segment; ; ) {
    const last = lastComponent(rest);
    if (fits(last)) return [...components, last];
    const [piece, after] = cutPiece(rest);
    components.push(CONTINUED_PREFIX + piece);
    rest = after;
  }
}

/** What one directory entry's name stands for in a key: a segment, or a leading piece of one (`continued`). */
export interface DecodedComponent {
  text: string;
  /** The segment goes on in the next component, with no `/` between (a `.silt~c~` directory). */
  continued: boolean;
}

/**
 * What a directory entry stands for, or undefined for Silt's own names (`.silt~self` and anything else reserved):
 * what a listing of the UFS needs to turn paths back into keys.
 */
export function parseComponent(name: string): DecodedComponent | undefined {
  if (name.startsWith(ESCAPE_PREFIX)) return { text: Buffer.from(name.slice(ESCAPE_PREFIX.length), 'base64url').toString('utf8'), continued: false };
  if (name.startsWith(CONTINUED_PREFIX)) return { text: name.slice(CONTINUED_PREFIX.length), continued: true };
  if (name.startsWith(RESERVED_PREFIX)) return undefined;
  return { text: name, continued: false };
}

/** The key a list of path components (below the bucket directory) stands for: keyToComponents read backwards. */
export function componentsToKey(components: readonly string[]): string | undefined {
  let key = '';
  for (const [i, name] of components.entries()) {
    const c = parseComponent(name);
    if (!c) return undefined;
    key += c.text + (c.continued || i === components.length - 1 ? '' : '/');
  }
  return key;
}

/** The path components of a key, in order; throws InvalidArgument / KeyTooLongError for keys it cannot store. */
export function keyToComponents(key: string): string[] {
  if (key === '') refuse('The object key must not be empty.', key);
  return key.split('/').flatMap((segment) => encodeSegment(segment, key));
}

/** Checks a bucket (top-level directory) name: one plain component that is not Silt's hidden area. */
export function validateBucketDirName(bucket: string): void {
  const bad = (why: string): never => {
    throw new S3Error('InvalidBucketName', why, { BucketName: bucket });
  };
  if (bucket === '') bad('The bucket name must not be empty.');
  if (bucket.startsWith('.')) bad('Bucket names must begin with a letter or number.');
  if (bucket.includes('/') || bucket.includes('\u0000') || bucket.includes('\\')) bad('The bucket name contains a character Silt cannot store.');
  if (Buffer.byteLength(bucket, 'utf8') > NAME_MAX_BYTES) bad('The bucket name is too long.');
}

export interface ObjectPaths {
  bucketDir: string;
  /** Directories from the bucket directory (exclusive) down to the object's parent, outermost first. */
  parents: string[];
  /** The object as a plain file. */
  direct: string;
  /** The object when `direct` is a directory. */
  self: string;
}

/** The staged path handed out for a part (always '/'-separated, whatever the OS). */
const STAGED_PATH = /^\.silt\/staging\/([^/]+)\/(slot\.)?([1-9][0-9]{0,4})$/;

/**
 * The hidden area of a mount whose directory IS one bucket (a local directory mounted at a mount point): keys start
 * right at the root there, so the hidden area needs a name no key can produce — every component starting with
 * `.silt~` is an escape, so `.silt~hidden` is never an object's path (and listings skip it as Silt's own).
 */
export const SINGLE_BUCKET_HIDDEN_DIR = '.silt~hidden';

/** Paths under one root: pure string work, no I/O. */
export class LocalLayout {
  readonly tmpDir: string;
  readonly stagingDir: string;

  /**
   * `singleBucket`: the root is one bucket's directory (a mounted local directory) instead of a directory of
   * bucket directories (the root mount); any bucket name maps to the root.
   */
  constructor(
    readonly root: string,
    readonly singleBucket = false,
  ) {
    const hidden = singleBucket ? SINGLE_BUCKET_HIDDEN_DIR : HIDDEN_DIR;
    this.tmpDir = join(root, hidden, 'tmp');
    this.stagingDir = join(root, hidden, 'staging');
  }

  uploadDir(uploadId: string): string {
    return join(this.stagingDir, validateUploadId(uploadId));
  }

  partFile(target: PartTarget): string {
    const { uploadId, partNumber } = validatePartTarget(target);
    return join(this.stagingDir, uploadId, String(partNumber));
  }

  stagedPathOf(target: PartTarget): string {
    const { uploadId, partNumber } = validatePartTarget(target);
    return `${HIDDEN_DIR}/staging/${uploadId}/${partNumber}`;
  }

  /**
   * The part a staged path names, and whether it is a slot of the upload's assembly file (`<id>/slot.<n>`, see
   * ./assembly.ts) rather than a part file; InvalidArgument for anything this layout did not hand out.
   */
  parseStagedPath(stagedPath: string): PartTarget & { slot: boolean } {
    const m = STAGED_PATH.exec(stagedPath);
    if (!m || Number(m[3]) > MAX_PART_NUMBER) {
      throw new S3Error('InvalidArgument', `Not a staged part of this mount: "${stagedPath}".`, { ArgumentName: 'part' });
    }
    return { ...validatePartTarget({ uploadId: m[1], partNumber: Number(m[3]) }), slot: m[2] !== undefined };
  }

  bucketDir(bucket: string): string {
    validateBucketDirName(bucket);
    return this.singleBucket ? this.root : join(this.root, bucket);
  }

  objectPaths(bucket: string, key: string): ObjectPaths {
    const bucketDir = this.bucketDir(bucket);
    const components = keyToComponents(key);
    const parents: string[] = [];
    let dir = bucketDir;
    for (const c of components.slice(0, -1)) {
      dir = join(dir, c);
      parents.push(dir);
    }
    const direct = join(dir, components[components.length - 1]);
    // Belt and braces: the encoding above already makes this impossible.
    const rel = relative(bucketDir, direct);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) refuse('The object key leaves its bucket.', key);
    const self = join(direct, SELF_NAME);
    const pathBytes = Buffer.byteLength(self, 'utf8');
    if (pathBytes >= PATH_MAX_BYTES) {
      throw new S3Error(
        'KeyTooLongError',
        `Silt stores this key as a file path of ${pathBytes} bytes under its mount, over the file system's limit of ` +
          `${PATH_MAX_BYTES - 1}; keys of fewer empty or ".silt~" parts fit.`,
        { Size: String(Buffer.byteLength(key, 'utf8')) },
      );
    }
    return { bucketDir, parents, direct, self };
  }
}
