import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { SiltConfig } from '../../../libs/config/src/schema';
import { loadSiltProto } from '../../../libs/grpc/src/loader';
import { startGrpcServer, type RunningGrpcServer } from '../../../libs/grpc/src/server';
import { MembershipRegistry } from './membership/membership-registry';
import { membershipServiceHandlers, metadataServiceHandlers } from './metadata.grpc';
import { mountServiceHandlers } from './mounts.grpc';
import { UfsSync } from './sync/ufs-sync';
import { ufsClient } from '../../../libs/grpc/src/clients';
import { UploadReaper } from './multipart/upload-reaper';
import { multipartServiceHandlers } from './multipart.grpc';
import type { MetadataStore } from './store/metadata-store';
import { SqliteMetadataStore } from './store/sqlite-store';
import { InvalidationHub } from './watch/invalidation-hub';

export const METADATA_CONFIG = Symbol('METADATA_CONFIG');
export const METADATA_STORE = Symbol('METADATA_STORE');
export const METADATA_LOG = Symbol('METADATA_LOG');

export function openMetadataStore(config: SiltConfig): MetadataStore {
  if (config['metadata.store'] === 'postgres') {
    throw new Error('metadata.store=postgres is not available yet; use embedded');
  }
  return new SqliteMetadataStore({ dataDir: config['metadata.dataDir'] });
}

/** The metadata service's gRPC endpoint: bound when the app boots, stopped (then the store closed) on shutdown. */
@Injectable()
export class MetadataGrpcServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running?: RunningGrpcServer;
  /** Gateways' record caches (rpc Watch): every mutation is acked by them before it is answered. */
  readonly invalidations: InvalidationHub;

  constructor(
    @Inject(METADATA_CONFIG) private readonly config: SiltConfig,
    @Inject(METADATA_STORE) private readonly store: MetadataStore,
    @Inject(MembershipRegistry) private readonly membership: MembershipRegistry,
    @Inject(METADATA_LOG) private readonly log: Logger | null,
  ) {
    this.invalidations = new InvalidationHub({ log: log ?? undefined });
    this.ufs = ufsClient(`${config['ufs.host']}:${config['ufs.port']}`);
    this.sync = config['metadata.sync.enabled']
      ? new UfsSync(store, this.ufs, this.invalidations, { intervalMs: config['metadata.sync.interval'], log: log ?? undefined })
      : undefined;
  }
  private readonly ufs: ReturnType<typeof ufsClient>;
  /** Metadata sync with the UFS (see ./sync/ufs-sync.ts); undefined with metadata.sync.enabled=false. */
  readonly sync: UfsSync | undefined;

  /** host:port actually bound (the port is real even when configured as 0). */
  get address(): string {
    if (!this.running) throw new Error('the metadata gRPC server is not running');
    return `${this.config['metadata.host']}:${this.running.port}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Mounts declared in config come up mounted (re-applied each start: their URI and options may have changed).
    for (const m of this.config.mounts) {
      const mount = this.store.mounts.mount({
        mountPoint: m.point,
        ufsUri: m.uri,
        options: m.options,
        owner: this.config['s3.auth.defaultUser'],
        region: this.config['s3.region'],
        fromConfig: true,
      });
      this.log?.info({ mountPoint: mount.mount_point, ufsUri: mount.ufs_uri, mountId: mount.mount_id }, 'mounted (config)');
    }
    const proto = loadSiltProto().silt.metadata.v1;
    this.running = await startGrpcServer(this.config['metadata.host'], this.config['metadata.port'], [
      {
        definition: proto.MetadataService.service,
        implementation: metadataServiceHandlers(this.store, {
          defaultRegion: this.config['s3.region'],
          log: this.log ?? undefined,
          invalidations: this.invalidations,
          sync: this.sync,
        }),
      },
      {
        definition: proto.MultipartService.service,
        implementation: multipartServiceHandlers(this.store.multipart, { log: this.log ?? undefined, invalidations: this.invalidations }),
      },
      { definition: proto.MembershipService.service, implementation: membershipServiceHandlers(this.membership) },
      {
        definition: proto.MountService.service,
        implementation: mountServiceHandlers(this.store.mounts, {
          defaultRegion: this.config['s3.region'],
          log: this.log ?? undefined,
          invalidations: this.invalidations,
        }),
      },
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Watch streams would hold tryShutdown for its whole grace period: end them first (gateways drop their caches).
    this.invalidations.close();
    // Calls under way finish (or are cut after the grace period) before the database closes under them.
    await this.running?.stop();
    this.running = undefined;
    this.ufs.close();
    this.store.close();
  }
}

/** The multipart reaper on its interval, stopped before the store closes (onModuleDestroy precedes shutdown hooks). */
@Injectable()
export class MultipartReaperService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly reaper: UploadReaper;

  constructor(
    @Inject(METADATA_CONFIG) config: SiltConfig,
    @Inject(METADATA_STORE) store: MetadataStore,
    @Inject(METADATA_LOG) log: Logger | null,
  ) {
    this.reaper = new UploadReaper(store.multipart, {
      expiryMs: config['multipart.expiry'],
      intervalMs: config['multipart.reaper.interval'],
      log: log ?? undefined,
    });
  }

  onApplicationBootstrap(): void {
    this.reaper.start();
  }

  onModuleDestroy(): void {
    this.reaper.stop();
  }
}

@Module({})
export class MetadataModule {
  /** Everything the metadata service is, for its own process or embedded in another Nest app. */
  static forRoot(config: SiltConfig, log?: Logger): DynamicModule {
    return {
      module: MetadataModule,
      providers: [
        { provide: METADATA_CONFIG, useValue: config },
        { provide: METADATA_LOG, useValue: log ?? null },
        { provide: METADATA_STORE, useFactory: () => openMetadataStore(config) },
        {
          provide: MembershipRegistry,
          useFactory: () =>
            new MembershipRegistry({
              workerTimeoutMs: config['metadata.worker.timeout'],
              heartbeatIntervalMs: config['cache.heartbeat.interval'],
              onChange: (event, w) =>
                log?.info({ workerId: w.worker_id, host: w.host, grpcPort: w.grpc_port, httpPort: w.http_port }, `worker ${event}`),
            }),
        },
        MetadataGrpcServer,
        MultipartReaperService,
      ],
      exports: [METADATA_STORE, MembershipRegistry, MetadataGrpcServer, MultipartReaperService],
    };
  }
}
