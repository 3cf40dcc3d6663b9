import * as http from 'node:http';
import { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { ObjectRecord__Output } from '../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { BlockCacheServiceClient } from '../../../../libs/grpc/generated/silt/blockcache/v1/BlockCacheService';
import type { WorkerInfo__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import type { UfsServiceClient } from '../../../../libs/grpc/generated/silt/ufs/v1/UfsService';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { blockCacheClient, type Typed } from '../../../../libs/grpc/src/clients';
import { fromGrpcError, isGrpcError, isVersionChanged, S3_CODE_KEY } from '../../../../libs/grpc/src/status';
import type { DirectBody, ShortCircuitReader } from './short-circuit';
import type { WorkerRing } from '../../../../libs/block-cache-client/src/worker-ring';
import { ROOT_MOUNT_ID } from '../../../../libs/mounts/src/mount-spec';

/** The UFS bytes no longer match the record the gateway resolved (changed behind Silt's back, or a racing write). */
export class VersionChangedError extends Error {
  constructor() {
    super('the object changed in the UFS since its record was read');
  }
}

/** Ranges up to this size come back inline in one unary reply; larger ones stream over the worker's HTTP port. */
export const INLINE_READ_LIMIT = 256 * 1024;

type Failure = 'fatal' | 'retry';

/**
 * Reads object bytes through the block cache: the owning worker first, then the next ones on the ring, then the UFS
 * directly, so a dead worker costs the client nothing it can see. A large read that breaks mid-way resumes from the
 * byte it had reached on the next source.
 */
export class ObjectReader {
  private readonly grpcClients = new Map<string, Typed<BlockCacheServiceClient>>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

  constructor(
    private readonly ring: WorkerRing,
    private readonly ufs: Typed<UfsServiceClient>,
    private readonly log: Logger,
    /** Reads a same-host owner's disk pages directly; absent = always go through the worker. */
    private readonly shortCircuit?: ShortCircuitReader,
  ) {}

  close(): void {
    this.shortCircuit?.close();
    for (const c of this.grpcClients.values()) c.close();
    this.agent.destroy();
  }

  /** Bytes [start, end] (inclusive) of the object, as one buffer (small ranges) or a stream. */
  async read(record: ObjectRecord__Output, start: number, end: number): Promise<Buffer | Readable | DirectBody> {
    const length = end - start + 1;
    if (length <= 0) return Buffer.alloc(0);
    if (length <= INLINE_READ_LIMIT) return this.readInline(record, start, length);
    return this.readStream(record, start, end);
  }

  /**
   * Where a redirected GET of the object goes (`s3.redirect.enabled`): the owner on the ring, or the next worker when
   * the owner failed recently — the worker a proxied read would use first — provided it has an HTTP read port.
   * Undefined when no worker qualifies: the gateway then proxies.
   */
  redirectTarget(record: ObjectRecord__Output): WorkerInfo__Output | undefined {
    return this.ring.firstHealthy(record.location?.path ?? record.key, (w) => w.http_port > 0 && w.host !== '');
  }

  private client(w: WorkerInfo__Output): Typed<BlockCacheServiceClient> {
    const address = `${w.host}:${w.grpc_port}`;
    let c = this.grpcClients.get(address);
    if (!c) {
      c = blockCacheClient(address);
      this.grpcClients.set(address, c);
    }
    return c;
  }

  /** What a failed call means: the object's own problem (fatal, surfaced) or the worker's (try the next one). */
  private classify(err: unknown): Failure {
    if (err instanceof VersionChangedError || err instanceof S3Error) return 'fatal';
    if (isGrpcError(err)) {
      if (isVersionChanged(err)) return 'fatal';
      if (err.metadata?.get(S3_CODE_KEY)?.length) return 'fatal';
    }
    return 'retry';
  }

  private surface(err: unknown): Error {
    if (err instanceof VersionChangedError || err instanceof S3Error) return err;
    if (isVersionChanged(err)) return new VersionChangedError();
    return fromGrpcError(err);
  }

  private request(record: ObjectRecord__Output, start: number, length: number) {
    return {
      location: record.location,
      ufs_version: record.ufs_version,
      object_size: record.size,
      offset: start,
      length,
    };
  }

  private async readInline(record: ObjectRecord__Output, start: number, length: number): Promise<Buffer> {
    const order = this.ring.order(record.location?.path ?? record.key);
    const owner = order[0];
    if (owner && this.shortCircuit?.canRead(owner)) {
      const local = this.shortCircuit.readSmall(owner, record, start, start + length - 1);
      if (local) return local;
    }
    for (const w of order) {
      try {
        const res = await this.client(w).api.ReadRange(this.request(record, start, length), { timeoutMs: 15_000 });
        return res.data;
      } catch (err) {
        if (this.classify(err) === 'fatal') throw this.surface(err);
        this.ring.markFailed(w.worker_id);
        this.log.warn({ worker: w.worker_id, err: (err as Error).message }, 'worker read failed; trying the next');
      }
    }
    const parts: Buffer[] = [];
    for await (const chunk of await this.openUfs(record, start, start + length - 1)) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }

  private async readStream(record: ObjectRecord__Output, start: number, end: number): Promise<Readable | DirectBody> {
    // A same-host owner with every page of the range on disk: the gateway copies them itself, from reused buffers.
    const owner = this.ring.order(record.location?.path ?? record.key)[0];
    if (owner && this.shortCircuit?.canRead(owner)) {
      const direct = this.shortCircuit.largeBody(owner, record, start, end, (position) => this.readThroughWorkers(record, position, end));
      if (direct) return direct;
    }
    return this.readThroughWorkers(record, start, end);
  }

  /** The range from the workers (owner first), then the UFS; resumes on the next source if one breaks. */
  private async readThroughWorkers(record: ObjectRecord__Output, start: number, end: number): Promise<Readable> {
    let position = start;
    const tried = new Set<string>();
    const openNext = async (): Promise<AsyncIterable<Buffer>> => {
      for (const w of this.ring.order(record.location?.path ?? record.key)) {
        if (tried.has(w.worker_id)) continue;
        tried.add(w.worker_id);
        try {
          return await this.openHttp(w, record, position, end);
        } catch (err) {
          if (this.classify(err) === 'fatal') throw this.surface(err);
          this.ring.markFailed(w.worker_id);
          this.log.warn({ worker: w.worker_id, err: (err as Error).message }, 'worker read failed; trying the next');
        }
      }
      return this.openUfs(record, position, end);
    };
    // Open the first source before answering, so a missing or changed object is a proper error response.
    const first = await openNext();
    const log = this.log;
    async function* bytes(): AsyncGenerator<Buffer> {
      let source: AsyncIterable<Buffer> | undefined = first;
      while (source) {
        try {
          for await (const chunk of source) {
            position += chunk.length;
            yield chunk;
          }
          if (position <= end) throw new Error(`source ended early at byte ${position} of ${end + 1}`);
          return;
        } catch (err) {
          if (err instanceof VersionChangedError || position > end) throw err;
          log.warn({ position, err: (err as Error).message }, 'read broke mid-stream; resuming on the next source');
          source = await openNext();
        }
      }
    }
    return Readable.from(bytes(), { objectMode: false, highWaterMark: 8 * 1024 * 1024 });
  }

  private openHttp(w: WorkerInfo__Output, record: ObjectRecord__Output, start: number, end: number): Promise<AsyncIterable<Buffer>> {
    const q = new URLSearchParams({
      mount: record.location?.mount_id ?? ROOT_MOUNT_ID,
      path: record.location?.path ?? '',
      version: record.ufs_version,
      size: String(record.size),
    });
    return new Promise((resolve, reject) => {
      const req = http.get(
        {
          host: w.host,
          port: w.http_port,
          path: `/v1/read?${q.toString()}`,
          agent: this.agent,
          headers: { range: `bytes=${start}-${end}` },
          timeout: 15_000,
        },
        (res) => {
          if (res.statusCode === 200 || res.statusCode === 206) {
            resolve(res);
            return;
          }
          res.resume();
          const kind = res.headers['x-silt-error'];
          if (res.statusCode === 409) reject(new VersionChangedError());
          else if (res.statusCode === 404) reject(new S3Error('NoSuchKey'));
          else reject(new Error(`worker ${w.worker_id} answered ${res.statusCode} ${String(kind ?? '')}`));
        },
      );
      req.on('timeout', () => req.destroy(new Error('worker read timed out')));
      req.on('error', reject);
    });
  }

  private async openUfs(record: ObjectRecord__Output, start: number, end: number): Promise<AsyncIterable<Buffer>> {
    const call = this.ufs.raw.ReadObject({
      location: record.location,
      offset: start,
      length: end - start + 1,
      expected_version: record.ufs_version,
      expected_size: record.size,
    });
    const iterator = call[Symbol.asyncIterator]();
    // Wait for the first message (or the error) so failures surface before the response starts.
    let first: IteratorResult<{ chunk: Buffer }>;
    try {
      first = (await iterator.next()) as IteratorResult<{ chunk: Buffer }>;
    } catch (err) {
      throw this.surface(err);
    }
    const surface = (err: unknown) => this.surface(err);
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        if (!first.done) yield first.value.chunk;
        for (;;) {
          const next = (await iterator.next()) as IteratorResult<{ chunk: Buffer }>;
          if (next.done) return;
          yield next.value.chunk;
        }
      } catch (err) {
        throw surface(err);
      } finally {
        call.cancel();
      }
    }
    return chunks();
  }
}
