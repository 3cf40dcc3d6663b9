import * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import type { BlockCacheServiceClient } from '../../../libs/grpc/generated/silt/blockcache/v1/BlockCacheService';
import type { GetStatsResponse__Output } from '../../../libs/grpc/generated/silt/blockcache/v1/GetStatsResponse';
import type { ObjectRecord__Output } from '../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { MembershipServiceClient } from '../../../libs/grpc/generated/silt/metadata/v1/MembershipService';
import type { MetadataServiceClient } from '../../../libs/grpc/generated/silt/metadata/v1/MetadataService';
import type { WorkerInfo__Output } from '../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import { blockCacheClient, membershipClient, metadataClient, type Typed } from '../../../libs/grpc/src/clients';
import { isGrpcError, isVersionChanged, S3_CODE_KEY } from '../../../libs/grpc/src/status';
import { WorkerRing } from '../../../libs/block-cache-client/src/worker-ring';
import { CliError } from './args';
import { ObjectChangedError, ObjectGoneError, type CacheCluster, type ListedObject, type LoadReply } from './jobs';
import type { ByteRange } from './load-planner';

const MINUTE = 60_000;

/** The S3 error code a service put in the trailers, if any. */
function s3CodeOf(err: unknown): string | undefined {
  if (!isGrpcError(err)) return undefined;
  const code = err.metadata?.get(S3_CODE_KEY)?.[0];
  return typeof code === 'string' ? code : undefined;
}

/** One readable line for a failed call to `what` ("the metadata service at 127.0.0.1:29991", "worker-0 (...)"). */
export function describeCallError(err: unknown, what: string): string {
  if (!isGrpcError(err)) return err instanceof Error ? err.message : String(err);
  if (err.code === grpc.status.UNAVAILABLE) return `cannot reach ${what}${err.details && !/No connection established|connect/i.test(err.details) ? ` (${err.details})` : ''}`;
  if (err.code === grpc.status.DEADLINE_EXCEEDED) return `${what} did not answer in time`;
  if (err.code === grpc.status.UNIMPLEMENTED) return `${what} does not know this call (an older version?): ${err.details}`;
  const s3 = s3CodeOf(err);
  return `${what}: ${s3 ? `${s3}: ` : ''}${err.details || grpc.status[err.code]}`;
}

/**
 * The cluster as the CLI sees it, over gRPC: metadata's MetadataService and MembershipService at one address, the
 * workers it lists, and the gateway's own rendezvous ring (WorkerRing), so `load` warms the worker a GET will read.
 */
export class GrpcCluster implements CacheCluster {
  private readonly metadata: Typed<MetadataServiceClient>;
  private readonly membership: Typed<MembershipServiceClient>;
  private readonly ring: WorkerRing;
  private readonly caches = new Map<string, Typed<BlockCacheServiceClient>>();
  private readonly what: string;

  constructor(readonly address: string) {
    this.what = `the metadata service at ${address}`;
    this.metadata = metadataClient(address);
    this.membership = membershipClient(address);
    this.ring = new WorkerRing(this.membership, pino({ level: 'silent' }));
  }

  /** Reads the live workers; fails with one line when metadata cannot be reached. */
  async connect(): Promise<void> {
    await this.ring.refresh(); // keeps the last ring on errors, so ask again below to say why it is empty
    if (this.ring.size === 0) {
      try {
        await this.membership.api.ListWorkers({}, { timeoutMs: 10_000 });
      } catch (err) {
        throw new CliError(describeCallError(err, this.what));
      }
      await this.ring.refresh();
    }
  }

  workers(): readonly WorkerInfo__Output[] {
    return [...this.ring.order('')].sort((a, b) => (a.worker_id < b.worker_id ? -1 : a.worker_id > b.worker_id ? 1 : 0));
  }

  order(ringKey: string): readonly WorkerInfo__Output[] {
    return this.ring.order(ringKey);
  }

  async list(bucket: string, prefix: string, onProgress?: (listed: number) => void): Promise<ListedObject[]> {
    const out: ListedObject[] = [];
    let startAfter = '';
    for (;;) {
      let page;
      try {
        page = await this.metadata.api.ListObjects({ bucket, prefix, delimiter: '', start_after: startAfter, max_keys: 1000 }, { timeoutMs: MINUTE });
      } catch (err) {
        if (s3CodeOf(err) === 'NoSuchBucket') throw new CliError(`no such bucket: ${bucket}`);
        throw new CliError(describeCallError(err, this.what));
      }
      for (const o of page.objects) out.push({ key: o.key, size: Number(o.size) });
      onProgress?.(out.length);
      if (!page.is_truncated || !page.next_marker) return out;
      startAfter = page.next_marker;
    }
  }

  async record(bucket: string, key: string): Promise<ObjectRecord__Output | undefined> {
    try {
      const res = await this.metadata.api.GetObject({ bucket, key }, { timeoutMs: MINUTE });
      return res.object ?? undefined;
    } catch (err) {
      const code = s3CodeOf(err);
      if (code === 'NoSuchKey' || code === 'NoSuchBucket') return undefined;
      throw new Error(describeCallError(err, this.what));
    }
  }

  async load(worker: WorkerInfo__Output, record: ObjectRecord__Output, range: ByteRange): Promise<LoadReply> {
    try {
      // Long deadline: a worker runs a few loads at a time and queues the rest.
      const r = await this.cache(worker).api.LoadObject(
        { location: record.location, ufs_version: record.ufs_version, object_size: record.size, offset: range.offset, length: range.length },
        { timeoutMs: 10 * MINUTE },
      );
      return { pagesLoaded: r.pages_loaded, pagesCached: r.pages_cached, bytesFromUfs: r.bytes_from_ufs };
    } catch (err) {
      if (isVersionChanged(err)) throw new ObjectChangedError('the object changed while loading');
      if (s3CodeOf(err) === 'NoSuchKey') throw new ObjectGoneError('the object is gone');
      throw new Error(describeCallError(err, workerName(worker)));
    }
  }

  async free(worker: WorkerInfo__Output, record: ObjectRecord__Output): Promise<number> {
    try {
      const r = await this.cache(worker).api.FreeObject({ location: record.location, ufs_version: record.ufs_version, object_size: record.size }, { timeoutMs: MINUTE });
      return r.pages_freed;
    } catch (err) {
      throw new Error(describeCallError(err, workerName(worker)));
    }
  }

  async stats(worker: WorkerInfo__Output): Promise<GetStatsResponse__Output> {
    try {
      return await this.cache(worker).api.GetStats({}, { timeoutMs: 10_000 });
    } catch (err) {
      throw new Error(describeCallError(err, workerName(worker)));
    }
  }

  close(): void {
    this.ring.stop();
    this.metadata.close();
    this.membership.close();
    for (const c of this.caches.values()) c.close();
  }

  private cache(w: WorkerInfo__Output): Typed<BlockCacheServiceClient> {
    const address = `${w.host}:${w.grpc_port}`;
    let c = this.caches.get(address);
    if (!c) {
      c = blockCacheClient(address);
      this.caches.set(address, c);
    }
    return c;
  }
}

export function workerName(w: WorkerInfo__Output): string {
  return `worker ${w.worker_id} (${w.host}:${w.grpc_port})`;
}
