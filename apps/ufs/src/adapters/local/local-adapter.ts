import type { BigIntStats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';
import type { ComposeSource, ObjectReader, ObjectStat, PartTarget, StagedPartStat, StagedWrite, UfsAdapter, UfsListEntry } from '../ufs-adapter';
import { AssemblyRegistry, type AssemblyPart } from './assembly';
import { openPart, PartCursor, pump, type PartFile } from './compose';
import { errno, fsyncDir, isAbsent, statOf, statOrUndefined, versionOf } from './fs-util';
import { KeyedMutex } from './keyed-mutex';
import { CONTINUED_PREFIX, LocalLayout, SELF_NAME, type ObjectPaths } from './layout';
import { folderStat, listBucketDir } from './local-list';
import { LocalStagedWrite } from './staged-write';
import { reapStaleUploads } from './staging';

export interface LocalAdapterOptions {
  /** The root mount's directory (config `ufs.root`). */
  root: string;
  /** fsync each object and its directory before a write is acknowledged (config `ufs.fsync`). */
  fsync: boolean;
  /**
   * The smallest first part that fixes an upload's slot size for in-place assembly (./assembly.ts); smaller parts
   * are part files and their Complete copies. Default 1 MiB.
   */
  minSlotBytes?: number;
  /** The root is one bucket's directory (a local directory mounted at a mount point), not a directory of buckets. */
  singleBucket?: boolean;
  /**
   * `s3.listing.directoriesAsObjects`: every directory of a key is also its 0-byte folder object `dir/` (./local-list.ts:
   * folderStat), in listings and in stat/read alike, so the index and a HEAD/GET tell the same story.
   */
  directoriesAsObjects?: boolean;
}

class LocalReader implements ObjectReader {
  private closed = false;
  constructor(
    private readonly fh: FileHandle,
    readonly stat: ObjectStat,
  ) {}

  async *read(offset: number, length: number, chunkBytes: number): AsyncIterable<Buffer> {
    const end = length < 0 ? this.stat.size : Math.min(this.stat.size, offset + length);
    for (let pos = offset; pos < end; ) {
      const n = Math.min(chunkBytes, end - pos);
      // A fresh buffer per chunk: gRPC may still hold the previous one.
      const buf = Buffer.allocUnsafe(n);
      const { bytesRead } = await this.fh.read(buf, 0, n, pos);
      // Truncated in place behind Silt's back: these are no longer the bytes of the version we promised.
      if (bytesRead === 0) throw new UfsVersionChanged(this.stat.version, undefined);
      yield bytesRead === n ? buf : buf.subarray(0, bytesRead);
      pos += bytesRead;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
  }
}

/** A folder object's bytes: none. */
class EmptyReader implements ObjectReader {
  constructor(readonly stat: ObjectStat) {}
  async *read(): AsyncIterable<Buffer> {}
  async close(): Promise<void> {}
}

/**
 * The root mount: a local directory, laid out as documented in ./layout.ts. Structural changes inside a bucket
 * (placing a new object, moving a file into `.silt~self` and back, removing emptied directories) are serialised per
 * bucket in this process; readers that miss while one is under way wait for it and look again. One root belongs to
 * one ufs process: start-up clears the temp area (never the staging area: parts outlive restarts until Complete,
 * Abort or the reaper).
 */
/** Files at least this large are freed in the background when replaced or deleted (see holdForLaterFree). */
const DEFER_FREE_BYTES = 32 * 1024 * 1024;

export class LocalUfsAdapter implements UfsAdapter {
  readonly layout: LocalLayout;
  private readonly structure = new KeyedMutex();
  private readonly assemblies: AssemblyRegistry;

  constructor(private readonly options: LocalAdapterOptions) {
    this.layout = new LocalLayout(options.root, options.singleBucket ?? false);
    this.assemblies = new AssemblyRegistry((id) => this.layout.uploadDir(id), options.fsync, options.minSlotBytes ?? 1024 * 1024);
  }

  /** Creates the root and clears leftovers of interrupted writes from the temp area. */
  async start(): Promise<void> {
    await mkdir(this.layout.root, { recursive: true });
    await rm(this.layout.tmpDir, { recursive: true, force: true });
    await mkdir(this.layout.tmpDir, { recursive: true });
  }

  private newTmpPath(): string {
    return join(this.layout.tmpDir, randomBytes(12).toString('hex'));
  }

  /**
   * Dropping the last name of a large file frees its blocks inside that very syscall: renaming over (or unlinking) a
   * 1 GiB object took ~0.8 s here, with the bucket's lock held and the client waiting. A large file about to lose
   * its name gets a second one in the temp area first; the rename then only moves a name, and the temp name is
   * unlinked in the background (start-up clears any left by a crash). `st` is the path's stat, which every caller
   * has already made. Returns that name, or undefined.
   */
  private async holdForLaterFree(path: string, st: BigIntStats | undefined): Promise<string | undefined> {
    if (!st?.isFile() || st.size < DEFER_FREE_BYTES) return undefined;
    const held = this.newTmpPath();
    return link(path, held).then(
      () => held,
      () => undefined, // no hard links here (or the file just went): free it inline, as before
    );
  }

  private freeInBackground(held: string | undefined): void {
    if (held) void unlink(held).catch(() => undefined);
  }

  async stat(bucket: string, key: string): Promise<ObjectStat | undefined> {
    const paths = this.layout.objectPaths(bucket, key);
    const st = await this.locate(bucket, paths, async (path) => {
      const s = await statOrUndefined(path);
      return s?.isFile() ? s : undefined;
    });
    if (st) return statOf(st);
    const dir = await this.folderDir(key, paths);
    return dir && folderStat(dir);
  }

  /** The directory standing for the folder object `key` (`dir/`), when directories are objects and it is one. */
  private async folderDir(key: string, paths: ObjectPaths): Promise<BigIntStats | undefined> {
    if (!this.options.directoriesAsObjects || !key.endsWith('/')) return undefined;
    const st = await statOrUndefined(dirname(paths.direct));
    return st?.isDirectory() ? st : undefined;
  }

  async openRead(bucket: string, key: string): Promise<ObjectReader> {
    const paths = this.layout.objectPaths(bucket, key);
    const reader = await this.locate(bucket, paths, async (path) => {
      let fh: FileHandle;
      try {
        fh = await open(path, 'r');
      } catch (err) {
        if (isAbsent(err)) return undefined;
        throw err;
      }
      // The version comes from the opened file, so it describes exactly the bytes this handle reads.
      const st = await fh.stat({ bigint: true });
      if (st.isFile()) return new LocalReader(fh, statOf(st));
      await fh.close();
      return undefined;
    });
    if (reader) return reader;
    const dir = await this.folderDir(key, paths);
    if (dir) return new EmptyReader(folderStat(dir));
    throw new S3Error('NoSuchKey', undefined, { Key: key });
  }

  async beginWrite(bucket: string, key: string): Promise<StagedWrite> {
    const paths = this.layout.objectPaths(bucket, key);
    await this.assertBucket(bucket, paths.bucketDir);
    const tmpPath = this.newTmpPath();
    const fh = await open(tmpPath, 'wx', 0o644);
    return new LocalStagedWrite(tmpPath, fh, this.options.fsync, (tmp, signal) => this.place(bucket, paths, tmp, signal), statOf);
  }

  async beginPartWrite(bucket: string, key: string, part: PartTarget): Promise<StagedWrite<StagedPartStat>> {
    const paths = this.layout.objectPaths(bucket, key); // the final object's key must be storable, as for a PUT
    const file = this.layout.partFile(part);
    const stagedPath = this.layout.stagedPathOf(part);
    // Parts come in parallel: while one of the upload's parts is being written here, its bucket was checked when that
    // one began (a stat queued behind the other parts' writes on the thread pool cost each part several ms).
    if (!this.assemblies.writing(part.uploadId)) await this.assertBucket(bucket, paths.bucketDir);
    const slot = await this.assemblies.claim(part.uploadId, part.partNumber, part.expectedSize);
    if (slot) return slot;
    const tmpPath = this.newTmpPath();
    const fh = await open(tmpPath, 'wx', 0o644);
    return new LocalStagedWrite(tmpPath, fh, this.options.fsync, (tmp) => this.placePart(tmp, file), (st) => ({ ...statOf(st), stagedPath }));
  }

  async compose(
    bucket: string,
    key: string,
    parts: readonly ComposeSource[],
    observe: ((chunk: Buffer) => void) | undefined,
    signal?: AbortSignal,
  ): Promise<ObjectStat> {
    const paths = this.layout.objectPaths(bucket, key);
    if (parts.length === 0) throw new S3Error('InvalidArgument', 'ComposeObject needs at least one part.');
    const targets = parts.map((source) => ({ source, target: this.layout.parseStagedPath(source.stagedPath) }));
    await this.assertBucket(bucket, paths.bucketDir);
    const uploadId = targets[0].target.uploadId;
    if (targets.some((t) => t.target.slot) && targets.every((t) => t.target.uploadId === uploadId)) {
      // The parts already lie in the upload's assembly file: truncate it, link it into place, copy nothing.
      const chosen = targets.map(({ source, target }): AssemblyPart => ({
        ...(target.slot ? { slot: target } : { file: this.layout.partFile(target) }),
        version: source.version,
        size: source.size,
        partNumber: target.partNumber,
      }));
      const assembled = await this.assemblies.assemble(uploadId, chosen, (rest, into, position) => appendParts(rest, into, position, signal));
      if (assembled) {
        const whole: PartFile = { file: assembled, source: { stagedPath: '', version: '', size: chosen.reduce((n, p) => n + p.size, 0) }, partNumber: 1 };
        const linked = await this.composeByLink(bucket, paths, whole, observe, signal);
        if (linked) return linked;
        return this.composeByCopy(bucket, key, [whole], observe, signal);
      }
    }
    const files = targets.map(({ source, target }): PartFile => {
      if (!target.slot) return { file: this.layout.partFile(target), source, partNumber: target.partNumber };
      let where: { file: string; offset: number } | undefined;
      const part: PartFile = {
        file: '',
        source,
        partNumber: target.partNumber,
        verify: async () => {
          where ??= await this.assemblies.checkSlot(target, source.version, source.size);
          part.file = where.file;
          part.offset = where.offset;
        },
      };
      return part;
    });
    if (files.length === 1 && !files[0].verify) {
      const linked = await this.composeByLink(bucket, paths, files[0], observe, signal);
      if (linked) return linked;
    }
    return this.composeByCopy(bucket, key, files, observe, signal);
  }

  /** The parts copied, in order, into a fresh file that then becomes the object. */
  private async composeByCopy(
    bucket: string,
    key: string,
    files: readonly PartFile[],
    observe: ((chunk: Buffer) => void) | undefined,
    signal?: AbortSignal,
  ): Promise<ObjectStat> {
    const staged = await this.beginWrite(bucket, key);
    const cursor = new PartCursor(files);
    try {
      await pump(cursor, observe, (chunk) => staged.write(chunk), signal);
      await cursor.close();
      return await staged.commit(signal);
    } catch (err) {
      await staged.abort();
      throw err;
    } finally {
      await cursor.close();
    }
  }

  async deleteStaging(uploadId: string): Promise<void> {
    await rm(this.layout.uploadDir(uploadId), { recursive: true, force: true });
    this.assemblies.forget(uploadId);
  }

  async reapStaging(cutoffMs: number): Promise<string[]> {
    const reaped = await reapStaleUploads(this.layout.stagingDir, cutoffMs);
    for (const id of reaped) this.assemblies.forget(id);
    return reaped;
  }

  /** Moves a finished part into staging, replacing a part with the same number; survives a concurrent DeleteStaging. */
  private async placePart(tmpPath: string, file: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const made = await mkdir(dirname(file), { recursive: true });
      if (made && this.options.fsync) await fsyncDir(this.layout.stagingDir);
      try {
        await rename(tmpPath, file);
        return file;
      } catch (err) {
        if (!isAbsent(err) || attempt >= 5) throw err;
      }
    }
  }

  /**
   * A one-part upload becomes the object without copying: a hard link of the staged file renamed into place (the
   * bytes are already durable). A link rather than a rename keeps the staged part, so a Complete that fails later
   * (metadata) can be retried; both names share one immutable inode, as nothing in Silt writes a file in place.
   * The part is read only when the caller wants digests (`observe`); otherwise it is only checked (version, size) on
   * the linked inode. undefined when the file system cannot link (copy instead).
   */
  private async composeByLink(
    bucket: string,
    paths: ObjectPaths,
    part: PartFile,
    observe: ((chunk: Buffer) => void) | undefined,
    signal?: AbortSignal,
  ): Promise<ObjectStat | undefined> {
    const tmpPath = this.newTmpPath();
    try {
      await link(part.file, tmpPath);
    } catch (err) {
      if (isAbsent(err)) throw new S3Error('InvalidPart', undefined, { PartNumber: String(part.partNumber) });
      if (['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP'].includes(errno(err) ?? '')) return undefined;
      throw err;
    }
    const cursor = new PartCursor([{ ...part, file: tmpPath }]); // checked on the linked inode: it cannot change now
    try {
      if (observe) await pump(cursor, observe, undefined, signal);
      else await (await openPart({ ...part, file: tmpPath })).close();
      await cursor.close();
      const st = await stat(tmpPath, { bigint: true });
      const target = await this.place(bucket, paths, tmpPath, signal);
      if (this.options.fsync) await fsyncDir(dirname(target));
      return statOf(st);
    } finally {
      await cursor.close();
      // Gone after a successful place, except on a retried Complete: renaming a link onto another link of the same
      // inode is a no-op that leaves the source name (POSIX rename), so drop it here in every case.
      await rm(tmpPath, { force: true });
    }
  }

  async delete(bucket: string, key: string, ifVersion?: string): Promise<boolean> {
    const paths = this.layout.objectPaths(bucket, key);
    return this.structure.run(bucket, async () => {
      let target = paths.direct;
      let st = await statOrUndefined(target);
      if (st?.isDirectory()) {
        target = paths.self;
        st = await statOrUndefined(target);
      }
      if (!st?.isFile()) return this.deleteFolder(key, paths, ifVersion);
      if (ifVersion && versionOf(st) !== ifVersion) return false;
      const held = await this.holdForLaterFree(target, st);
      await unlink(target);
      this.freeInBackground(held);
      const left = await this.removeEmptyDirs(paths.bucketDir, dirname(target), key.endsWith('/') && target === paths.direct);
      if (this.options.fsync) await fsyncDir(left);
      return true;
    });
  }

  /**
   * DeleteObject of a folder object that is a directory (directories as objects): the directory goes when empty,
   * like the directories a delete leaves empty. One that still holds objects stays, and stays listed: its objects
   * imply it, as in the seed's file system.
   */
  private async deleteFolder(key: string, paths: ObjectPaths, ifVersion?: string): Promise<boolean> {
    const st = await this.folderDir(key, paths);
    if (!st || (ifVersion && folderStat(st).version !== ifVersion)) return false;
    const dir = dirname(paths.direct);
    try {
      await rmdir(dir);
    } catch (err) {
      if (['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes(errno(err) ?? '')) return false;
      throw err;
    }
    const left = await this.removeEmptyDirs(paths.bucketDir, dirname(dir));
    if (this.options.fsync) await fsyncDir(left);
    return true;
  }

  list(bucket: string, prefix = ''): AsyncIterable<UfsListEntry> {
    return listBucketDir(this.layout.bucketDir(bucket), prefix, { directoriesAsObjects: this.options.directoriesAsObjects });
  }

  async createDirectory(bucket: string): Promise<void> {
    await mkdir(this.layout.bucketDir(bucket), { recursive: true });
  }

  async deleteDirectory(bucket: string): Promise<void> {
    // A mounted directory is never removed through Silt (metadata refuses DeleteBucket of a mount point).
    if (this.layout.singleBucket) throw new S3Error('InvalidBucketState', 'A mounted directory is not deleted through Silt; unmount it.');
    const dir = this.layout.bucketDir(bucket);
    await this.structure.run(bucket, async () => {
      if (!(await statOrUndefined(dir))?.isDirectory()) return; // already gone: idempotent, metadata owns existence
      if (await holdsAnyFile(dir)) throw new S3Error('BucketNotEmpty', undefined, { BucketName: bucket });
      await rm(dir, { recursive: true, force: true });
    });
  }

  /**
   * Renames a finished temp file to the object's path (called by a staged write's commit). Parents that are files
   * (objects whose keys are prefixes of this one) move into `<dir>/.silt~self` first; a directory at the object's
   * own path means the object goes to `<path>/.silt~self`. Retried when another process changed the shape meanwhile.
   */
  private async place(bucket: string, paths: ObjectPaths, tmpPath: string, signal?: AbortSignal): Promise<string> {
    return this.structure.run(bucket, async () => {
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw new Error('write abandoned by its caller');
        await this.assertBucket(bucket, paths.bucketDir);
        await this.ensureParents(paths);
        const existing = await statOrUndefined(paths.direct);
        const replacingSelf = existing?.isDirectory() === true;
        const target = replacingSelf ? paths.self : paths.direct;
        const held = await this.holdForLaterFree(target, replacingSelf ? await statOrUndefined(paths.self) : existing);
        try {
          await rename(tmpPath, target);
          return target;
        } catch (err) {
          if (!isAbsent(err) || attempt >= 5) throw err;
        } finally {
          this.freeInBackground(held);
        }
      }
    });
  }

  private async assertBucket(bucket: string, bucketDir: string): Promise<void> {
    if (!(await statOrUndefined(bucketDir))?.isDirectory()) throw new S3Error('NoSuchBucket', undefined, { BucketName: bucket });
  }

  private async ensureParents(paths: ObjectPaths): Promise<void> {
    if (paths.parents.length === 0) return;
    if ((await statOrUndefined(paths.parents[paths.parents.length - 1]))?.isDirectory()) return; // the usual case
    for (const dir of paths.parents) {
      const st = await statOrUndefined(dir);
      if (st?.isDirectory()) continue;
      if (st) await this.moveIntoSelf(dir);
      else await mkdir(dir).catch((err: unknown) => (errno(err) === 'EEXIST' ? undefined : Promise.reject(err)));
    }
  }

  /** The file `dir` (an object) becomes `dir/.silt~self`, so that `dir` can hold other objects. */
  private async moveIntoSelf(dir: string): Promise<void> {
    const tmp = this.newTmpPath();
    await rename(dir, tmp);
    await mkdir(dir);
    await rename(tmp, join(dir, SELF_NAME));
    if (this.options.fsync) {
      await fsyncDir(dir);
      await fsyncDir(dirname(dir));
    }
  }

  /**
   * After a delete: removes directories left empty, up to (not including) the bucket directory, and turns a
   * directory left holding only `.silt~self` back into the plain file. Returns the directory it changed last.
   * With directories as objects an emptied directory is still an object (`dir/`, as a directory made by plain tools
   * on a mounted file system stays one) and stays, unless it is the folder object being deleted (`fromIsDeleted`:
   * `from` is the directory of a deleted `dir/`); a chain's `.silt~c~` pieces are never objects and always go.
   */
  private async removeEmptyDirs(bucketDir: string, from: string, fromIsDeleted = false): Promise<string> {
    let dir = from;
    for (let first = true; dir.startsWith(bucketDir + sep); first = false) {
      if (this.options.directoriesAsObjects && !(first && fromIsDeleted) && !basename(dir).startsWith(CONTINUED_PREFIX)) break;
      try {
        await rmdir(dir);
      } catch (err) {
        if (errno(err) === 'ENOTEMPTY' || errno(err) === 'EEXIST') break;
        if (errno(err) !== 'ENOENT') throw err;
      }
      dir = dirname(dir);
    }
    if (dir.startsWith(bucketDir + sep)) {
      const entries = await readdir(dir);
      if (entries.length === 1 && entries[0] === SELF_NAME) {
        const tmp = this.newTmpPath();
        await rename(join(dir, SELF_NAME), tmp);
        try {
          await rmdir(dir);
        } catch (err) {
          await rename(tmp, join(dir, SELF_NAME)); // something arrived meanwhile (another process): keep the self form
          if (errno(err) === 'ENOTEMPTY' || errno(err) === 'EEXIST') return dir;
          throw err;
        }
        await rename(tmp, dir);
        return dirname(dir);
      }
    }
    return dir;
  }

  /**
   * Looks the object up as a plain file, then as `.silt~self`. A miss while this process is moving things in the
   * bucket may be a look between a rename and the next: wait for the move and look once more.
   */
  private async locate<T>(bucket: string, paths: ObjectPaths, probe: (path: string) => Promise<T | undefined>): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      const found = (await probe(paths.direct)) ?? (await probe(paths.self));
      if (found !== undefined || attempt > 0 || !this.structure.busy(bucket)) return found;
      await this.structure.settled(bucket);
    }
  }
}

/** Part files appended, in order, into `into` from byte `position` (Complete's fix-up after the in-place slots). */
async function appendParts(parts: readonly AssemblyPart[], into: FileHandle, position: number, signal?: AbortSignal): Promise<void> {
  const cursor = new PartCursor(parts.map((p) => ({ file: p.file!, source: { stagedPath: '', version: p.version, size: p.size }, partNumber: p.partNumber })));
  let at = position;
  try {
    await pump(
      cursor,
      undefined,
      async (chunk) => {
        for (let off = 0; off < chunk.length; ) {
          const { bytesWritten } = await into.write(chunk, off, chunk.length - off, at);
          off += bytesWritten;
          at += bytesWritten;
        }
      },
      signal,
    );
  } finally {
    await cursor.close();
  }
}

/** True when any non-directory entry exists below `dir`. */
async function holdsAnyFile(dir: string): Promise<boolean> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) return true;
    if (await holdsAnyFile(join(dir, entry.name))) return true;
  }
  return false;
}
