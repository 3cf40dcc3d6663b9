import 'reflect-metadata';
import { runServiceProcess } from '../../../libs/runtime/src/service-process';
import { createGatewayApp } from './http/gateway-app';

runServiceProcess('s3-gateway', async (config, log) => {
  const app = await createGatewayApp(config, log);
  await app.listen({ host: config['s3.host'], port: config['s3.port'] });
  const address = `http://${config['s3.host']}:${config['s3.port']}`;
  log.info({ address }, 'listening');
  return { stop: () => app.close() };
});
