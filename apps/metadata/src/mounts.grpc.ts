import type { MountServiceHandlers } from '../../../libs/grpc/generated/silt/metadata/v1/MountService';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import { invalidating, loggedUnary, type MetadataServiceOptions } from './metadata.grpc';
import type { MountStore } from './store/metadata-store';

/** MountService over the mount table. Mount and Unmount change what GetBucket answers: gateways are told first. */
export function mountServiceHandlers(mounts: MountStore, options: MetadataServiceOptions): MountServiceHandlers {
  const { log, invalidations: hub } = options;
  const bucketOf = (mountPoint: string) => (mountPoint.startsWith('/') ? mountPoint.slice(1) : mountPoint);
  return {
    Mount: loggedUnary('Mount', log, async (req) => {
      const mount = await invalidating(hub, bucketOf(req.mount_point), '', async () =>
        mounts.mount({ mountPoint: req.mount_point, ufsUri: req.ufs_uri, options: req.options ?? {}, owner: req.owner || 'silt', region: options.defaultRegion }),
      );
      return { mount };
    }),
    Unmount: loggedUnary('Unmount', log, async (req) => {
      await invalidating(hub, bucketOf(req.mount_point), '', async () => mounts.unmount(req.mount_point));
      return {};
    }),
    ListMounts: loggedUnary('ListMounts', log, async () => ({ mounts: mounts.list() })),
    GetMount: loggedUnary('GetMount', log, async (req) => {
      const mount = mounts.get(req.mount_id, req.include_secrets);
      if (!mount) throw new S3Error('InvalidArgument', `Unknown mount "${req.mount_id}".`);
      return { mount };
    }),
  };
}
