import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { validateBucketName } from '../../../../../libs/s3-protocol/src/validation/names';
import { checkFeatureHeaders, checkLocationConstraint } from '../../../../../libs/s3-protocol/src/validation/unsupported-features';
import { toS3Error } from '../../http/s3-router';
import {
  parseCreateBucketConfiguration,
  renderListAllMyBuckets,
  renderLocationConstraint,
} from '../../../../../libs/s3-protocol/src/xml/documents';
import { readSmallBody } from '../body';
import { sendEmpty, sendXml } from '../responses';
import type { S3Handler, S3Request } from '../s3-request';
import type { GatewayServices } from '../services';
import { ROOT_MOUNT_ID } from '../../../../../libs/mounts/src/mount-spec';

export function bucketHandlers(s: GatewayServices) {
  const ListBuckets: S3Handler = async (req) => {
    const { buckets } = await s.metadata.api.ListBuckets({});
    sendXml(
      req,
      200,
      renderListAllMyBuckets({
        owner: { id: req.user, displayName: req.user },
        buckets: buckets.map((b) => ({ name: b.name, creationDate: new Date(b.created_ms) })),
      }),
    );
  };

  const CreateBucket: S3Handler = async (req) => {
    validateBucketName(req.bucket);
    checkFeatureHeaders(req.headers, 'create-bucket');
    const body = await readSmallBody(req, 64 * 1024);
    const { locationConstraint } = parseCreateBucketConfiguration(body);
    const region = s.config['s3.region'];
    checkLocationConstraint(locationConstraint, region);
    await s.ufs.api.CreateDirectory({ location: { mount_id: ROOT_MOUNT_ID, path: req.bucket } });
    try {
      await s.metadata.api.CreateBucket({ bucket: req.bucket, owner: req.user, region });
    } catch (err) {
      // S3 in us-east-1 answers 200 to its owner re-creating a bucket (legacy behaviour scripts rely on); every other
      // region says 409 BucketAlreadyOwnedByYou. Another owner's bucket is 409 BucketAlreadyExists everywhere.
      if (!(region === 'us-east-1' && toS3Error(err).code === 'BucketAlreadyOwnedByYou')) throw err;
    }
    s.buckets.forget(req.bucket);
    sendEmpty(req, 200, { location: `/${req.bucket}` });
  };

  const HeadBucket: S3Handler = async (req) => {
    const bucket = await existing(req);
    sendEmpty(req, 200, { 'x-amz-bucket-region': bucket.region || s.config['s3.region'] });
  };

  const DeleteBucket: S3Handler = async (req) => {
    await s.metadata.api.DeleteBucket({ bucket: req.bucket });
    s.buckets.forget(req.bucket);
    try {
      await s.ufs.api.DeleteDirectory({ location: { mount_id: ROOT_MOUNT_ID, path: req.bucket } });
    } catch (err) {
      // The bucket is gone from the namespace; stray files in its directory are the UFS's business.
      s.log.warn({ bucket: req.bucket, err: (err as Error).message }, 'bucket directory left in the UFS');
    }
    sendEmpty(req, 204);
  };

  const GetBucketLocation: S3Handler = async (req) => {
    const bucket = await existing(req);
    sendXml(req, 200, renderLocationConstraint(bucket.region || s.config['s3.region']));
  };

  async function existing(req: S3Request) {
    const { bucket } = await s.metadata.api.GetBucket({ bucket: req.bucket });
    if (!bucket) throw new S3Error('NoSuchBucket', undefined, { BucketName: req.bucket });
    return bucket;
  }

  return { ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation };
}
