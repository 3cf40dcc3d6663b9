import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';
import type { StagedPartStat, StagedWrite } from '../ufs-adapter';
import { errno, fsyncDir, isAbsent } from './fs-util';
import { KeyedMutex } from './keyed-mutex';

// In-place assembly of a multipart upload (local adapter). Clients cut an upload into parts of one size P with a
// smaller last part (aws cli / boto3 8 MiB, lib-storage 5 MiB), so part n belongs at byte (n-1)*P of the object. The
// first part written with a known size of at least `minSlotBytes` fixes P for the upload; from then on a part of at
// most P bytes whose slot is free is written straight into `<upload>/assembly.<P>` at (n-1)*P instead of into its own
// file, and Complete, when the listed parts are exactly those slots end to end, only truncates that file, links it
// into place and renames: no byte is copied (a 1 GiB Complete took ~4.5 s of copying before). Anything else — a part
// bigger than P, a re-upload of a taken slot, a part whose size was not known up front, gaps in the part numbers —
// is a part file as before, and Complete falls back to copying (trailing part files are copied into the assembly,
// anything else into a fresh file).
//
// On disk, per upload directory:
//   assembly.<P>    the slots (sparse: a slot never written takes no space)
//   slot.<n>        "<generation> <size>": slot n holds a committed part of that size; written (temp + rename) only
//                   after the slot's bytes are durable, so a slot without a marker is free, whatever bytes it holds
//   sealed          a Complete has started truncating: no slot is handed out any more
// The part's version is `slot-<generation>`: a re-upload into a free slot gets a new generation, so Complete's
// version check tells a slot's bytes apart exactly as it does a part file's inode.

const SLOT_MARKER = /^slot\.([1-9][0-9]{0,4})$/;
const ASSEMBLY = /^assembly\.([1-9][0-9]*)$/;
/** S3's largest object; a slot offset beyond it is a part number no real upload reaches with this P. */
const MAX_OBJECT_BYTES = 5 * 1024 ** 4;

interface UploadState {
  slotSize?: number;
  sealed: boolean;
  /** Part numbers whose slot write is in flight (not yet committed or aborted). */
  claimed: Set<number>;
  /** pwrite calls in flight: truncation waits for them, never races one. */
  busy: number;
  idle: Array<() => void>;
}

/**
 * With fsync on, a slot's bytes are written O_DSYNC: each write returns once it is on disk, so the disk's time is
 * spread over the part while the next chunks arrive instead of one fsync at the end that the client waits for (an
 * 8 MiB part's end-of-part fsync took ~45 ms with 4 parts in flight; at commit only the marker's fsyncs remain).
 */
const SLOT_DURABLE_FLAGS = constants.O_RDWR | constants.O_DSYNC;

async function writeSmallFile(path: string, text: string, fsync: boolean): Promise<void> {
  const fh = await open(path, 'w', 0o644);
  try {
    await fh.writeFile(text);
    if (fsync) await fh.sync();
  } finally {
    await fh.close();
  }
}

export interface SlotRef {
  uploadId: string;
  partNumber: number;
}

/** A chosen part as Complete sees it: in a slot, or in a part file (`file`). */
export interface AssemblyPart {
  slot?: SlotRef;
  file?: string;
  version: string;
  size: number;
  partNumber: number;
}

export class AssemblyRegistry {
  private readonly uploads = new Map<string, UploadState>();
  private readonly lock = new KeyedMutex();

  constructor(
    private readonly uploadDir: (uploadId: string) => string,
    readonly fsync: boolean,
    private readonly minSlotBytes: number,
  ) {}

  assemblyFile(uploadId: string, slotSize: number): string {
    return join(this.uploadDir(uploadId), `assembly.${slotSize}`);
  }

  private markerFile(uploadId: string, partNumber: number): string {
    return join(this.uploadDir(uploadId), `slot.${partNumber}`);
  }

  /** The upload's state, read from its directory on first use in this process (a restart forgets nothing durable). */
  private async state(uploadId: string): Promise<UploadState> {
    let st = this.uploads.get(uploadId);
    if (st) return st;
    st = { sealed: false, claimed: new Set(), busy: 0, idle: [] };
    try {
      for (const name of await readdir(this.uploadDir(uploadId))) {
        const m = ASSEMBLY.exec(name);
        if (m) st.slotSize = Number(m[1]);
        if (name === 'sealed') st.sealed = true;
      }
    } catch (err) {
      if (!isAbsent(err)) throw err;
    }
    this.uploads.set(uploadId, st);
    return st;
  }

  /** The committed marker of a slot, or undefined when the slot is free. */
  private async marker(uploadId: string, partNumber: number): Promise<{ generation: string; size: number } | undefined> {
    let text: string;
    try {
      text = await readFile(this.markerFile(uploadId, partNumber), 'utf8');
    } catch (err) {
      if (isAbsent(err)) return undefined;
      throw err;
    }
    const [generation, size] = text.trim().split(' ');
    return { generation, size: Number(size) };
  }

  /**
   * A slot for the part, or undefined when it must go to its own file (size unknown or too big, slot taken, upload
   * sealed). The slot is the caller's until the returned write commits or aborts.
   */
  async claim(uploadId: string, partNumber: number, expectedSize: number | undefined): Promise<SlotWrite | undefined> {
    if (expectedSize === undefined || expectedSize < 0) return undefined;
    return this.lock.run(uploadId, async () => {
      const st = await this.state(uploadId);
      if (st.sealed || st.claimed.has(partNumber)) return undefined;
      if (st.slotSize === undefined) {
        if (expectedSize < this.minSlotBytes) return undefined;
        st.slotSize = expectedSize;
        await this.createAssembly(uploadId, expectedSize);
      }
      const slotSize = st.slotSize;
      const offset = (partNumber - 1) * slotSize;
      if (expectedSize > slotSize || offset + slotSize > MAX_OBJECT_BYTES) return undefined;
      if (await this.marker(uploadId, partNumber)) return undefined; // taken: a re-upload goes to its own file
      let fh: FileHandle;
      try {
        fh = await open(this.assemblyFile(uploadId, slotSize), this.fsync ? SLOT_DURABLE_FLAGS : 'r+');
      } catch (err) {
        if (!isAbsent(err)) throw err;
        // DeleteStaging (an Abort) ran meanwhile: forget the upload, write a part file (the reaper takes it later).
        this.uploads.delete(uploadId);
        return undefined;
      }
      st.claimed.add(partNumber);
      return new SlotWrite(this, st, { uploadId, partNumber }, fh, offset, expectedSize);
    });
  }

  private async createAssembly(uploadId: string, slotSize: number): Promise<void> {
    const dir = this.uploadDir(uploadId);
    const made = await mkdir(dir, { recursive: true });
    try {
      await (await open(this.assemblyFile(uploadId, slotSize), 'wx', 0o644)).close();
    } catch (err) {
      if (errno(err) !== 'EEXIST') throw err;
    }
    if (this.fsync) {
      await fsyncDir(dir);
      if (made) await fsyncDir(join(dir, '..'));
    }
  }

  /** Called by a slot write once its bytes are durable: the marker makes the slot a committed part. */
  async commitSlot(state: UploadState, slot: SlotRef, size: number): Promise<string> {
    const generation = randomBytes(9).toString('base64url');
    const file = this.markerFile(slot.uploadId, slot.partNumber);
    const tmp = `${file}.${generation}.tmp`;
    await writeSmallFile(tmp, `${generation} ${size}\n`, this.fsync);
    await rename(tmp, file);
    if (this.fsync) await fsyncDir(this.uploadDir(slot.uploadId));
    state.claimed.delete(slot.partNumber);
    return `slot-${generation}`;
  }

  releaseSlot(state: UploadState, slot: SlotRef): void {
    state.claimed.delete(slot.partNumber);
  }

  /** Waits until no pwrite of the upload is in flight. */
  private async quiesce(state: UploadState): Promise<void> {
    while (state.busy > 0) await new Promise<void>((resolve) => state.idle.push(resolve));
  }

  /** Throws (InvalidPart / UfsVersionChanged) unless slot `ref` holds exactly the recorded part. Returns its offset. */
  async checkSlot(ref: SlotRef, version: string, size: number): Promise<{ file: string; offset: number }> {
    const st = await this.state(ref.uploadId);
    const marker = await this.marker(ref.uploadId, ref.partNumber);
    if (!marker || st.slotSize === undefined) throw new S3Error('InvalidPart', undefined, { PartNumber: String(ref.partNumber) });
    const actual = `slot-${marker.generation}`;
    if ((version && version !== actual) || marker.size !== size) throw new UfsVersionChanged(version, actual);
    return { file: this.assemblyFile(ref.uploadId, st.slotSize), offset: (ref.partNumber - 1) * st.slotSize };
  }

  /**
   * Complete's fast path. When the chosen parts start with slots lying end to end from byte 0 and every part after
   * them is a part file, seals the upload, copies those trailing files into the assembly after the slots, truncates
   * it to the object's size and returns its path (the caller links it into place). undefined when the parts are not
   * laid out that way (the caller copies everything into a fresh file instead). Parts are checked before anything
   * changes; slots that are not chosen lose their markers before their bytes can be overwritten or cut off, so a
   * later Complete naming them fails InvalidPart instead of reading other bytes.
   */
  async assemble(
    uploadId: string,
    parts: readonly AssemblyPart[],
    copyFiles: (files: readonly AssemblyPart[], into: FileHandle, position: number) => Promise<void>,
  ): Promise<string | undefined> {
    return this.lock.run(uploadId, async () => {
      const st = await this.state(uploadId);
      if (st.slotSize === undefined) return undefined;
      let position = 0;
      let inPlace = 0;
      for (const part of parts) {
        if (!part.slot || part.slot.uploadId !== uploadId) break;
        const { offset } = await this.checkSlot(part.slot, part.version, part.size);
        if (offset !== position) break;
        position += part.size;
        inPlace++;
      }
      const rest = parts.slice(inPlace);
      if (inPlace === 0 || rest.some((p) => !p.file)) return undefined;
      const total = parts.reduce((n, p) => n + p.size, 0);
      const file = this.assemblyFile(uploadId, st.slotSize);
      await this.seal(uploadId, st, new Set(parts.slice(0, inPlace).map((p) => p.partNumber)));
      const fh = await open(file, 'r+');
      try {
        if (rest.length) await copyFiles(rest, fh, position);
        await fh.truncate(total);
        if (this.fsync) await fh.sync();
      } finally {
        await fh.close();
      }
      return file;
    });
  }

  /** No slot is handed out after this; in-flight slot writes are drained; unchosen slot markers are dropped. */
  private async seal(uploadId: string, st: UploadState, keep: ReadonlySet<number>): Promise<void> {
    const dir = this.uploadDir(uploadId);
    if (!st.sealed) {
      st.sealed = true;
      await writeSmallFile(join(dir, 'sealed'), '', this.fsync);
    }
    await this.quiesce(st);
    for (const name of await readdir(dir)) {
      const m = SLOT_MARKER.exec(name);
      if (m && !keep.has(Number(m[1]))) await rm(join(dir, name), { force: true });
    }
    if (this.fsync) await fsyncDir(dir);
  }

  /** The upload's staging was dropped (Abort, Complete's cleanup, the reaper): forget its state. */
  forget(uploadId: string): void {
    this.uploads.delete(uploadId);
  }

  /** @internal for SlotWrite */
  enter(st: UploadState): void {
    if (st.sealed) throw new S3Error('NoSuchUpload', 'The upload is being completed.');
    st.busy++;
  }

  /** @internal for SlotWrite */
  leave(st: UploadState): void {
    st.busy--;
    if (st.busy === 0) for (const wake of st.idle.splice(0)) wake();
  }
}

/** A part written straight into its slot of the assembly file; the slot marker is its commit. */
export class SlotWrite implements StagedWrite<StagedPartStat> {
  private written = 0;
  private done = false;

  constructor(
    private readonly registry: AssemblyRegistry,
    private readonly st: UploadState,
    readonly slot: SlotRef,
    private readonly fh: FileHandle,
    private readonly offset: number,
    private readonly limit: number,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (this.written + chunk.length > this.limit) throw new S3Error('IncompleteBody', `The body is longer than the ${this.limit} bytes declared.`);
    this.registry.enter(this.st);
    try {
      for (let off = 0; off < chunk.length; ) {
        const { bytesWritten } = await this.fh.write(chunk, off, chunk.length - off, this.offset + this.written);
        off += bytesWritten;
        this.written += bytesWritten;
      }
    } finally {
      this.registry.leave(this.st);
    }
  }

  async commit(signal?: AbortSignal): Promise<StagedPartStat> {
    if (this.written !== this.limit) throw new S3Error('IncompleteBody');
    this.registry.enter(this.st); // a Complete that sealed meanwhile wins: this part never becomes a slot
    try {
      // Nothing to flush: with fsync on, the handle is O_DSYNC (SLOT_DURABLE_FLAGS) and every write was durable.
      if (signal?.aborted) throw new Error('write abandoned by its caller');
      const version = await this.registry.commitSlot(this.st, this.slot, this.written);
      this.done = true;
      await this.fh.close();
      const { uploadId, partNumber } = this.slot;
      return {
        size: this.written,
        version,
        lastModifiedMs: Date.now(),
        stagedPath: `.silt/staging/${uploadId}/slot.${partNumber}`,
      };
    } finally {
      this.registry.leave(this.st);
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.registry.releaseSlot(this.st, this.slot);
    await this.fh.close().catch(() => undefined);
  }
}
