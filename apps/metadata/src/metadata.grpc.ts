import type { MembershipServiceHandlers } from '../../../libs/grpc/generated/silt/metadata/v1/MembershipService';
import type { MetadataServiceHandlers } from '../../../libs/grpc/generated/silt/metadata/v1/MetadataService';
import { unary } from '../../../libs/grpc/src/status';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import type { MembershipRegistry } from './membership/membership-registry';
import type { MetadataStore } from './store/metadata-store';

export interface MetadataServiceOptions {
  /** Stored on buckets created without one (config `s3.region`). */
  defaultRegion: string;
}

/** MetadataService over a store: every S3Error keeps its code across the wire (see `unary`). */
export function metadataServiceHandlers(store: MetadataStore, options: MetadataServiceOptions): MetadataServiceHandlers {
  return {
    CreateBucket: unary(async (req) => ({
      bucket: await store.createBucket({ name: req.bucket, owner: req.owner, region: req.region || options.defaultRegion }),
    })),
    GetBucket: unary(async (req) => ({ bucket: await store.getBucket(req.bucket) })),
    DeleteBucket: unary(async (req) => {
      await store.deleteBucket(req.bucket);
      return {};
    }),
    ListBuckets: unary(async () => ({ buckets: await store.listBuckets() })),

    GetObject: unary(async (req) => ({ object: await store.getObject(req.bucket, req.key) })),
    CommitObject: unary(async (req) => {
      if (!req.object) throw new S3Error('InvalidArgument', 'CommitObject needs an object record.');
      const { object, replaced } = await store.commitObject({
        object: req.object,
        ifNoneMatchAny: req.if_none_match_any,
        ifMatchEtag: req.if_match_etag, // proto3 optional: undefined when the caller did not set it
      });
      return replaced ? { object, replaced } : { object };
    }),
    DeleteObject: unary(async (req) => {
      const deleted = await store.deleteObject(req.bucket, req.key, req.if_ufs_version);
      return deleted ? { deleted } : {};
    }),
    ListObjects: unary(async (req) => {
      const page = await store.listObjects(req.bucket, {
        prefix: req.prefix,
        delimiter: req.delimiter,
        startAfter: req.start_after,
        maxKeys: req.max_keys,
      });
      return {
        objects: page.objects,
        common_prefixes: page.commonPrefixes,
        is_truncated: page.isTruncated,
        next_marker: page.nextMarker,
      };
    }),
  };
}

export function membershipServiceHandlers(registry: MembershipRegistry): MembershipServiceHandlers {
  return {
    RegisterWorker: unary((req) => {
      if (!req.worker) throw new S3Error('InvalidArgument', 'RegisterWorker needs a worker.');
      registry.register(req.worker);
      return { heartbeat_interval_ms: registry.heartbeatIntervalMs };
    }),
    Heartbeat: unary((req) => ({ known: registry.heartbeat(req.worker_id) })),
    ListWorkers: unary(() => ({ workers: registry.list() })),
  };
}
