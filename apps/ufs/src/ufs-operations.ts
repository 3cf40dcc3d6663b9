import type { UfsLocation__Output } from '../../../libs/grpc/generated/silt/common/v1/UfsLocation';
import type { CopyObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/CopyObjectRequest';
import type { CopyObjectResponse } from '../../../libs/grpc/generated/silt/ufs/v1/CopyObjectResponse';
import type { DeleteObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/DeleteObjectRequest';
import type { DeleteObjectResponse } from '../../../libs/grpc/generated/silt/ufs/v1/DeleteObjectResponse';
import type { ReadObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/ReadObjectRequest';
import type { StatObjectResponse } from '../../../libs/grpc/generated/silt/ufs/v1/StatObjectResponse';
import type { WriteObjectHeader__Output } from '../../../libs/grpc/generated/silt/ufs/v1/WriteObjectHeader';
import type { WriteObjectRequest__Output } from '../../../libs/grpc/generated/silt/ufs/v1/WriteObjectRequest';
import type { WriteObjectResponse } from '../../../libs/grpc/generated/silt/ufs/v1/WriteObjectResponse';
import {
  isChecksumAlgorithm,
  parseChecksumValue,
  parseContentMd5,
  type ChecksumAlgorithm,
} from '../../../libs/s3-protocol/src/checksums/checksums';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import type { ObjectStat, UfsAdapter } from './adapters/ufs-adapter';
import { writeAtomically, type WriteExpectations, type WriteResult } from './atomic-write';
import { UfsVersionChanged } from './errors';

const MiB = 1024 * 1024;
/** Bulk bytes travel in bounded chunks (DESIGN: 256 KiB–1 MiB); 1 MiB keeps the message count low. */
export const READ_CHUNK_BYTES = MiB;
export const ROOT_MOUNT = 'root';

export interface ResolvedObject {
  adapter: UfsAdapter;
  bucket: string;
  key: string;
}

export interface OpenedRead {
  stat: ObjectStat;
  chunks: AsyncIterable<Buffer>;
  close(): Promise<void>;
}

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

function toWriteResponse(r: WriteResult): WriteObjectResponse {
  return {
    size: r.size,
    md5_hex: r.md5Hex,
    checksums: r.checksums as Record<string, string>,
    ufs_version: r.version,
    last_modified_ms: r.lastModifiedMs,
  };
}

/**
 * The UfsService operations, free of gRPC plumbing: mount routing, `<bucket>/<key>` paths, version expectations,
 * digests around the adapters' staged writes. The gRPC handlers (./grpc) only move messages in and out.
 */
export class UfsOperations {
  constructor(private readonly mounts: ReadonlyMap<string, UfsAdapter>) {}

  private adapterFor(location: UfsLocation__Output | null | undefined): UfsAdapter {
    if (!location) throw invalid('A UfsLocation is required.');
    const adapter = this.mounts.get(location.mount_id);
    if (!adapter) throw invalid(`Unknown UFS mount "${location.mount_id}".`);
    return adapter;
  }

  /** `<bucket>/<key>` in the mount; the key is everything after the first '/', byte-exact. */
  resolveObject(location: UfsLocation__Output | null | undefined): ResolvedObject {
    const adapter = this.adapterFor(location);
    const path = location!.path;
    const slash = path.indexOf('/');
    if (slash <= 0 || slash === path.length - 1) throw invalid(`UfsLocation.path must be "<bucket>/<key>", got "${path}".`);
    return { adapter, bucket: path.slice(0, slash), key: path.slice(slash + 1) };
  }

  /** `<bucket>` (one trailing '/' allowed). */
  resolveBucket(location: UfsLocation__Output | null | undefined): { adapter: UfsAdapter; bucket: string } {
    const adapter = this.adapterFor(location);
    const bucket = location!.path.endsWith('/') ? location!.path.slice(0, -1) : location!.path;
    if (bucket === '' || bucket.includes('/')) throw invalid(`UfsLocation.path must be "<bucket>", got "${location!.path}".`);
    return { adapter, bucket };
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
      ({ target, expectations } = this.parseWriteHeader(first.value.header));
      staged = await target.adapter.beginWrite(target.bucket, target.key);
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
    return toWriteResponse(result);
  }

  private parseWriteHeader(header: WriteObjectHeader__Output): { target: ResolvedObject; expectations: WriteExpectations } {
    const target = this.resolveObject(header.location);
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
      },
    };
  }

  /** Opens [offset, offset+length) for streaming; the version is checked on the opened file. */
  async readObject(req: ReadObjectRequest__Output, chunkBytes = READ_CHUNK_BYTES): Promise<OpenedRead> {
    const { adapter, bucket, key } = this.resolveObject(req.location);
    const offset = req.offset ?? 0;
    if (offset < 0) throw invalid('ReadObject: offset must not be negative.');
    const reader = await adapter.openRead(bucket, key);
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

  async statObject(location: UfsLocation__Output | null): Promise<StatObjectResponse> {
    const { adapter, bucket, key } = this.resolveObject(location);
    const st = await adapter.stat(bucket, key);
    if (!st) return { exists: false, size: 0, ufs_version: '', last_modified_ms: 0 };
    return { exists: true, size: st.size, ufs_version: st.version, last_modified_ms: st.lastModifiedMs };
  }

  async deleteObject(req: DeleteObjectRequest__Output): Promise<DeleteObjectResponse> {
    const { adapter, bucket, key } = this.resolveObject(req.location);
    return { deleted: await adapter.delete(bucket, key, req.if_version || undefined) };
  }

  /** Server-side copy: streamed through the same digests and atomic commit as a write. */
  async copyObject(req: CopyObjectRequest__Output): Promise<CopyObjectResponse> {
    const source = this.resolveObject(req.source);
    const destination = this.resolveObject(req.destination);
    const algorithms = (req.checksum_algorithms ?? []).map(parseAlgorithm);
    const reader = await source.adapter.openRead(source.bucket, source.key);
    try {
      if (req.source_version && reader.stat.version !== req.source_version) {
        throw new UfsVersionChanged(req.source_version, reader.stat.version);
      }
      const staged = await destination.adapter.beginWrite(destination.bucket, destination.key);
      const result = await writeAtomically(staged, reader.read(0, -1, READ_CHUNK_BYTES), {
        expectedSize: reader.stat.size, // a source shrinking under us fails the copy instead of storing a prefix
        algorithms: [...new Set(algorithms)],
        expected: {},
      });
      return { result: toWriteResponse(result) };
    } finally {
      await reader.close();
    }
  }

  async createDirectory(location: UfsLocation__Output | null): Promise<void> {
    const { adapter, bucket } = this.resolveBucket(location);
    await adapter.createDirectory(bucket);
  }

  async deleteDirectory(location: UfsLocation__Output | null): Promise<void> {
    const { adapter, bucket } = this.resolveBucket(location);
    await adapter.deleteDirectory(bucket);
  }
}
