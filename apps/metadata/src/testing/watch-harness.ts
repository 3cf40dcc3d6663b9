import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { ObjectRecord } from '../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { Invalidation__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/Invalidation';
import type { MetadataServiceClient } from '../../../../libs/grpc/generated/silt/metadata/v1/MetadataService';
import type { WatchAck } from '../../../../libs/grpc/generated/silt/metadata/v1/WatchAck';
import type { Typed } from '../../../../libs/grpc/src/clients';
import { loadSiltProto } from '../../../../libs/grpc/src/loader';
import { startGrpcServer, type RunningGrpcServer } from '../../../../libs/grpc/src/server';
import { metadataServiceHandlers } from '../metadata.grpc';
import { multipartServiceHandlers } from '../multipart.grpc';
import { SqliteMetadataStore } from '../store/sqlite-store';
import { InvalidationHub, type InvalidationHubOptions } from '../watch/invalidation-hub';
import { ROOT_MOUNT_ID } from '../../../../libs/mounts/src/mount-spec';

/**
 * A metadata service (SQLite in a temp dir, real gRPC on a free port) with its invalidation hub, for specs. Unlike the
 * real service it does not wait out leases of a previous run at start (priorLeasesMs 0) unless told to.
 */
export interface TestMetadataServer {
  address: string;
  hub: InvalidationHub;
  store: SqliteMetadataStore;
  server: RunningGrpcServer;
  stop(): Promise<void>;
}

export async function startTestMetadataServer(hubOptions: InvalidationHubOptions = {}, port = 0): Promise<TestMetadataServer> {
  const dir = mkdtempSync(join(tmpdir(), 'silt-metadata-watch-'));
  const store = new SqliteMetadataStore({ dataDir: dir });
  const hub = new InvalidationHub({ priorLeasesMs: 0, ...hubOptions });
  const proto = loadSiltProto().silt.metadata.v1;
  const server = await startGrpcServer('127.0.0.1', port, [
    { definition: proto.MetadataService.service, implementation: metadataServiceHandlers(store, { defaultRegion: 'us-east-1', invalidations: hub }) },
    { definition: proto.MultipartService.service, implementation: multipartServiceHandlers(store.multipart, { invalidations: hub }) },
  ]);
  return {
    address: `127.0.0.1:${server.port}`,
    hub,
    store,
    server,
    stop: async () => {
      hub.close();
      await server.stop(500);
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testRecord(bucket: string, key: string, etag: string): ObjectRecord {
  return {
    bucket,
    key,
    size: 4096,
    etag,
    last_modified_ms: 1_700_000_000_000,
    content_type: 'application/octet-stream',
    location: { mount_id: ROOT_MOUNT_ID, path: `${bucket}/${key}` },
    ufs_version: `v-${etag}`,
    owner: 'alice',
    storage_class: 'STANDARD',
  };
}

/** A hand-driven watcher: records what it receives, acks automatically or when told. */
export class TestWatcher {
  readonly invalidations: Invalidation__Output[] = [];
  readonly grants: Invalidation__Output[] = [];
  error?: grpc.ServiceError;
  ended = false;
  private readonly call: grpc.ClientDuplexStream<WatchAck, Invalidation__Output>;
  private renewId = 0;

  constructor(
    client: Typed<MetadataServiceClient>,
    public autoAck: boolean,
  ) {
    this.call = client.raw.Watch();
    this.call.on('data', (m: Invalidation__Output) => {
      if (Number(m.seq) > 0) {
        this.invalidations.push(m);
        if (this.autoAck) this.call.write({ seq: m.seq });
      } else this.grants.push(m);
    });
    this.call.on('error', (e: grpc.ServiceError) => (this.error = e));
    this.call.on('end', () => (this.ended = true));
  }

  /** Opens (renew 1) and resolves once the service has registered the stream. */
  async open(): Promise<this> {
    this.renew();
    await until(() => this.grants.length > 0);
    return this;
  }

  renew(): void {
    this.call.write({ seq: 0, renew: ++this.renewId });
  }

  ack(seq: number): void {
    this.call.write({ seq });
  }

  /** Cut the stream (as a network failure would): the service must still honour the lease. */
  close(): void {
    this.call.cancel();
  }

  /** As RecordCache.stop does after forgetting its cache: the lease is given back. */
  release(): void {
    this.call.write({ release: true });
    this.call.end();
  }
}

export async function until(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
