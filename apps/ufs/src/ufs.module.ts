import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { SiltConfig } from '../../../libs/config/src/schema';
import { startGrpcServer, type RunningGrpcServer } from '../../../libs/grpc/src/server';
import { LocalUfsAdapter } from './adapters/local/local-adapter';
import { withSlowUfs } from './adapters/slow/slow-adapter';
import type { UfsAdapter } from './adapters/ufs-adapter';
import { ufsServiceBinding } from './grpc/ufs.grpc-service';
import { StagingReaper } from './staging-reaper';
import { mountClient } from '../../../libs/grpc/src/clients';
import { MountRegistry } from './mount-registry';
import { UfsOperations } from './ufs-operations';

export const UFS_CONFIG = Symbol('UFS_CONFIG');
export const UFS_ROOT_ADAPTER = Symbol('UFS_ROOT_ADAPTER');

/**
 * The UfsService gRPC server and the multipart staging reaper: started when the module initialises, stopped (the
 * server with a grace period) on shutdown.
 */
@Injectable()
export class UfsGrpcServer implements OnModuleInit, OnApplicationShutdown {
  private running?: RunningGrpcServer;

  constructor(
    @Inject(UFS_CONFIG) private readonly config: SiltConfig,
    @Inject(UFS_ROOT_ADAPTER) private readonly root: LocalUfsAdapter,
    private readonly ops: UfsOperations,
    private readonly reaper: StagingReaper,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.root.start();
    this.running = await startGrpcServer(this.config['ufs.host'], this.config['ufs.port'], [ufsServiceBinding(this.ops)]);
    this.reaper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reaper.stop();
    await this.running?.stop();
    this.running = undefined;
  }

  /** `host:port` actually bound (the port is real even when configured as 0). */
  get address(): string {
    if (!this.running) throw new Error('UfsGrpcServer is not started');
    return `${this.config['ufs.host']}:${this.running.port}`;
  }
}

@Module({})
export class UfsModule {
  static forRoot(config: SiltConfig, log?: Pick<Logger, 'info' | 'error'>): DynamicModule {
    return {
      module: UfsModule,
      providers: [
        { provide: UFS_CONFIG, useValue: config },
        {
          provide: UFS_ROOT_ADAPTER,
          useFactory: () => new LocalUfsAdapter({
              root: config['ufs.root'],
              fsync: config['ufs.fsync'],
              directoriesAsObjects: config['s3.listing.directoriesAsObjects'],
              ...(!config['multipart.assembleInPlace'] && { minSlotBytes: Number.POSITIVE_INFINITY }),
            }),
        },
        {
          provide: UfsOperations,
          // Mounts other than the root come from the metadata service's mount table, on first use.
          // `ufs.slow.*` (benchmarks) puts a simulated remote store's latency and bandwidth in front of every mount.
          useFactory: (root: UfsAdapter) => {
            if (config['ufs.slow.enabled']) {
              log?.info({ firstByteLatencyMs: config['ufs.slow.firstByteLatency'], bandwidth: config['ufs.slow.bandwidth'] }, 'ufs.slow: simulated remote store');
            }
            const mounts = mountClient(`${config['metadata.host']}:${config['metadata.port']}`);
            const lookup = async (mountId: string) => (await mounts.api.GetMount({ mount_id: mountId, include_secrets: true }, { timeoutMs: 10_000 })).mount ?? undefined;
            return new UfsOperations(new MountRegistry(withSlowUfs(root, config), lookup, { fsync: config['ufs.fsync'], directoriesAsObjects: config['s3.listing.directoriesAsObjects'], log, wrap: (a) => withSlowUfs(a, config) }));
          },
          inject: [UFS_ROOT_ADAPTER],
        },
        {
          provide: StagingReaper,
          useFactory: (ops: UfsOperations) =>
            new StagingReaper(ops, { expiryMs: config['multipart.expiry'], intervalMs: config['multipart.reaper.interval'], log }),
          inject: [UfsOperations],
        },
        UfsGrpcServer,
      ],
      exports: [UfsOperations, UfsGrpcServer, StagingReaper, UFS_ROOT_ADAPTER],
    };
  }
}
