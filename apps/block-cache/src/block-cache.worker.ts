import { resolve } from 'node:path';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { SiltConfig } from '../../../libs/config/src/schema';
import { membershipClient, ufsClient, type Typed } from '../../../libs/grpc/src/clients';
import { startGrpcServer, type RunningGrpcServer } from '../../../libs/grpc/src/server';
import { blockCacheServiceBinding } from './grpc/block-cache.grpc-controller';
import { startReadServer, type RunningReadServer } from './http/read-server';
import { DERIVED_KEY_WARNING, redirectKeyOf } from '../../../libs/block-cache-client/src/redirect-signing';
import { MembershipAgent, type MembershipApi } from './membership/membership-agent';
import { DiskTier } from './pages/disk-tier';
import { MemoryTier } from './pages/memory-tier';
import { PageStore, type PageSource } from './pages/page-store';
import { UfsPageSource } from './read-through';

/** What a worker talks to; each defaults to the real service at the configured address. */
export interface BlockCacheWorkerPorts {
  log?: Logger;
  /** Where missing pages come from (default: the ufs service at ufs.host:ufs.port). */
  source?: PageSource;
  /** MembershipService (default: metadata.host:metadata.port); null = do not register (tests, standalone use). */
  membership?: MembershipApi | null;
}

/**
 * One cache worker: the page store, its gRPC service, its HTTP read port and its membership heartbeat. Framework-free
 * (start/stop); BlockCacheModule runs it under Nest's lifecycle.
 */
export class BlockCacheWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly store: PageStore;
  readonly diskDir: string;
  private readonly disk: DiskTier;
  private readonly log: Logger;
  private readonly clients: Array<Typed<never>> = [];
  private readonly membershipApi: MembershipApi | null;
  private grpc?: RunningGrpcServer;
  private http?: RunningReadServer;
  private agent?: MembershipAgent;

  constructor(
    private readonly config: SiltConfig,
    ports: BlockCacheWorkerPorts = {},
  ) {
    this.log = ports.log ?? pino({ level: 'silent' });
    this.diskDir = resolve(config['cache.disk.dir']);
    const eviction = config['cache.eviction'];
    this.disk = new DiskTier({ dir: this.diskDir, capacityBytes: config['cache.disk.capacity'], eviction });
    let source = ports.source;
    if (!source) {
      const ufs = ufsClient(`${config['ufs.host']}:${config['ufs.port']}`);
      this.clients.push(ufs as unknown as Typed<never>);
      source = new UfsPageSource(ufs);
    }
    this.store = new PageStore({
      pageSizeBytes: config['cache.pageSize'],
      memory: new MemoryTier(config['cache.memory.capacity'], eviction),
      disk: this.disk,
      source,
    });
    if (ports.membership === undefined) {
      const client = membershipClient(`${config['metadata.host']}:${config['metadata.port']}`);
      this.clients.push(client as unknown as Typed<never>);
      this.membershipApi = client.api;
    } else {
      this.membershipApi = ports.membership;
    }
  }

  get grpcPort(): number {
    return this.grpc?.port ?? 0;
  }

  get httpPort(): number {
    return this.http?.port ?? 0;
  }

  /** `cache.workerId`, or "<cache.host>:<grpc port>". */
  get workerId(): string {
    return this.config['cache.workerId'] || `${this.config['cache.advertiseHost'] || this.config['cache.host']}:${this.grpcPort || this.config['cache.port']}`;
  }

  async start(): Promise<void> {
    const host = this.config['cache.host'];
    await this.disk.open();
    // The worker id may name the bound port (cache.port 0), so the service asks for it when GetStats runs.
    this.grpc = await startGrpcServer(host, this.config['cache.port'], [blockCacheServiceBinding(this.store, () => this.workerId)]);
    // Redirected GETs (signed by the gateways) are served only where redirects are enabled.
    let redirectKey: Buffer | undefined;
    if (this.config['s3.redirect.enabled']) {
      // `s3.redirect.secret` (or the legacy SILT_REDIRECT_SECRET), as on the gateways; the secret is never logged.
      const { key, derived } = redirectKeyOf(this.config);
      if (derived) this.log.warn(DERIVED_KEY_WARNING);
      redirectKey = key;
    }
    this.http = await startReadServer(host, this.config['cache.httpPort'], this.store, this.log, { redirectKey });
    if (this.membershipApi) {
      this.agent = new MembershipAgent(
        this.membershipApi,
        { worker_id: this.workerId, host: this.config['cache.advertiseHost'] || host, grpc_port: this.grpcPort, http_port: this.httpPort, data_dir: this.diskDir },
        { heartbeatIntervalMs: this.config['cache.heartbeat.interval'], log: this.log },
      );
      this.agent.start();
    }
  }

  async stop(): Promise<void> {
    this.agent?.stop();
    await Promise.all([this.grpc?.stop(), this.http?.stop()]);
    await Promise.race([this.store.flush(), new Promise((r) => setTimeout(r, 2_000).unref())]);
    for (const c of this.clients) c.close();
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
