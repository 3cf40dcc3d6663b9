// Rows of the embedded store and their mapping to the contract's records (JSON columns for maps and lists).
import type { ObjectPart__Output as ObjectPart } from '../../../../libs/grpc/generated/silt/common/v1/ObjectPart';
import type { ListRow } from './listing';
import type { Bucket, ObjectRecord } from './metadata-store';
import type { Part, Upload, UploadState } from './multipart-store';

export interface BucketRow {
  name: string;
  owner: string;
  created_ms: number;
  region: string;
  mount_id: string;
  ufs_path: string;
}

export interface ObjectRow extends ListRow {
  bucket: string;
  content_type: string;
  user_metadata: string;
  system_metadata: string;
  checksums: string;
  checksum_type: string;
  mount_id: string | null;
  ufs_path: string | null;
  ufs_version: string;
  tags: string;
  parts_count: number;
  part_sizes: string;
  /** JSON array of ObjectPart ({part_number, size, checksums}); '[]' when none were recorded (migration 5). */
  parts: string;
  /** When Silt last committed this record (0: made by metadata sync from what the UFS holds). */
  committed_ms?: number;
  /** The metadata sync round that last saw the object in the UFS (0: none yet). */
  sync_round?: number;
}

export interface UploadRow {
  upload_id: string;
  bucket: string;
  key: Buffer;
  initiated_ms: number;
  owner: string;
  content_type: string;
  user_metadata: string;
  system_metadata: string;
  tags: string;
  checksum_algorithm: string;
  checksum_type: string;
  state: UploadState;
  /** When the upload entered its current state: initiation for ACTIVE, completion or abort otherwise (purge age). */
  state_ms: number;
  mount_id: string | null;
  ufs_path: string | null;
  result: string | null; // JSON ObjectRecord, COMPLETED only
  storage_class: string;
}

export interface PartRow {
  upload_id: string;
  part_number: number;
  size: number;
  etag: string;
  last_modified_ms: number;
  checksums: string;
  mount_id: string | null;
  ufs_path: string | null;
  ufs_version: string;
}

type Location = { mount_id: string; path: string } | null | undefined;

export function unquote(etag: string): string {
  return etag.length >= 2 && etag.startsWith('"') && etag.endsWith('"') ? etag.slice(1, -1) : etag;
}

export function bucketOf(row: BucketRow): Bucket {
  return {
    name: row.name,
    owner: row.owner,
    created_ms: row.created_ms,
    region: row.region,
    location: { mount_id: row.mount_id, path: row.ufs_path },
  };
}

const locationOf = (mountId: string | null, path: string | null) => (mountId === null ? null : { mount_id: mountId, path: path ?? '' });
const copyLocation = (l: Location) => (l ? { mount_id: l.mount_id, path: l.path } : null);
const copyParts = (parts: readonly Partial<ObjectPart>[] | undefined): ObjectPart[] =>
  (parts ?? []).map((p) => ({ part_number: Number(p.part_number ?? 0), size: Number(p.size ?? 0), checksums: { ...p.checksums } }));
const copyTags = (tags: readonly { key: string; value: string }[] | undefined) => (tags ?? []).map((t) => ({ key: t.key, value: t.value }));

/** Every field present, whatever the caller left out (the gRPC layer always fills them; direct callers may not). */
export function normalized(o: Partial<ObjectRecord> & Pick<ObjectRecord, 'bucket' | 'key'>): ObjectRecord {
  return {
    bucket: o.bucket,
    key: o.key,
    size: Number(o.size ?? 0),
    etag: o.etag ?? '',
    last_modified_ms: Number(o.last_modified_ms ?? 0),
    content_type: o.content_type ?? '',
    user_metadata: { ...o.user_metadata },
    system_metadata: { ...o.system_metadata },
    checksums: { ...o.checksums },
    checksum_type: o.checksum_type ?? '',
    location: copyLocation(o.location),
    ufs_version: o.ufs_version ?? '',
    tags: copyTags(o.tags),
    owner: o.owner ?? '',
    parts_count: o.parts_count ?? 0,
    storage_class: o.storage_class ?? '',
    part_sizes: (o.part_sizes ?? []).map(Number),
    parts: copyParts(o.parts),
  };
}

export function rowOf(object: ObjectRecord, key: Buffer): ObjectRow {
  const o = normalized(object);
  return {
    bucket: o.bucket,
    key,
    size: o.size,
    etag: o.etag,
    last_modified_ms: o.last_modified_ms,
    content_type: o.content_type,
    user_metadata: JSON.stringify(o.user_metadata),
    system_metadata: JSON.stringify(o.system_metadata),
    checksums: JSON.stringify(o.checksums),
    checksum_type: o.checksum_type,
    mount_id: o.location ? o.location.mount_id : null,
    ufs_path: o.location ? o.location.path : null,
    ufs_version: o.ufs_version,
    tags: JSON.stringify(o.tags),
    owner: o.owner,
    parts_count: o.parts_count,
    storage_class: o.storage_class,
    part_sizes: JSON.stringify(o.part_sizes),
    parts: JSON.stringify(o.parts),
  };
}

/** `withParts` false: `parts` left empty (not even parsed), for the reads that need none of it. */
export function recordOf(row: ObjectRow, withParts = true): ObjectRecord {
  return {
    bucket: row.bucket,
    key: row.key.toString('utf8'),
    size: row.size,
    etag: row.etag,
    last_modified_ms: row.last_modified_ms,
    content_type: row.content_type,
    user_metadata: JSON.parse(row.user_metadata) as Record<string, string>,
    system_metadata: JSON.parse(row.system_metadata) as Record<string, string>,
    checksums: JSON.parse(row.checksums) as Record<string, string>,
    checksum_type: row.checksum_type,
    location: locationOf(row.mount_id, row.ufs_path),
    ufs_version: row.ufs_version,
    tags: JSON.parse(row.tags) as { key: string; value: string }[],
    owner: row.owner,
    parts_count: row.parts_count,
    storage_class: row.storage_class,
    part_sizes: JSON.parse(row.part_sizes) as number[],
    // Rows written before migration 5 read back with the column's default, '[]'.
    parts: withParts ? (JSON.parse(row.parts ?? '[]') as ObjectPart[]) : [],
  };
}

/** The row of a new upload: everything the caller described, plus what metadata assigns. */
export function uploadRowOf(u: Partial<Upload>, assigned: { upload_id: string; bucket: string; key: Buffer; now: number }): UploadRow {
  const location = copyLocation(u.location);
  return {
    upload_id: assigned.upload_id,
    bucket: assigned.bucket,
    key: assigned.key,
    initiated_ms: assigned.now,
    owner: u.owner ?? '',
    content_type: u.content_type ?? '',
    user_metadata: JSON.stringify({ ...u.user_metadata }),
    system_metadata: JSON.stringify({ ...u.system_metadata }),
    tags: JSON.stringify(copyTags(u.tags)),
    checksum_algorithm: u.checksum_algorithm ?? '',
    checksum_type: u.checksum_type ?? '',
    state: 'ACTIVE',
    state_ms: assigned.now,
    mount_id: location ? location.mount_id : null,
    ufs_path: location ? location.path : null,
    result: null,
    storage_class: u.storage_class ?? '',
  };
}

export function uploadOf(row: UploadRow): Upload {
  return {
    upload_id: row.upload_id,
    bucket: row.bucket,
    key: row.key.toString('utf8'),
    initiated_ms: row.initiated_ms,
    owner: row.owner,
    content_type: row.content_type,
    user_metadata: JSON.parse(row.user_metadata) as Record<string, string>,
    system_metadata: JSON.parse(row.system_metadata) as Record<string, string>,
    tags: JSON.parse(row.tags) as { key: string; value: string }[],
    checksum_algorithm: row.checksum_algorithm,
    checksum_type: row.checksum_type,
    state: row.state,
    location: locationOf(row.mount_id, row.ufs_path),
    result: row.result === null ? null : (JSON.parse(row.result) as ObjectRecord),
    storage_class: row.storage_class,
  };
}

export function partRowOf(uploadId: string, p: Partial<Part> & Pick<Part, 'part_number'>): PartRow {
  const location = copyLocation(p.location);
  return {
    upload_id: uploadId,
    part_number: p.part_number,
    size: Number(p.size ?? 0),
    etag: p.etag ?? '',
    last_modified_ms: Number(p.last_modified_ms ?? 0),
    checksums: JSON.stringify({ ...p.checksums }),
    mount_id: location ? location.mount_id : null,
    ufs_path: location ? location.path : null,
    ufs_version: p.ufs_version ?? '',
  };
}

export function partOf(row: PartRow): Part {
  return {
    part_number: row.part_number,
    size: row.size,
    etag: row.etag,
    last_modified_ms: row.last_modified_ms,
    checksums: JSON.parse(row.checksums) as Record<string, string>,
    location: locationOf(row.mount_id, row.ufs_path),
    ufs_version: row.ufs_version,
  };
}
