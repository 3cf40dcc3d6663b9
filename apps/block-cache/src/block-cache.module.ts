import { Module, type DynamicModule } from '@nestjs/common';
import type { SiltConfig } from '../../../libs/config/src/schema';
import { BlockCacheWorker, type BlockCacheWorkerPorts } from './block-cache.worker';

/**
 * A cache worker as a Nest module: its servers start in onApplicationBootstrap and stop in onApplicationShutdown.
 * Import it anywhere (the cluster launcher, tests) with `BlockCacheModule.forRoot(config)`; get the running worker
 * (ports, store) with `app.get(BlockCacheWorker)`.
 */
@Module({})
export class BlockCacheModule {
  static forRoot(config: SiltConfig, ports: BlockCacheWorkerPorts = {}): DynamicModule {
    return {
      module: BlockCacheModule,
      providers: [{ provide: BlockCacheWorker, useFactory: () => new BlockCacheWorker(config, ports) }],
      exports: [BlockCacheWorker],
    };
  }
}
