import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { crc32 } from 'node:zlib';
import { mkdir, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
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
//   slots           the slot table: record n-1 (MARKER_BYTES, "<generation> <size> <crc32>") says slot n holds a
//                   committed part of that size. A record is written (one O_DSYNC pwrite) only after the slot's bytes
//                   are durable, so a slot without a valid record is free, whatever bytes it holds
//   slot.<n>        the same marker as a file of its own (how versions before the table kept it; still read)
//   sealed          a Complete has started truncating: no slot is handed out any more
// The part's version is `slot-<generation>`: a re-upload into a free slot gets a new generation, so Complete's
// version check tells a slot's bytes apart exactly as it does a part file's inode.
//
// The table replaced a marker file per part (temp file, fsync, rename, directory fsync): with four 8 MiB parts in
// flight those two fsyncs queued behind the other parts' O_DSYNC writes and took 25–35 ms of every part's ~200 ms,
// and claim's read of the marker file ~14 ms more. A record is one 64-byte write inside a sector, so it lands whole
// or not at all (the CRC still refuses a torn or foreign record); the upload's markers are read once per process.

const SLOT_MARKER = /^slot\.([1-9][0-9]{0,4})$/;
const SLOT_TABLE = 'slots';
/** One slot's record in the table: `<generation> <size> <crc32 hex>`, space-padded, newline-terminated. */
const MARKER_BYTES = 64;
/** Records zero-filled when the table is made (parts 1..1024: 8 GiB at 8 MiB), so their writes allocate nothing. */
const TABLE_PREFILLED_RECORDS = 1024;
const ASSEMBLY = /^assembly\.([1-9][0-9]*)$/;
/** S3's largest object; a slot offset beyond it is a part number no real upload reaches with this P. */
const MAX_OBJECT_BYTES = 5 * 1024 ** 4;

interface Marker {
  generation: string;
  size: number;
}

interface UploadFiles {
  assembly: FileHandle;
  table: FileHandle;
}

interface UploadState {
  slotSize?: number;
  sealed: boolean;
  /** Committed slots (part number -> marker), read from disk once per process and kept current by this one. */
  markers: Map<number, Marker>;
  /** The slot table exists (an upload whose assembly an older version made has only marker files). */
  hasTable: boolean;
  /**
   * The assembly file and the slot table, opened for the slot writes in flight and shared by them (an open and a
   * close per part queued behind the other parts' writes on the thread pool); closed when the last one ends.
   */
  files?: Promise<UploadFiles>;
  users: number;
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

const crcHex = (text: string) => crc32(text).toString(16).padStart(8, '0');

function markerRecord(m: Marker | undefined): Buffer {
  const record = Buffer.alloc(MARKER_BYTES, 0);
  if (!m) return record;
  const body = `${m.generation} ${m.size}`;
  record.write(`${`${body} ${crcHex(body)}`.padEnd(MARKER_BYTES - 1)}\n`, 'latin1');
  return record;
}

/** A table record or a legacy marker file's text; undefined for a free (zeroed), torn or foreign one. */
function parseMarker(text: string, withCrc: boolean): Marker | undefined {
  const [generation, size, crc] = text.replace(/\0/g, '').trim().split(/ +/);
  if (!generation || !/^\d+$/.test(size ?? '')) return undefined;
  if (withCrc && crc !== crcHex(`${generation} ${size}`)) return undefined;
  return { generation, size: Number(size) };
}

/** A file's bytes; empty when it is not there (removed meanwhile). */
async function readOrEmpty(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    if (isAbsent(err)) return Buffer.alloc(0);
    throw err;
  }
}

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
  private readonly loading = new Map<string, Promise<UploadState>>();
  private readonly lock = new KeyedMutex();

  constructor(
    private readonly uploadDir: (uploadId: string) => string,
    readonly fsync: boolean,
    private readonly minSlotBytes: number,
  ) {}

  assemblyFile(uploadId: string, slotSize: number): string {
    return join(this.uploadDir(uploadId), `assembly.${slotSize}`);
  }

  private tableFile(uploadId: string): string {
    return join(this.uploadDir(uploadId), SLOT_TABLE);
  }

  /** Some slot write of the upload is in flight in this process. */
  writing(uploadId: string): boolean {
    return (this.uploads.get(uploadId)?.users ?? 0) > 0;
  }

  /**
   * The upload's state, read from its directory on first use in this process (a restart forgets nothing durable).
   * Concurrent first uses share one read.
   */
  private state(uploadId: string): Promise<UploadState> {
    const st = this.uploads.get(uploadId);
    if (st) return Promise.resolve(st);
    let loading = this.loading.get(uploadId);
    if (!loading) {
      loading = this.load(uploadId).finally(() => this.loading.delete(uploadId));
      this.loading.set(uploadId, loading);
    }
    return loading;
  }

  private async load(uploadId: string): Promise<UploadState> {
    const st: UploadState = { sealed: false, markers: new Map(), hasTable: false, users: 0, claimed: new Set(), busy: 0, idle: [] };
    const dir = this.uploadDir(uploadId);
    let names: string[] = [];
    try {
      names = await readdir(dir);
    } catch (err) {
      if (!isAbsent(err)) throw err;
    }
    for (const name of names) {
      const m = ASSEMBLY.exec(name);
      if (m) st.slotSize = Number(m[1]);
      if (name === 'sealed') st.sealed = true;
      const legacy = SLOT_MARKER.exec(name);
      if (legacy) {
        const marker = parseMarker((await readOrEmpty(join(dir, name))).toString('latin1'), false);
        if (marker) st.markers.set(Number(legacy[1]), marker);
      }
    }
    if (names.includes(SLOT_TABLE)) {
      st.hasTable = true;
      const table = await readOrEmpty(join(dir, SLOT_TABLE));
      for (let i = 0; (i + 1) * MARKER_BYTES <= table.length; i++) {
        const marker = parseMarker(table.toString('latin1', i * MARKER_BYTES, (i + 1) * MARKER_BYTES), true);
        if (marker) st.markers.set(i + 1, marker);
      }
    }
    this.uploads.set(uploadId, st);
    return st;
  }

  /** The upload's open files, for one user until `release`. Rejects (ENOENT) when its staging was dropped. */
  private async acquire(uploadId: string, st: UploadState): Promise<UploadFiles> {
    st.users++;
    try {
      st.files ??= this.openFiles(uploadId, st);
      return await st.files;
    } catch (err) {
      this.release(st);
      throw err;
    }
  }

  private openFiles(uploadId: string, st: UploadState): Promise<UploadFiles> {
    const opening = (async () => {
      if (st.slotSize === undefined) throw Object.assign(new Error('no assembly file'), { code: 'ENOENT' });
      const flags = this.fsync ? SLOT_DURABLE_FLAGS : 'r+';
      const assembly = await open(this.assemblyFile(uploadId, st.slotSize), flags);
      try {
        if (!st.hasTable) {
          // An upload begun by a version without the table: make it now, durably, before any record goes into it.
          await writeSmallFile(this.tableFile(uploadId), '', this.fsync);
          if (this.fsync) await fsyncDir(this.uploadDir(uploadId));
          st.hasTable = true;
        }
        return { assembly, table: await open(this.tableFile(uploadId), flags) };
      } catch (err) {
        await assembly.close().catch(() => undefined);
        throw err;
      }
    })();
    opening.catch(() => {
      if (st.files === opening) st.files = undefined;
    });
    return opening;
  }

  /** @internal for SlotWrite: one user of the upload's files is done with them. */
  release(st: UploadState): void {
    if (--st.users > 0 || !st.files) return;
    const files = st.files;
    st.files = undefined;
    // FileHandle.close waits for the handle's pending operations; a new user opens afresh.
    files.then((f) => Promise.all([f.assembly.close(), f.table.close()])).catch(() => undefined);
  }

  /** Writes slot `partNumber`'s record (undefined: frees it). Durable on return when fsync is on. */
  private async writeMarker(files: UploadFiles, partNumber: number, marker: Marker | undefined): Promise<void> {
    await files.table.write(markerRecord(marker), 0, MARKER_BYTES, (partNumber - 1) * MARKER_BYTES);
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
        await this.createAssembly(uploadId, st, expectedSize);
      }
      const slotSize = st.slotSize;
      const offset = (partNumber - 1) * slotSize;
      if (expectedSize > slotSize || offset + slotSize > MAX_OBJECT_BYTES) return undefined;
      if (st.markers.has(partNumber)) return undefined; // taken: a re-upload goes to its own file
      let files: UploadFiles;
      try {
        files = await this.acquire(uploadId, st);
      } catch (err) {
        if (!isAbsent(err)) throw err;
        // DeleteStaging (an Abort) ran meanwhile: forget the upload, write a part file (the reaper takes it later).
        this.uploads.delete(uploadId);
        return undefined;
      }
      st.claimed.add(partNumber);
      return new SlotWrite(this, st, { uploadId, partNumber }, files, offset, expectedSize);
    });
  }

  private async createAssembly(uploadId: string, st: UploadState, slotSize: number): Promise<void> {
    const dir = this.uploadDir(uploadId);
    const made = await mkdir(dir, { recursive: true });
    if (!st.hasTable) {
      // Zero-filled (free) records for the usual part numbers: writing one later allocates no block.
      const table = await open(this.tableFile(uploadId), 'w', 0o644);
      try {
        await table.write(Buffer.alloc(TABLE_PREFILLED_RECORDS * MARKER_BYTES), 0, TABLE_PREFILLED_RECORDS * MARKER_BYTES, 0);
        if (this.fsync) await table.sync();
      } finally {
        await table.close();
      }
      st.hasTable = true;
    }
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
  async commitSlot(state: UploadState, slot: SlotRef, size: number, files: UploadFiles): Promise<string> {
    const marker = { generation: randomBytes(9).toString('base64url'), size };
    await this.writeMarker(files, slot.partNumber, marker);
    state.markers.set(slot.partNumber, marker);
    state.claimed.delete(slot.partNumber);
    return `slot-${marker.generation}`;
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
    const marker = st.markers.get(ref.partNumber);
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
    const unchosen = [...st.markers.keys()].filter((n) => !keep.has(n));
    if (unchosen.length && st.hasTable) {
      const files = await this.acquire(uploadId, st);
      try {
        for (const partNumber of unchosen) await this.writeMarker(files, partNumber, undefined);
      } finally {
        this.release(st);
      }
    }
    for (const partNumber of unchosen) st.markers.delete(partNumber);
    let legacy = false;
    for (const name of await readdir(dir)) {
      const m = SLOT_MARKER.exec(name);
      if (m && !keep.has(Number(m[1]))) {
        await rm(join(dir, name), { force: true });
        legacy = true;
      }
    }
    if (legacy && this.fsync) await fsyncDir(dir);
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
  /**
   * Each write knows its offset, so several may be in flight: with O_DSYNC a write returns only once the disk has it,
   * and one at a time kept an 8 MiB part's stream waiting on the disk for every MiB.
   */
  readonly writeDepth = 3;
  /** Bytes handed to write() so far (the next write's place), and bytes on disk. */
  private reserved = 0;
  private written = 0;
  private done = false;

  constructor(
    private readonly registry: AssemblyRegistry,
    private readonly st: UploadState,
    readonly slot: SlotRef,
    private readonly files: UploadFiles,
    private readonly offset: number,
    private readonly limit: number,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (this.reserved + chunk.length > this.limit) throw new S3Error('IncompleteBody', `The body is longer than the ${this.limit} bytes declared.`);
    this.registry.enter(this.st);
    const at = this.offset + this.reserved;
    this.reserved += chunk.length;
    try {
      for (let off = 0; off < chunk.length; ) {
        const { bytesWritten } = await this.files.assembly.write(chunk, off, chunk.length - off, at + off);
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
      const version = await this.registry.commitSlot(this.st, this.slot, this.written, this.files);
      this.done = true;
      this.registry.release(this.st);
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
    this.registry.release(this.st);
  }
}
