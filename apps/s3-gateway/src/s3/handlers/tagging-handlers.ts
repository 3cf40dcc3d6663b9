import { validateObjectKey } from '../../../../../libs/s3-protocol/src/validation/names';
import { parseTaggingXml, renderTagging } from '../../../../../libs/tagging/src/tag-set';
import { TaggingService } from '../../../../../libs/tagging/src/tagging.service';
import { readSmallBody } from '../body';
import { sendEmpty, sendXml } from '../responses';
import type { S3Handler, S3Request } from '../s3-request';
import { BucketDirectory, type GatewayServices } from '../services';
import { ROOT_MOUNT_ID } from '../../../../../libs/mounts/src/mount-spec';

/** A Tagging document of 10 (or, unrestricted, many more) tags is a few KiB; anything near this is not one. */
const MAX_TAGGING_BODY_BYTES = 64 * 1024;

/**
 * Put/Get/DeleteObjectTagging and Put/Get/DeleteBucketTagging: HTTP glue around TaggingService (libs/tagging),
 * which validates and persists through metadata. Object-tag writes invalidate every gateway's cached record (metadata
 * does it before answering), so GetObjectTagging reads the record cache like HEAD does and still sees the last Put.
 */
export function taggingHandlers(
  s: GatewayServices,
  tagging = new TaggingService(s.metadata, { restrictions: s.config['s3.tagging.restrictions.enabled'] }),
) {
  const GetObjectTagging: S3Handler = async (req) => {
    validateObjectKey(req.key);
    const record = await s.records.get(req.bucket, req.key);
    sendXml(req, 200, renderTagging(record.tags ?? []));
  };

  /**
   * Silt's record is the tag set clients read; where the UFS keeps tags too (an S3 mount), they are mirrored there for
   * other readers of that bucket. Best effort: a failed mirror is logged, the answer stands.
   */
  async function mirrorTags(req: S3Request, tags: Array<{ key: string; value: string }>): Promise<void> {
    // Where the object lives follows from its (cached) bucket: no record fetch per tagging call.
    const location = BucketDirectory.locate(await s.buckets.get(req.bucket), req.key);
    if (location.mount_id === ROOT_MOUNT_ID) return;
    try {
      await s.ufs.api.SetObjectTags({ location, tags }, { timeoutMs: 30_000 });
    } catch (err) {
      s.log.warn({ bucket: req.bucket, key: req.key, err: (err as Error).message }, 'tags not mirrored to the UFS object');
    }
  }

  const PutObjectTagging: S3Handler = async (req) => {
    validateObjectKey(req.key);
    const tags = parseTaggingXml(await readSmallBody(req, MAX_TAGGING_BODY_BYTES));
    await tagging.putObjectTags(req.bucket, req.key, tags, { signal: req.signal });
    s.records.invalidateLocal(req.bucket, req.key);
    await mirrorTags(req, tags);
    sendEmpty(req, 200);
  };

  const DeleteObjectTagging: S3Handler = async (req) => {
    validateObjectKey(req.key);
    await tagging.deleteObjectTags(req.bucket, req.key, { signal: req.signal });
    s.records.invalidateLocal(req.bucket, req.key);
    await mirrorTags(req, []);
    sendEmpty(req, 204);
  };

  const GetBucketTagging: S3Handler = async (req) => {
    sendXml(req, 200, renderTagging(await tagging.getBucketTags(req.bucket, { signal: req.signal })));
  };

  // S3 answers PutBucketTagging with 204 (PutObjectTagging with 200).
  const PutBucketTagging: S3Handler = async (req) => {
    const tags = parseTaggingXml(await readSmallBody(req, MAX_TAGGING_BODY_BYTES));
    await tagging.putBucketTags(req.bucket, tags, { signal: req.signal });
    sendEmpty(req, 204);
  };

  const DeleteBucketTagging: S3Handler = async (req) => {
    await tagging.deleteBucketTags(req.bucket, { signal: req.signal });
    sendEmpty(req, 204);
  };

  return { GetObjectTagging, PutObjectTagging, DeleteObjectTagging, GetBucketTagging, PutBucketTagging, DeleteBucketTagging };
}

