import type { ObjectRecord__Output } from '../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { WorkerInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';

const MiB = 1024 * 1024;

/**
 * A large object is loaded in calls of this many bytes: the progress bar moves between them, and one call never
 * holds a worker's load slot for long. LoadObject takes the pages whose first byte lies in each range, so the
 * ranges split the object's pages exactly whatever the worker's page size.
 */
export const LOAD_CHUNK_BYTES = 64 * MiB;

export interface ByteRange {
  offset: number;
  length: number;
}

/** [0, size) cut into consecutive ranges of at most `chunkBytes`; none for an empty object. */
export function rangesOf(size: number, chunkBytes = LOAD_CHUNK_BYTES): ByteRange[] {
  if (!(chunkBytes > 0)) throw new Error('chunkBytes must be positive');
  const out: ByteRange[] = [];
  for (let offset = 0; offset < size; offset += chunkBytes) out.push({ offset, length: Math.min(chunkBytes, size - offset) });
  return out;
}

/** The key the ring places an object by: the same the gateway reads it by (apps/s3-gateway/src/data/object-reader.ts). */
export function ringKeyOf(record: Pick<ObjectRecord__Output, 'location' | 'key'>): string {
  return record.location?.path ?? record.key;
}

/** What loading one object means: its owner and the LoadObject calls to make there, in order. */
export interface LoadStep {
  record: ObjectRecord__Output;
  owner: WorkerInfo__Output;
  ranges: ByteRange[];
}

/** The owner of the object on the ring (`order` puts it first) and its ranges; undefined when no worker is live. */
export function planObject(
  record: ObjectRecord__Output,
  order: (ringKey: string) => readonly WorkerInfo__Output[],
  chunkBytes = LOAD_CHUNK_BYTES,
): LoadStep | undefined {
  const owner = order(ringKeyOf(record))[0];
  if (!owner) return undefined;
  return { record, owner, ranges: rangesOf(Number(record.size), chunkBytes) };
}
