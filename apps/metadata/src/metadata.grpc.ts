import type { MembershipServiceHandlers } from '../../../libs/grpc/generated/silt/metadata/v1/MembershipService';
import type { MetadataServiceHandlers } from '../../../libs/grpc/generated/silt/metadata/v1/MetadataService';
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { failStream, unary } from '../../../libs/grpc/src/status';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import type { MembershipRegistry } from './membership/membership-registry';
import type { MetadataStore } from './store/metadata-store';
import type { UfsSync } from './sync/ufs-sync';
import type { InvalidationHub } from './watch/invalidation-hub';

export interface MetadataServiceOptions {
  /** Stored on buckets created without one (config `s3.region`). */
  defaultRegion: string;
  /** Where unexpected errors (not S3 answers: a full disk, a bug) are logged once, here, with their stack. */
  log?: Pick<Logger, 'error'>;
  /** Gateways' record caches: mutations are sent to them before being answered. Absent: Watch is UNIMPLEMENTED. */
  invalidations?: InvalidationHub;
  /** Metadata sync with the UFS (config metadata.sync.interval). Absent: the index is all there is. */
  sync?: UfsSync;
}

/**
 * Runs a mutation of bucket/key (key '' = the whole bucket), then, before its caller is answered, has every
 * watching gateway forget what it cached there. An S3Error is a decided answer that changed nothing; any other failure
 * leaves the outcome unknown (a failed COMMIT of a networked store), so it is invalidated too.
 */
export async function invalidating<T>(hub: InvalidationHub | undefined, bucket: string, key: string, fn: () => Promise<T>): Promise<T> {
  if (!hub) return fn();
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    if (!(err instanceof S3Error)) await hub.invalidate(bucket, key);
    throw err;
  }
  const acked = hub.invalidate(bucket, key);
  if (acked) await acked;
  return result;
}

const watchUnimplemented: grpc.handleBidiStreamingCall<unknown, unknown> = (call) => {
  failStream(call, { code: 12 /* UNIMPLEMENTED */, details: 'this metadata service has no invalidation hub' });
};

/** Keys one GetObjects call may name. */
const MAX_GET_OBJECTS = 1000;

/** `unary`, logging what is not an S3 answer: the gateway sees only InternalError and must not be the only witness. */
export function loggedUnary<Req, Res>(
  method: string,
  log: MetadataServiceOptions['log'],
  fn: (request: Req) => Promise<Res> | Res,
): grpc.handleUnaryCall<Req, Res> {
  return unary(async (request: Req) => {
    try {
      return await fn(request);
    } catch (err) {
      if (!(err instanceof S3Error)) log?.error({ err, method }, 'unexpected error');
      throw err;
    }
  });
}

/** MetadataService over a store: every S3Error keeps its code across the wire (see `unary`). */
export function metadataServiceHandlers(store: MetadataStore, options: MetadataServiceOptions): MetadataServiceHandlers {
  const { log, invalidations: hub, sync } = options;
  return {
    CreateBucket: loggedUnary('CreateBucket', log, async (req) => ({
      bucket: await invalidating(hub, req.bucket, '', () =>
        store.createBucket({ name: req.bucket, owner: req.owner, region: req.region || options.defaultRegion }),
      ),
    })),
    GetBucket: loggedUnary('GetBucket', log, async (req) => ({ bucket: await store.getBucket(req.bucket) })),
    DeleteBucket: loggedUnary('DeleteBucket', log, async (req) => {
      await invalidating(hub, req.bucket, '', () => store.deleteBucket(req.bucket));
      sync?.forgetBucket(req.bucket);
      return {};
    }),
    ListBuckets: loggedUnary('ListBuckets', log, async () => ({ buckets: await store.listBuckets() })),

    GetObject: loggedUnary('GetObject', log, async (req) => {
      const checkedAgeMs = sync ? await sync.beforeGet(req.bucket, req.key, req.max_age_ms > 0 ? req.max_age_ms : undefined) : -1;
      return { object: await store.getObject(req.bucket, req.key, { withParts: req.with_parts }), checked_age_ms: checkedAgeMs };
    }),
    GetObjects: loggedUnary('GetObjects', log, async (req) => {
      if (req.keys.length > MAX_GET_OBJECTS) throw new S3Error('InvalidArgument', `GetObjects takes at most ${MAX_GET_OBJECTS} keys.`);
      const ages = sync ? await sync.beforeGetMany(req.bucket, req.keys, req.max_age_ms > 0 ? req.max_age_ms : undefined) : req.keys.map(() => -1);
      const results = await Promise.all(
        req.keys.map(async (key, i) => {
          const age = ages[i];
          if (age instanceof S3Error) return { error_code: age.code, checked_age_ms: 0 };
          try {
            return { object: await store.getObject(req.bucket, key), checked_age_ms: age, error_code: '' };
          } catch (err) {
            if (err instanceof S3Error) return { error_code: err.code, checked_age_ms: age };
            throw err;
          }
        }),
      );
      return { results };
    }),
    CommitObject: loggedUnary('CommitObject', log, async (req) => {
      if (!req.object) throw new S3Error('InvalidArgument', 'CommitObject needs an object record.');
      const record = req.object;
      const { object, replaced } = await invalidating(hub, record.bucket, record.key, () =>
        store.commitObject({
          object: record,
          ifNoneMatchAny: req.if_none_match_any,
          ifMatchEtag: req.if_match_etag, // proto3 optional: undefined when the caller did not set it
        }),
      );
      sync?.noteWritten(record.bucket, record.key);
      return replaced ? { object, replaced } : { object };
    }),
    DeleteObject: loggedUnary('DeleteObject', log, async (req) => {
      const deleted = await invalidating(hub, req.bucket, req.key, () => store.deleteObject(req.bucket, req.key, req.if_ufs_version));
      return deleted ? { deleted } : {};
    }),
    ListObjects: loggedUnary('ListObjects', log, async (req) => {
      await sync?.beforeList(req.bucket, req.prefix);
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
    // Object tags are part of the record GetObject answers (x-amz-tagging-count), so their writes invalidate it.
    GetObjectTagging: loggedUnary('GetObjectTagging', log, async (req) => ({ tags: await store.getObjectTags(req.bucket, req.key) })),
    PutObjectTagging: loggedUnary('PutObjectTagging', log, async (req) => {
      await invalidating(hub, req.bucket, req.key, () => store.putObjectTags(req.bucket, req.key, req.tags));
      return {};
    }),
    DeleteObjectTagging: loggedUnary('DeleteObjectTagging', log, async (req) => {
      await invalidating(hub, req.bucket, req.key, () => store.putObjectTags(req.bucket, req.key, []));
      return {};
    }),
    // Bucket tags are not in GetBucket's answer: nothing a gateway caches changes, nothing to invalidate.
    GetBucketTagging: loggedUnary('GetBucketTagging', log, async (req) => ({ tags: await store.getBucketTags(req.bucket) })),
    PutBucketTagging: loggedUnary('PutBucketTagging', log, async (req) => {
      await store.putBucketTags(req.bucket, req.tags);
      return {};
    }),
    DeleteBucketTagging: loggedUnary('DeleteBucketTagging', log, async (req) => {
      await store.putBucketTags(req.bucket, []);
      return {};
    }),
    Watch: hub ? hub.handler : watchUnimplemented,
    SyncObject: loggedUnary('SyncObject', log, async (req) => {
      if (!sync) {
        let object;
        try {
          object = await store.getObject(req.bucket, req.key);
        } catch (err) {
          if (!(err instanceof S3Error && err.code === 'NoSuchKey')) throw err;
        }
        return { object, changed: false };
      }
      const { object, changed } = await sync.syncObject(req.bucket, req.key);
      return { object, changed };
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
