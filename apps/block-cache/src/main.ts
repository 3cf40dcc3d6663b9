import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '../../../libs/runtime/src/service-process';
import { BlockCacheModule } from './block-cache.module';
import { BlockCacheWorker } from './block-cache.worker';

runServiceProcess('block-cache', async (config, log) => {
  const app = await NestFactory.createApplicationContext(BlockCacheModule.forRoot(config, { log }), { logger: false });
  const worker = app.get(BlockCacheWorker);
  const host = config['cache.host'];
  log.info(
    { workerId: worker.workerId, grpc: `${host}:${worker.grpcPort}`, http: `http://${host}:${worker.httpPort}`, diskDir: worker.diskDir },
    'listening',
  );
  return { stop: () => app.close() };
});
