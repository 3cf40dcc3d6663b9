import { setTimeout as sleep } from 'node:timers/promises';
import type { ComposeSource, ObjectDescription, ObjectReader, ObjectStat, PartTarget, StagedPartStat, StagedWrite, UfsAdapter } from '../ufs-adapter';
import { TokenBucket } from './token-bucket';

export interface SlowUfsOptions {
  /** Added before the first byte of every `read()` and before every `stat` (config `ufs.slow.firstByteLatency`); 0 = none. */
  firstByteLatencyMs: number;
  /** Bytes per second that reads of this adapter share (config `ufs.slow.bandwidth`); 0 = no cap. */
  bandwidth: number;
}

/** Bytes a reader may take at once after an idle spell: 10 ms of the link, at least 64 KiB. */
const burstOf = (bandwidth: number) => Math.max(64 * 1024, Math.round(bandwidth / 100));

/**
 * The link to the simulated store: a first-byte latency and one token bucket for every read of the adapter, so
 * parallel reads share the bandwidth as they would share a network link.
 */
export class SlowLink {
  private readonly bucket?: TokenBucket;

  constructor(readonly options: SlowUfsOptions) {
    if (options.bandwidth > 0) this.bucket = new TokenBucket(options.bandwidth, burstOf(options.bandwidth));
  }

  /** Waits the first-byte latency (a request's round trip to the store). */
  async firstByte(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.options.firstByteLatencyMs > 0) await sleep(this.options.firstByteLatencyMs, undefined, { signal });
  }

  /** Waits until `bytes` more may pass the link. */
  async pace(bytes: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (!this.bucket) return;
    const waitMs = this.bucket.reserve(bytes);
    // Under a millisecond is not worth a timer: the debt stays in the bucket and the next chunk waits for it.
    if (waitMs < 1) return;
    try {
      await sleep(waitMs, undefined, { signal });
    } catch (err) {
      this.bucket.refund(bytes);
      throw err;
    }
  }
}

class SlowReader implements ObjectReader {
  private readonly closing = new AbortController();

  constructor(
    private readonly inner: ObjectReader,
    private readonly link: SlowLink,
  ) {}

  get stat(): ObjectStat {
    return this.inner.stat;
  }

  /** The inner reader's chunks, unchanged: the first after the latency, each when the link has room for it. */
  async *read(offset: number, length: number, chunkBytes: number): AsyncIterable<Buffer> {
    const signal = this.closing.signal;
    await this.link.firstByte(signal);
    // Leaving this loop early (the consumer's return(), a throw) returns the inner iterator too.
    for await (const chunk of this.inner.read(offset, length, chunkBytes)) {
      await this.link.pace(chunk.length, signal);
      yield chunk;
    }
  }

  /** Ends any wait of a read in progress (it throws) and closes the inner reader. */
  async close(): Promise<void> {
    if (!this.closing.signal.aborted) this.closing.abort(new Error('reader closed'));
    await this.inner.close();
  }
}

/**
 * A `UfsAdapter` that behaves like a remote object store in front of another one (config `ufs.slow.*`, for
 * benchmarks): every `read()` of an opened object waits `firstByteLatencyMs` before its first byte and then paces its
 * bytes to `bandwidth`, shared by all reads of this adapter; every `stat` waits the latency. `openRead` itself adds
 * nothing (an adapter for a remote store can open lazily; the round trip is charged to the read).
 *
 * Writes (beginWrite, beginPartWrite, compose, delete, directories, staging) pass through unthrottled: the
 * benchmark measures the read path, and unthrottled uploads keep its set-up (PUTs of 256 MiB objects) short.
 * Reads done on behalf of a write (CopyObject, UploadPartCopy open the source with `openRead`) are throttled.
 */
export class SlowUfsAdapter implements UfsAdapter {
  readonly link: SlowLink;

  constructor(
    readonly inner: UfsAdapter,
    options: SlowUfsOptions,
  ) {
    this.link = new SlowLink(options);
  }

  async stat(bucket: string, key: string): Promise<ObjectStat | undefined> {
    await this.link.firstByte();
    return this.inner.stat(bucket, key);
  }

  async openRead(bucket: string, key: string, known?: { version: string; size: number }): Promise<ObjectReader> {
    return new SlowReader(await this.inner.openRead(bucket, key, known), this.link);
  }

  beginWrite(bucket: string, key: string, description?: ObjectDescription): Promise<StagedWrite> {
    return this.inner.beginWrite(bucket, key, description);
  }

  delete(bucket: string, key: string, ifVersion?: string): Promise<boolean> {
    return this.inner.delete(bucket, key, ifVersion);
  }

  createDirectory(bucket: string): Promise<void> {
    return this.inner.createDirectory(bucket);
  }

  deleteDirectory(bucket: string): Promise<void> {
    return this.inner.deleteDirectory(bucket);
  }

  beginPartWrite(bucket: string, key: string, part: PartTarget): Promise<StagedWrite<StagedPartStat>> {
    return this.inner.beginPartWrite(bucket, key, part);
  }

  compose(bucket: string, key: string, parts: readonly ComposeSource[], observe: ((chunk: Buffer) => void) | undefined, signal?: AbortSignal): Promise<ObjectStat> {
    return this.inner.compose(bucket, key, parts, observe, signal);
  }

  deleteStaging(uploadId: string): Promise<void> {
    return this.inner.deleteStaging(uploadId);
  }

  reapStaging(cutoffMs: number): Promise<string[]> {
    return this.inner.reapStaging(cutoffMs);
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}

/** `adapter` wrapped in a SlowUfsAdapter when `ufs.slow.enabled`, else `adapter` itself. */
export function withSlowUfs(
  adapter: UfsAdapter,
  config: { 'ufs.slow.enabled': boolean; 'ufs.slow.firstByteLatency': number; 'ufs.slow.bandwidth': number },
): UfsAdapter {
  if (!config['ufs.slow.enabled']) return adapter;
  return new SlowUfsAdapter(adapter, { firstByteLatencyMs: config['ufs.slow.firstByteLatency'], bandwidth: config['ufs.slow.bandwidth'] });
}
