import { randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';
import type { ObjectReader, ObjectStat, StagedWrite, UfsAdapter } from '../ufs-adapter';
import { KeyedMutex } from './keyed-mutex';
import { LocalLayout, SELF_NAME, type ObjectPaths } from './layout';

export interface LocalAdapterOptions {
  /** The root mount's directory (config `ufs.root`). */
  root: string;
  /** fsync each object and its directory before a write is acknowledged (config `ufs.fsync`). */
  fsync: boolean;
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;
/** A path that is not there as what we looked for: missing, or a file where a directory was expected. */
const isAbsent = (err: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errno(err) ?? '');

/** `${ino}-${size}-${mtimeNs}`: a new temp file (new inode) for every write makes it change with the bytes. */
export function versionOf(st: BigIntStats): string {
  return `${st.ino}-${st.size}-${st.mtimeNs}`;
}

function statOf(st: BigIntStats): ObjectStat {
  return { size: Number(st.size), version: versionOf(st), lastModifiedMs: Number(st.mtimeMs) };
}

async function statOrUndefined(path: string): Promise<BigIntStats | undefined> {
  try {
    return await stat(path, { bigint: true });
  } catch (err) {
    if (isAbsent(err)) return undefined;
    throw err;
  }
}

/** Makes a rename or unlink inside `dir` durable. */
async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
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

class LocalStagedWrite implements StagedWrite {
  private state: 'open' | 'closed' | 'committed' = 'open';

  constructor(
    private readonly adapter: LocalUfsAdapter,
    private readonly bucket: string,
    private readonly paths: ObjectPaths,
    private readonly tmpPath: string,
    private readonly fh: FileHandle,
    private readonly fsync: boolean,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    for (let off = 0; off < chunk.length; ) {
      const { bytesWritten } = await this.fh.write(chunk, off, chunk.length - off);
      off += bytesWritten;
    }
  }

  async commit(signal?: AbortSignal): Promise<ObjectStat> {
    if (this.fsync) await this.fh.sync();
    // Stat the bytes we wrote, not whatever the path holds after the rename (a concurrent writer may win at once).
    const st = await this.fh.stat({ bigint: true });
    this.state = 'closed';
    await this.fh.close();
    const target = await this.adapter.place(this.bucket, this.paths, this.tmpPath, signal);
    this.state = 'committed';
    if (this.fsync) await fsyncDir(dirname(target));
    return statOf(st);
  }

  async abort(): Promise<void> {
    if (this.state === 'committed') return;
    if (this.state === 'open') {
      this.state = 'closed';
      await this.fh.close().catch(() => undefined);
    }
    await rm(this.tmpPath, { force: true });
  }
}

/**
 * The root mount: a local directory, laid out as documented in ./layout.ts. Structural changes inside a bucket
 * (placing a new object, moving a file into `.silt~self` and back, removing emptied directories) are serialised per
 * bucket in this process; readers that miss while one is under way wait for it and look again. One root belongs to
 * one ufs process: start-up clears the temp area.
 */
export class LocalUfsAdapter implements UfsAdapter {
  readonly layout: LocalLayout;
  private readonly structure = new KeyedMutex();

  constructor(private readonly options: LocalAdapterOptions) {
    this.layout = new LocalLayout(options.root);
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

  async stat(bucket: string, key: string): Promise<ObjectStat | undefined> {
    const paths = this.layout.objectPaths(bucket, key);
    const st = await this.locate(bucket, paths, async (path) => {
      const s = await statOrUndefined(path);
      return s?.isFile() ? s : undefined;
    });
    return st && statOf(st);
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
    if (!reader) throw new S3Error('NoSuchKey', undefined, { Key: key });
    return reader;
  }

  async beginWrite(bucket: string, key: string): Promise<StagedWrite> {
    const paths = this.layout.objectPaths(bucket, key);
    await this.assertBucket(bucket, paths.bucketDir);
    const tmpPath = this.newTmpPath();
    const fh = await open(tmpPath, 'wx', 0o644);
    return new LocalStagedWrite(this, bucket, paths, tmpPath, fh, this.options.fsync);
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
      if (!st?.isFile()) return false;
      if (ifVersion && versionOf(st) !== ifVersion) return false;
      await unlink(target);
      const left = await this.removeEmptyDirs(paths.bucketDir, dirname(target));
      if (this.options.fsync) await fsyncDir(left);
      return true;
    });
  }

  async createDirectory(bucket: string): Promise<void> {
    await mkdir(this.layout.bucketDir(bucket), { recursive: true });
  }

  async deleteDirectory(bucket: string): Promise<void> {
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
  async place(bucket: string, paths: ObjectPaths, tmpPath: string, signal?: AbortSignal): Promise<string> {
    return this.structure.run(bucket, async () => {
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw new Error('write abandoned by its caller');
        await this.assertBucket(bucket, paths.bucketDir);
        await this.ensureParents(paths);
        const existing = await statOrUndefined(paths.direct);
        const target = existing?.isDirectory() ? paths.self : paths.direct;
        try {
          await rename(tmpPath, target);
          return target;
        } catch (err) {
          if (!isAbsent(err) || attempt >= 5) throw err;
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
   */
  private async removeEmptyDirs(bucketDir: string, from: string): Promise<string> {
    let dir = from;
    while (dir.startsWith(bucketDir + sep)) {
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

/** True when any non-directory entry exists below `dir`. */
async function holdsAnyFile(dir: string): Promise<boolean> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) return true;
    if (await holdsAnyFile(join(dir, entry.name))) return true;
  }
  return false;
}
