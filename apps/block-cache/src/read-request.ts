import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import type { ObjectRef } from '../../../libs/block-cache-client/src/page-math';

/** A validated read: which object version, and which bytes (length -1 = to the end). */
export interface ReadCommand {
  ref: ObjectRef;
  offset: number;
  length: number;
}

function isCount(n: number, min = 0): boolean {
  return Number.isSafeInteger(n) && n >= min;
}

/**
 * Checks what both the gRPC and the HTTP side receive. A version is required: pages are keyed by it, and a read
 * without one could serve bytes of any version.
 */
export function readCommandOf(fields: {
  mountId: string;
  path: string;
  version: string;
  sizeBytes: number;
  offset: number;
  length: number;
}): ReadCommand {
  const bad = (what: string) => new S3Error('InvalidArgument', `ReadRequest: ${what}`);
  if (!fields.mountId) throw bad('mount is required');
  if (!fields.path) throw bad('path is required');
  if (!fields.version) throw bad('ufs_version is required');
  if (fields.mountId.includes('\0') || fields.path.includes('\0') || fields.version.includes('\0')) throw bad('NUL in a name');
  if (!isCount(fields.sizeBytes)) throw bad('object_size must be a non-negative integer');
  if (!isCount(fields.offset)) throw bad('offset must be a non-negative integer');
  if (!isCount(fields.length, -1)) throw bad('length must be -1 or a non-negative integer');
  const { mountId, path, version, sizeBytes, offset, length } = fields;
  return { ref: { mountId, path, version, sizeBytes }, offset, length };
}
