import type { UfsLocation__Output } from '../../../libs/grpc/generated/silt/common/v1/UfsLocation';
import type { ComposeObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/ComposeObjectRequest';
import type { CopyObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/CopyObjectRequest';
import type { CopyObjectResponse } from '../../../libs/grpc/generated/silt/ufs/v1/CopyObjectResponse';
import type { DeleteObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/DeleteObjectRequest';
import type { DeleteObjectResponse } from '../../../libs/grpc/generated/silt/ufs/v1/DeleteObjectResponse';
import type { DeleteStagingRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/DeleteStagingRequest';
import type { ReadObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/ReadObjectRequest';
import type { StatObjectResponse } from '../../../libs/grpc/generated/silt/ufs/v1/StatObjectResponse';
import type { StatObjectsResponse } from '../../../libs/grpc/generated/silt/ufs/v1/StatObjectsResponse';
import type { StatObjectsResult } from '../../../libs/grpc/generated/silt/ufs/v1/StatObjectsResult';
import { runPool } from '../../../libs/runtime/src/run-pool';
import type { WriteObjectHeader__Output } from '../../../libs/grpc/generated/silt/ufs/v1/WriteObjectHeader';
import type { WriteObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/WriteObjectRequest';
import type { WriteObjectResponse } from '../../../libs/grpc/generated/silt/ufs/v1/WriteObjectResponse';
import {
  createHasher,
  createMd5,
  isChecksumAlgorithm,
  parseChecksumValue,
  parseContentMd5,
  type ChecksumAlgorithm,
} from '../../../libs/s3-protocol/src/checksums/checksums';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import { validatePartTarget, validateUploadId } from './adapters/staging-target';
import type { ComposeSource, ObjectDescription, ObjectStat, StagedPartStat, StagedWrite, UfsAdapter, UfsListEntry } from './adapters/ufs-adapter';
import type { ObjectDescription__Output } from '../../../libs/grpc/generated/silt/ufs/v1/ObjectDescription';
import { writeAtomically, type WriteExpectations, type WriteResult } from './atomic-write';
import { UfsVersionChanged } from './errors';

const MiB = 1024 * 1024;
/** Bulk bytes travel in bounded chunks (DESIGN: 256 KiB–1 MiB); 1 MiB keeps the message count low. */
export const READ_CHUNK_BYTES = MiB;
/** Copies inside the ufs are not bound by gRPC message sizes: bigger reads, fewer syscalls. */
const COPY_CHUNK_BYTES = 4 * MiB;

/** The adapters by mount id: `get` may build one on first use (the mount table); `loaded` is what exists now. */
export interface MountResolver {
  get(mountId: string): Promise<UfsAdapter | undefined>;
  loaded(): Iterable<UfsAdapter>;
}

function fixedMounts(map: ReadonlyMap<string, UfsAdapter>): MountResolver {
  return { get: async (id) => map.get(id), loaded: () => map.values() };
}

export interface ResolvedObject {
  mountId: string;
  adapter: UfsAdapter;
  bucket: string;
  key: string;
}

export interface OpenedRead {
  stat: ObjectStat;
  chunks: AsyncIterable<Buffer>;
  close(): Promise<void>;
}

/** Locations one StatObjects call may name. */
const MAX_BATCH = 1000;

function invalid(message: string): S3Error {
  return new S3Error('InvalidArgument', message);
}

function parseAlgorithm(name: string): ChecksumAlgorithm {
  const alg = name.trim().toUpperCase();
  if (!isChecksumAlgorithm(alg)) throw invalid(`Unknown checksum algorithm "${name}".`);
  return alg;
}

function parseExpected(map: Record<string, string> | undefined): Partial<Record<ChecksumAlgorithm, string>> {
  const out: Partial<Record<ChecksumAlgorithm, string>> = {};
  for (const [name, value] of Object.entries(map ?? {})) {
    const alg = parseAlgorithm(name);
    parseChecksumValue(alg, value); // InvalidRequest when not base64 of the digest's length
    out[alg] = value.trim();
  }
  return out;
}

/** WriteObjectHeader.expected_content_sha256 (64 hex) -> its 32 bytes. */
function parseContentSha256Digest(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw invalid('expected_content_sha256 must be 64 hex characters.');
  return Buffer.from(hex, 'hex');
}

/** `mountId`: the mount written to, for a staged part's `staged_location`. */
function toWriteResponse(r: WriteResult, mountId: string): WriteObjectResponse {
  const stagedPath = (r.committed as Partial<StagedPartStat>).stagedPath;
  return {
    size: r.size,
    md5_hex: r.md5Hex,
    checksums: r.checksums as Record<string, string>,
    ufs_version: r.version,
    last_modified_ms: r.lastModifiedMs,
    ...(stagedPath !== undefined && { staged_location: { mount_id: mountId, path: stagedPath } }),
  };
}

/** Where a write goes: the object at the key, or (`staging` set) a multipart part of the upload for that key. */
function beginWrite(
  target: ResolvedObject,
  staging: { upload_id: string; part_number: number } | null | undefined,
  expectedSize: number,
  description?: ObjectDescription__Output | null,
): Promise<StagedWrite> {
  const described = describe(description);
  return staging
    ? target.adapter.beginPartWrite(target.bucket, target.key, {
        ...validatePartTarget(staging),
        ...(expectedSize >= 0 && { expectedSize }),
        ...(described && { description: described }),
      })
    : target.adapter.beginWrite(target.bucket, target.key, described);
}

function describe(d: ObjectDescription__Output | null | undefined): ObjectDescription | undefined {
  if (!d) return undefined;
  return {
    contentType: d.content_type || undefined,
    userMetadata: d.user_metadata ?? {},
    systemMetadata: d.system_metadata ?? {},
    tags: (d.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
  };
}

/**
 * The UfsService operations, free of gRPC plumbing: mount routing, `<bucket>/<key>` paths, version expectations,
 * digests around the adapters' staged writes. The gRPC handlers (./grpc) only move messages in and out.
 */
export class UfsOperations {
  private readonly mounts: MountResolver;

  /** `mounts`: the adapters by mount id (a fixed map, or a resolver that builds them from the mount table). */
  constructor(mounts: ReadonlyMap<string, UfsAdapter> | MountResolver) {
    this.mounts = mounts instanceof Map ? fixedMounts(mounts) : (mounts as MountResolver);
  }

  private adapterFor(location: UfsLocation__Output | null | undefined): Promise<UfsAdapter> {
    if (!location) throw invalid('A UfsLocation is required.');
    return this.mount(location.mount_id);
  }

  private async mount(mountId: string): Promise<UfsAdapter> {
    const adapter = await this.mounts.get(mountId);
    if (!adapter) throw invalid(`Unknown UFS mount "${mountId}".`);
    return adapter;
  }

  /** `<bucket>/<key>` in the mount; the key is everything after the first '/', byte-exact. */
  async resolveObject(location: UfsLocation__Output | null | undefined): Promise<ResolvedObject> {
    const adapter = await this.adapterFor(location);
    const path = location!.path;
    const slash = path.indexOf('/');
    if (slash <= 0 || slash === path.length - 1) throw invalid(`UfsLocation.path must be "<bucket>/<key>", got "${path}".`);
    return { mountId: location!.mount_id, adapter, bucket: path.slice(0, slash), key: path.slice(slash + 1) };
  }

  /** `<bucket>` (one trailing '/' allowed). */
  async resolveBucket(location: UfsLocation__Output | null | undefined): Promise<{ adapter: UfsAdapter; bucket: string }> {
    const adapter = await this.adapterFor(location);
    const bucket = location!.path.endsWith('/') ? location!.path.slice(0, -1) : location!.path;
    if (bucket === '' || bucket.includes('/')) throw invalid(`UfsLocation.path must be "<bucket>", got "${location!.path}".`);
    return { adapter, bucket };
  }

  /** The objects under "<bucket>/<prefix>" (metadata sync); FailedPrecondition-like InvalidRequest when unlistable. */
  async *listObjects(location: UfsLocation__Output | null | undefined): AsyncGenerator<UfsListEntry> {
    const adapter = await this.adapterFor(location);
    const path = location!.path;
    const slash = path.indexOf('/');
    const bucket = slash < 0 ? path : path.slice(0, slash);
    const prefix = slash < 0 ? '' : path.slice(slash + 1);
    if (bucket === '') throw invalid(`UfsLocation.path must be "<bucket>/<prefix>", got "${path}".`);
    if (!adapter.list) throw new S3Error('InvalidRequest', 'This UFS cannot be listed.');
    yield* adapter.list(bucket, prefix);
  }

  /** Header first, then chunks, then at most one trailer (the WriteObject stream). */
  async writeObject(messages: AsyncIterable<WriteObjectRequest__Output>, signal?: AbortSignal): Promise<WriteObjectResponse> {
    const it = messages[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done || first.value.payload !== 'header' || !first.value.header) {
      await it.return?.();
      throw invalid('WriteObject must start with a header.');
    }
    let expectations: WriteExpectations;
    let target: ResolvedObject;
    let staged;
    try {
      ({ target, expectations } = await this.parseWriteHeader(first.value.header));
      staged = await beginWrite(target, first.value.header.staging, expectations.expectedSize, first.value.header.description);
    } catch (err) {
      await it.return?.();
      throw err;
    }
    const endsWithTrailer = first.value.header.ends_with_trailer === true;
    let trailer: Partial<Record<ChecksumAlgorithm, string>> | undefined;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let next = await it.next(); !next.done; next = await it.next()) {
        const msg = next.value;
        if (msg.payload === 'chunk' && msg.chunk) {
          if (trailer) throw invalid('WriteObject: a chunk arrived after the trailer.');
          yield msg.chunk;
        } else if (msg.payload === 'trailer') {
          if (trailer) throw invalid('WriteObject: more than one trailer.');
          trailer = parseExpected(msg.trailer?.expected_checksums);
        } else if (msg.payload === 'header') {
          throw invalid('WriteObject: more than one header.');
        }
      }
      if (endsWithTrailer && !trailer) throw new S3Error('IncompleteBody', 'The body ended without its trailer (a cancelled call?).');
    }
    const result = await writeAtomically(staged, chunks(), expectations, () => trailer ?? {}, signal).catch(async (err: unknown) => {
      await it.return?.();
      throw err;
    });
    return toWriteResponse(result, target.mountId);
  }

  private async parseWriteHeader(header: WriteObjectHeader__Output): Promise<{ target: ResolvedObject; expectations: WriteExpectations }> {
    const target = await this.resolveObject(header.location);
    const expected = parseExpected(header.expected_checksums);
    const algorithms = new Set<ChecksumAlgorithm>((header.checksum_algorithms ?? []).map(parseAlgorithm));
    for (const alg of Object.keys(expected) as ChecksumAlgorithm[]) algorithms.add(alg);
    return {
      target,
      expectations: {
        expectedSize: header.expected_size >= 0 ? header.expected_size : -1,
        contentMd5: header.content_md5 ? parseContentMd5(header.content_md5) : undefined,
        algorithms: [...algorithms],
        expected,
        ...(header.expected_content_sha256 && { contentSha256: parseContentSha256Digest(header.expected_content_sha256) }),
      },
    };
  }

  /** Opens [offset, offset+length) for streaming; the version is checked on the opened file. */
  async readObject(req: ReadObjectRequest__Output, chunkBytes = READ_CHUNK_BYTES): Promise<OpenedRead> {
    const { adapter, bucket, key } = await this.resolveObject(req.location);
    const offset = req.offset ?? 0;
    if (offset < 0) throw invalid('ReadObject: offset must not be negative.');
    const known = req.expected_version && req.expected_size > 0 ? { version: req.expected_version, size: req.expected_size } : undefined;
    const reader = await adapter.openRead(bucket, key, known);
    try {
      if (req.expected_version && reader.stat.version !== req.expected_version) {
        throw new UfsVersionChanged(req.expected_version, reader.stat.version);
      }
      if (offset > reader.stat.size) throw new S3Error('InvalidRange', undefined, { ActualObjectSize: String(reader.stat.size) });
    } catch (err) {
      await reader.close();
      throw err;
    }
    const length = req.length ?? -1;
    return { stat: reader.stat, chunks: reader.read(offset, length < 0 ? -1 : length, chunkBytes), close: () => reader.close() };
  }

  /** Mirrors a tag set onto the UFS object; false when the UFS keeps no tags. */
  async setObjectTags(location: UfsLocation__Output | null, tags: ReadonlyArray<{ key: string; value: string }>): Promise<boolean> {
    const { adapter, bucket, key } = await this.resolveObject(location);
    if (!adapter.setTags) return false;
    await adapter.setTags(bucket, key, tags);
    return true;
  }

  async statObject(location: UfsLocation__Output | null): Promise<StatObjectResponse> {
    const { adapter, bucket, key } = await this.resolveObject(location);
    const st = await adapter.stat(bucket, key);
    if (!st) return { exists: false, size: 0, ufs_version: '', last_modified_ms: 0 };
    return { exists: true, size: st.size, ufs_version: st.version, last_modified_ms: st.lastModifiedMs };
  }

  /** StatObject of each location (at most 1000; 32 at a time), each answered with its stat or its S3 error. */
  async statObjects(locations: readonly (UfsLocation__Output | null)[]): Promise<StatObjectsResponse> {
    if (locations.length > MAX_BATCH) throw invalid(`StatObjects takes at most ${MAX_BATCH} locations.`);
    const results: StatObjectsResult[] = new Array(locations.length);
    await runPool(locations.keys(), 32, async (i) => {
      try {
        results[i] = { stat: await this.statObject(locations[i]), error_code: '', error_message: '' };
      } catch (err) {
        // What StatObject's own status would say: the S3 code, else InternalError with the cause (metadata logs it).
        const message = err instanceof Error ? err.message : String(err);
        results[i] = { error_code: err instanceof S3Error ? err.code : 'InternalError', error_message: message };
      }
    });
    return { results };
  }

  async deleteObject(req: DeleteObjectRequest__Output): Promise<DeleteObjectResponse> {
    const { adapter, bucket, key } = await this.resolveObject(req.location);
    return { deleted: await adapter.delete(bucket, key, req.if_version || undefined) };
  }

  /**
   * Server-side copy of the source or of [range_start, range_start+range_length) of it (UploadPartCopy's
   * x-amz-copy-source-range), into the object or (`staging` set) a multipart part; streamed through the same digests
   * and atomic commit as a write.
   */
  async copyObject(req: CopyObjectRequest__Output): Promise<CopyObjectResponse> {
    const source = await this.resolveObject(req.source);
    const destination = await this.resolveObject(req.destination);
    const algorithms = (req.checksum_algorithms ?? []).map(parseAlgorithm);
    const rangeStart = Number(req.range_start ?? 0);
    const rangeLength = Number(req.range_length ?? 0);
    if (rangeStart < 0) throw invalid('CopyObject: range_start must not be negative.');
    if (rangeStart > 0 && rangeLength <= 0) throw invalid('CopyObject: a range needs a positive range_length.');
    const reader = await source.adapter.openRead(source.bucket, source.key);
    try {
      if (req.source_version && reader.stat.version !== req.source_version) {
        throw new UfsVersionChanged(req.source_version, reader.stat.version);
      }
      const length = rangeLength > 0 ? rangeLength : reader.stat.size; // <= 0 from 0: the whole source
      // S3 answers InvalidRange when x-amz-copy-source-range reaches past the source's end.
      if (rangeStart + length > reader.stat.size) {
        throw new S3Error('InvalidRange', undefined, { ActualObjectSize: String(reader.stat.size) });
      }
      const staged = await beginWrite(destination, req.staging, length, req.description);
      const result = await writeAtomically(staged, reader.read(rangeStart, length, COPY_CHUNK_BYTES), {
        expectedSize: length, // a source shrinking under us fails the copy instead of storing a prefix
        algorithms: [...new Set(algorithms)],
        expected: {},
      });
      return { result: toWriteResponse(result, destination.mountId) };
    } finally {
      await reader.close();
    }
  }

  /**
   * CompleteMultipartUpload's bytes: the staged parts, in order, become the object atomically, with the MD5 of the
   * whole (unless `skip_md5`) and the requested full-object checksums computed on the way. Staged parts stay (DeleteStaging drops them
   * once metadata has committed), so a Complete that fails after this can be retried.
   */
  async composeObject(req: ComposeObjectRequest__Output, signal?: AbortSignal): Promise<CopyObjectResponse> {
    const destination = await this.resolveObject(req.destination);
    const algorithms = [...new Set((req.checksum_algorithms ?? []).map(parseAlgorithm))];
    if (!req.parts?.length) throw invalid('ComposeObject needs at least one part.');
    const sources = req.parts.map((part, i): ComposeSource => {
      if (part.location?.mount_id !== destination.mountId) throw invalid(`ComposeObject: part ${i + 1} is not staged in the destination's mount.`);
      return { stagedPath: part.location.path, version: part.ufs_version ?? '', size: Number(part.size ?? 0) };
    });
    // skip_md5: the caller (a multipart Complete, whose ETag is the MD5 of the part MD5s) needs no MD5 of the whole.
    // With no checksum asked for either, the adapter gets no observer and reads no byte it need not move.
    const md5 = req.skip_md5 ? undefined : createMd5();
    const hashers = algorithms.map((alg) => [alg, createHasher(alg)] as const);
    const observe =
      md5 || hashers.length
        ? (chunk: Buffer) => {
            md5?.update(chunk);
            for (const [, h] of hashers) h.update(chunk);
          }
        : undefined;
    const st = await destination.adapter.compose(destination.bucket, destination.key, sources, observe, signal);
    const checksums = Object.fromEntries(hashers.map(([alg, h]) => [alg, h.digest().toString('base64')]));
    const md5Hex = md5 ? md5.digest().toString('hex') : '';
    const result: WriteResult = { size: st.size, md5Hex, checksums, version: st.version, lastModifiedMs: st.lastModifiedMs, committed: st };
    return { result: toWriteResponse(result, destination.mountId) };
  }

  /** AbortMultipartUpload's bytes, and the cleanup after a Complete: idempotent. */
  async deleteStaging(req: DeleteStagingRequest__Output): Promise<void> {
    const adapter = await this.mount(req.mount_id);
    await adapter.deleteStaging(validateUploadId(req.upload_id ?? ''));
  }

  /** The reaper's round over every mount: drops staged uploads untouched since `cutoffMs`; returns how many. */
  async reapStaging(cutoffMs: number): Promise<number> {
    let reaped = 0;
    for (const adapter of new Set(this.mounts.loaded())) reaped += (await adapter.reapStaging(cutoffMs)).length;
    return reaped;
  }

  async createDirectory(location: UfsLocation__Output | null): Promise<void> {
    const { adapter, bucket } = await this.resolveBucket(location);
    await adapter.createDirectory(bucket);
  }

  async deleteDirectory(location: UfsLocation__Output | null): Promise<void> {
    const { adapter, bucket } = await this.resolveBucket(location);
    await adapter.deleteDirectory(bucket);
  }
}
