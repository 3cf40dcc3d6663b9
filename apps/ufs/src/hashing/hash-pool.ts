import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createHasher, createMd5, type ChecksumAlgorithm, type Hasher } from '../../../../libs/s3-protocol/src/checksums/checksums';
import type { HashReply, HashRequest } from './hash-worker';

/** The digests of one write stream: MD5 first, then one per requested algorithm, in that order. */
export interface StreamHashes {
  /**
   * Adds the chunk. `handOver`: the caller will never touch the chunk's memory again, so a chunk that owns its
   * whole ArrayBuffer is moved to the hashing thread instead of copied.
   */
  update(chunk: Buffer, handOver: boolean): void;
  digests(): Promise<Buffer[]>;
  /** The stream was abandoned: forget it. */
  drop(): void;
}

/** In the caller's thread (no workers, or they failed). */
class InlineHashes implements StreamHashes {
  private readonly hashers: Hasher[];
  constructor(algorithms: readonly ChecksumAlgorithm[]) {
    this.hashers = [createMd5(), ...algorithms.map((alg) => createHasher(alg))];
  }
  update(chunk: Buffer): void {
    for (const h of this.hashers) h.update(chunk);
  }
  digests(): Promise<Buffer[]> {
    return Promise.resolve(this.hashers.map((h) => h.digest()));
  }
  drop(): void {}
}

/**
 * Digests of upload bodies computed on worker threads, so the ufs's event loop only moves bytes: with several
 * uploads in flight (parallel multipart parts) MD5 and the checksums use the machine's other cores. Each stream
 * sticks to one worker (its chunks hashed in order); streams are spread round-robin. A chunk that owns its
 * ArrayBuffer (a gRPC message's) is transferred, not copied.
 */
export class HashPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (d: Buffer[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private nextWorker = 0;
  private broken?: Error;

  constructor(script: string, size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(script);
      w.unref();
      w.on('message', (reply: HashReply) => {
        const waiter = this.waiting.get(reply.id);
        if (!waiter) return;
        this.waiting.delete(reply.id);
        if (reply.digests) waiter.resolve(reply.digests.map((d) => Buffer.from(d.buffer, d.byteOffset, d.byteLength)));
        else waiter.reject(new Error(reply.error ?? 'hashing failed'));
      });
      const fail = (err: Error) => {
        // Streams in flight fail (their writes abort); later ones hash inline.
        this.broken ??= err;
        for (const waiter of this.waiting.values()) waiter.reject(err);
        this.waiting.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`hash worker exited (${code})`)));
      this.workers.push(w);
    }
  }

  open(algorithms: readonly ChecksumAlgorithm[]): StreamHashes {
    if (this.broken || this.workers.length === 0) return new InlineHashes(algorithms);
    const worker = this.workers[this.nextWorker++ % this.workers.length];
    const id = this.nextId++;
    const post = (m: HashRequest, transfer?: ArrayBuffer[]) => worker.postMessage(m, transfer);
    post({ op: 'open', id, algorithms: [...algorithms] });
    let done = false;
    return {
      update: (chunk, handOver) => {
        if (done || chunk.length === 0) return;
        const owned = handOver && chunk.buffer instanceof ArrayBuffer && chunk.buffer.byteLength - chunk.length <= 64;
        if (owned) {
          post({ op: 'update', id, buf: chunk.buffer as ArrayBuffer, offset: chunk.byteOffset, length: chunk.length }, [chunk.buffer as ArrayBuffer]);
        } else {
          const copy = new Uint8Array(chunk); // its own ArrayBuffer, moved
          post({ op: 'update', id, buf: copy.buffer, offset: 0, length: copy.length }, [copy.buffer]);
        }
      },
      digests: () => {
        done = true;
        if (this.broken) return Promise.reject(this.broken);
        return new Promise<Buffer[]>((resolve, reject) => {
          this.waiting.set(id, { resolve, reject });
          post({ op: 'digest', id });
        });
      },
      drop: () => {
        if (done) return;
        done = true;
        post({ op: 'drop', id });
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

let shared: HashPool | null | undefined;

/**
 * The process's pool: `SILT_UFS_HASH_WORKERS` threads (default 2; 0 = hash inline). null when running from the
 * TypeScript sources (tests), where there is no compiled worker script: digests are then computed inline.
 */
export function sharedHashPool(): HashPool | null {
  if (shared !== undefined) return shared;
  const script = join(__dirname, 'hash-worker.js');
  const size = Number(process.env.SILT_UFS_HASH_WORKERS ?? 2);
  shared = existsSync(script) && size > 0 ? new HashPool(script, size) : null;
  return shared;
}

/** Inline digests, for callers without a pool. */
export function inlineHashes(algorithms: readonly ChecksumAlgorithm[]): StreamHashes {
  return new InlineHashes(algorithms);
}
