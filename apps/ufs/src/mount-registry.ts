import type { Logger } from 'pino';
import type { MountInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/MountInfo';
import { parseUfsUri, redactOptions } from '../../../libs/mounts/src/mount-spec';
import { LocalUfsAdapter } from './adapters/local/local-adapter';
import { S3UfsAdapter } from './adapters/s3/s3-adapter';
import type { UfsAdapter } from './adapters/ufs-adapter';
import type { MountResolver } from './ufs-operations';
import { ROOT_MOUNT_ID } from '../../../libs/mounts/src/mount-spec';

/** Finds a mount (with its credentials) by id: the metadata service's MountService.GetMount. */
export type MountLookup = (mountId: string) => Promise<MountInfo__Output | undefined>;

/**
 * The ufs service's adapters by mount id. The root mount is given; every other mount is looked up in the metadata
 * service's mount table on first use and its adapter built then (a local directory mounted as one bucket, or an S3
 * bucket/prefix), so a mount made after this process started works at once. An adapter is kept until this process
 * ends: an unmounted mount's bucket is gone from the namespace, so nothing asks for it any more.
 */
export class MountRegistry implements MountResolver {
  private readonly adapters = new Map<string, Promise<UfsAdapter | undefined>>();
  private readonly built: UfsAdapter[] = [];

  constructor(
    root: UfsAdapter,
    private readonly lookup: MountLookup,
    private readonly options: { fsync: boolean; directoriesAsObjects?: boolean; log?: Pick<Logger, 'info'>; wrap?: (a: UfsAdapter) => UfsAdapter },
  ) {
    this.adapters.set(ROOT_MOUNT_ID, Promise.resolve(root));
    this.built.push(root);
  }

  get(mountId: string): Promise<UfsAdapter | undefined> {
    let adapter = this.adapters.get(mountId);
    if (!adapter) {
      adapter = this.build(mountId);
      this.adapters.set(mountId, adapter);
      // A failed lookup (metadata down, an unknown id) is not remembered: the next call tries again.
      adapter.then((a) => a === undefined && this.adapters.delete(mountId), () => this.adapters.delete(mountId));
    }
    return adapter;
  }

  loaded(): Iterable<UfsAdapter> {
    return this.built;
  }

  private async build(mountId: string): Promise<UfsAdapter | undefined> {
    const mount = await this.lookup(mountId);
    if (!mount) return undefined;
    const adapter = adapterFor(mount, this.options.fsync, this.options.directoriesAsObjects);
    if (adapter instanceof LocalUfsAdapter) await adapter.start();
    this.options.log?.info({ mountId, mountPoint: mount.mount_point, ufsUri: mount.ufs_uri, options: redactOptions(mount.options) }, 'mount attached');
    const wrapped = this.options.wrap ? this.options.wrap(adapter) : adapter;
    this.built.push(wrapped);
    return wrapped;
  }

  async close(): Promise<void> {
    for (const a of this.built) await a.close?.().catch(() => undefined);
  }
}

/** The adapter a mount's URI and options call for. Credentials go to the SDK only; nothing here logs them. */
/** `directoriesAsObjects` (`s3.listing.directoriesAsObjects`) concerns local directories only: an S3 backend's `dir/` is an object already. */
export function adapterFor(mount: MountInfo__Output, fsync: boolean, directoriesAsObjects = false): UfsAdapter {
  const uri = parseUfsUri(mount.ufs_uri);
  const bucket = mount.mount_point.replace(/^\//, '');
  if (uri.kind === 'local') return new LocalUfsAdapter({ root: uri.dir, fsync, singleBucket: true, directoriesAsObjects });
  const o = mount.options;
  const credentials =
    o['s3.accessKeyId'] !== undefined
      ? { accessKeyId: o['s3.accessKeyId'], secretAccessKey: o['s3.secretAccessKey'] ?? '', ...(o['s3.sessionToken'] ? { sessionToken: o['s3.sessionToken'] } : {}) }
      : undefined;
  return new S3UfsAdapter({
    bucket: uri.bucket,
    prefix: uri.prefix,
    endpoint: o['s3.endpoint'] || undefined,
    region: o['s3.region'] || 'us-east-1',
    // Without keys in the mount's options, the SDK's default chain (environment, profile, instance role) applies.
    credentials: credentials as { accessKeyId: string; secretAccessKey: string },
    forcePathStyle: o['s3.forcePathStyle'] === 'true',
    mountBucket: bucket,
  });
}
