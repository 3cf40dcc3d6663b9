import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '../../../libs/runtime/src/service-process';
import { MetadataGrpcServer, MetadataModule } from './metadata.module';

runServiceProcess('metadata', async (config, log) => {
  // abortOnError=false: a failure to start reaches runServiceProcess (logged, exit 1) instead of a silent exit.
  const app = await NestFactory.createApplicationContext(MetadataModule.forRoot(config, log), { logger: false, abortOnError: false });
  const address = app.get(MetadataGrpcServer).address;
  log.info({ address, dataDir: config['metadata.dataDir'], store: config['metadata.store'] }, 'listening');
  return { stop: () => app.close() };
});
