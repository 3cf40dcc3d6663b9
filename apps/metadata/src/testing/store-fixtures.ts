import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import type { ObjectRecord } from '../store/metadata-store';
import { ROOT_MOUNT_ID } from '../../../../libs/mounts/src/mount-spec';

/** A complete object record as Silt's own CommitObject would store it (bucket "b" unless overridden). */
export function storeRecord(key: string, over: Partial<ObjectRecord> = {}): ObjectRecord {
  const bucket = over.bucket ?? 'b';
  return {
    bucket,
    key,
    size: 3,
    etag: 'etag-1',
    last_modified_ms: 1_700_000_000_000,
    content_type: 'text/plain',
    user_metadata: {},
    system_metadata: {},
    checksums: {},
    checksum_type: '',
    location: { mount_id: ROOT_MOUNT_ID, path: `${bucket}/${key}` },
    ufs_version: 'v1',
    tags: [],
    owner: 'alice',
    parts_count: 0,
    storage_class: 'STANDARD',
    part_sizes: [],
    parts: [],
    ...over,
  };
}

/** The S3 error code a promise rejects with; throws when it resolves or rejects with anything else. */
export async function s3CodeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof S3Error)) throw new Error(`expected an S3Error, got ${String(err)}`);
  return err.code;
}
