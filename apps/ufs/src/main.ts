import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '../../../libs/runtime/src/service-process';
import { UfsGrpcServer, UfsModule } from './ufs.module';

// The ufs service process: UfsService over gRPC on ufs.host:ufs.port (SILT_UFS_PORT, SILT_UFS_ROOT, SILT_UFS_FSYNC, ...).
runServiceProcess('ufs', async (config, log) => {
  const app = await NestFactory.createApplicationContext(UfsModule.forRoot(config, log), { logger: false });
  await app.init();
  const address = app.get(UfsGrpcServer).address;
  log.info({ address, root: config['ufs.root'], fsync: config['ufs.fsync'] }, 'listening');
  return { stop: () => app.close() };
});
