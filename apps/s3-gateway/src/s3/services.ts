import type { Logger } from 'pino';
import type { SiltConfig } from '../../../../libs/config/src/schema';
import type { Bucket__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/Bucket';
import type { MetadataServiceClient } from '../../../../libs/grpc/generated/silt/metadata/v1/MetadataService';
import type { UfsServiceClient } from '../../../../libs/grpc/generated/silt/ufs/v1/UfsService';
import type { UfsLocation } from '../../../../libs/grpc/generated/silt/common/v1/UfsLocation';
import type { Typed } from '../../../../libs/grpc/src/clients';
import type { ObjectReader } from '../data/object-reader';
import type { RecordCache } from '../data/record-cache';
import { ROOT_MOUNT_ID } from '../../../../libs/mounts/src/mount-spec';

/** What every handler works with: the service clients, the cache reader, the configuration. */
export interface GatewayServices {
  config: SiltConfig;
  log: Logger;
  metadata: Typed<MetadataServiceClient>;
  ufs: Typed<UfsServiceClient>;
  /** For body streams (WriteObject): its own connection, sent the chunk buffers uncopied (`ufsUploadClient`). */
  ufsUploads: Typed<UfsServiceClient>;
  reader: ObjectReader;
  buckets: BucketDirectory;
  /** Object records, cached while the metadata service's invalidation stream keeps them coherent. */
  records: RecordCache;
}

/**
 * Bucket records by name, kept for a second: a PUT or GET needs the bucket's UFS location, which almost never
 * changes. Metadata stays the authority — every commit re-checks that the bucket exists.
 */
export class BucketDirectory {
  private readonly entries = new Map<string, { bucket: Bucket__Output; at: number }>();

  constructor(
    private readonly metadata: Typed<MetadataServiceClient>,
    private readonly ttlMs = 1_000,
  ) {}

  async get(name: string): Promise<Bucket__Output> {
    const hit = this.entries.get(name);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.bucket;
    const res = await this.metadata.api.GetBucket({ bucket: name });
    if (!res.bucket) throw new Error('metadata returned no bucket');
    this.entries.set(name, { bucket: res.bucket, at: Date.now() });
    if (this.entries.size > 10_000) this.entries.clear();
    return res.bucket;
  }

  forget(name: string): void {
    this.entries.delete(name);
  }

  /** Where a key of this bucket lives in the UFS. */
  static locate(bucket: Bucket__Output, key: string): UfsLocation {
    const root = bucket.location?.path ?? bucket.name;
    return { mount_id: bucket.location?.mount_id || ROOT_MOUNT_ID, path: root === '' ? key : `${root}/${key}` };
  }
}
