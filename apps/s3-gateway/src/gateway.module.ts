import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { SiltConfig } from '../../../libs/config/src/schema';
import { membershipClient, metadataClient, multipartClient, ufsClient, ufsUploadClient } from '../../../libs/grpc/src/clients';
import type { Operation } from '../../../libs/s3-protocol/src/routing/routes';
import { ObjectReader } from './data/object-reader';
import { RecordCache } from './data/record-cache';
import { ShortCircuitReader } from './data/short-circuit';
import { WorkerRing } from '../../../libs/block-cache-client/src/worker-ring';
import { S3Router } from './http/s3-router';
import { attributesHandlers } from './s3/handlers/attributes-handlers';
import { bucketHandlers } from './s3/handlers/bucket-handlers';
import { multipartHandlers } from './s3/handlers/multipart-handlers';
import { listHandlers } from './s3/handlers/list-handlers';
import { objectReadHandlers } from './s3/handlers/object-read-handlers';
import { objectWriteHandlers } from './s3/handlers/object-write-handlers';
import { probeHandlers } from './s3/handlers/probe-handlers';
import { taggingHandlers } from './s3/handlers/tagging-handlers';
import type { S3Handler } from './s3/s3-request';
import { BucketDirectory, type GatewayServices } from './s3/services';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
export const GATEWAY_SERVICES = Symbol('GATEWAY_SERVICES');

/** Builds the clients every handler shares, and the ring of block-cache workers. */
export class GatewayRuntime implements OnModuleInit, OnApplicationShutdown {
  readonly services: GatewayServices;
  readonly ring: WorkerRing;
  readonly router: S3Router;
  private readonly records: RecordCache;
  private readonly closers: (() => void)[] = [];

  constructor(@Inject(GATEWAY_CONFIG) config: SiltConfig, @Inject(GATEWAY_LOGGER) log: Logger) {
    const metadataAddress = `${config['metadata.host']}:${config['metadata.port']}`;
    const metadata = metadataClient(metadataAddress);
    const membership = membershipClient(metadataAddress);
    const multipart = multipartClient(metadataAddress);
    const ufsAddress = `${config['ufs.host']}:${config['ufs.port']}`;
    const ufs = ufsClient(ufsAddress);
    const ufsUploads = ufsUploadClient(ufsAddress);
    this.ring = new WorkerRing(membership, log);
    const shortCircuit = config['cache.shortCircuit.enabled'] ? new ShortCircuitReader(config['cache.pageSize'], log) : undefined;
    const reader = new ObjectReader(this.ring, ufs, log, shortCircuit);
    // A cached record may be at most one metadata-sync interval old: after that, metadata re-checks the UFS
    // (objects changed behind Silt's back). -1 (never re-check) keeps the 30 s safety net.
    const syncMs = config['metadata.sync.interval'];
    this.records = new RecordCache(metadata, { log, ttlMs: syncMs < 0 ? 30_000 : Math.max(1, Math.min(syncMs, 30_000)) });
    this.services = { config, log, metadata, ufs, ufsUploads, reader, buckets: new BucketDirectory(metadata), records: this.records };
    const handlers: Partial<Record<Operation, S3Handler>> = {
      ...bucketHandlers(this.services),
      ...listHandlers(this.services),
      ...objectReadHandlers(this.services),
      ...objectWriteHandlers(this.services),
      ...multipartHandlers(this.services, multipart),
      ...taggingHandlers(this.services),
      ...probeHandlers(this.services),
      ...attributesHandlers(this.services),
    };
    this.router = new S3Router(handlers, config, log);
    this.closers.push(() => this.ring.stop(), () => reader.close(), () => void this.records.stop(), () => metadata.close(), () => membership.close(), () => multipart.close(), () => ufs.close(), () => ufsUploads.close());
  }

  async onModuleInit(): Promise<void> {
    await this.ring.start();
    this.records.start();
  }

  onApplicationShutdown(): void {
    for (const close of this.closers) close();
  }
}

/** The S3 facade's module: reusable by another Nest app that wants the same handlers on its own HTTP server. */
@Module({})
export class GatewayModule {
  static forRoot(config: SiltConfig, log: Logger): DynamicModule {
    return {
      module: GatewayModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GATEWAY_LOGGER, useValue: log },
        GatewayRuntime,
      ],
      exports: [GatewayRuntime],
    };
  }
}
