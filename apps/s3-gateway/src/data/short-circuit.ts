import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import { LRUCache } from 'lru-cache';
import { untilWritable } from '../../../../libs/grpc/src/streams';
import type { Logger } from 'pino';
import type { ObjectRecord__Output } from '../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { WorkerInfo__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/WorkerInfo';
import { blockCacheClient, type Typed } from '../../../../libs/grpc/src/clients';
import type { BlockCacheServiceClient } from '../../../../libs/grpc/generated/silt/blockcache/v1/BlockCacheService';
import { pageFileOf, pageHashOf, pageKeyOf, pagesDirOf, pageLengthOf, pageSpanOf, sliceOfPage, type ObjectRef } from '../../../../libs/block-cache-client/src/page-math';
import { ROOT_MOUNT_ID } from '../../../../libs/mounts/src/mount-spec';

/** A body the response writes itself (instead of piping a Readable into it). */
export interface DirectBody {
  writeTo(res: ServerResponse): Promise<void>;
}

const COPY_BUFFER = 1024 * 1024;
const COPY_BUFFERS = 6;

/** Pages up to this size (the whole of small objects) are kept in the gateway once read. */
const HOT_PAGE_MAX = 256 * 1024;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', hostname()]);

interface PendingReport {
  hashes: string[];
  bytes: number;
}

/**
 * Short-circuit reads: when the owning worker runs on this host, the gateway reads the worker's disk-tier page files
 * itself instead of streaming them over a socket (as Alluxio's short-circuit does). Page files are named by the
 * sha256 of (mount, path, ufs version, index) and written by rename, so a file that exists holds exactly that
 * version's page; a missing or wrong-sized file (evicted, not yet written) sends the read back to the worker.
 * The worker is told about these reads (batched, once a second) so its hit counts and LRU stay true.
 */
export class ShortCircuitReader {
  private readonly usable = new Map<string, boolean>();
  private readonly pending = new Map<string, PendingReport & { worker: WorkerInfo__Output }>();
  private readonly clients = new Map<string, Typed<BlockCacheServiceClient>>();
  private readonly timer: NodeJS.Timeout;
  /**
   * Small pages already read from a worker's disk, kept in this process (bytes-capped). A page's name carries its
   * object version, so a cached page can never be stale; it only saves the open/read/close of hot small objects.
   */
  private readonly hot = new LRUCache<string, Buffer>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (b) => b.length || 1 });
  private readonly hashes = new LRUCache<string, string>({ max: 50_000 });

  constructor(
    private readonly pageSize: number,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), 1_000);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    void this.flush().finally(() => {
      for (const c of this.clients.values()) c.close();
    });
  }

  /** Whether this worker's pages are readable here: a local host and its disk tier visible on our file system. */
  canRead(w: WorkerInfo__Output): boolean {
    let ok = this.usable.get(w.worker_id);
    if (ok === undefined) {
      ok = LOCAL_HOSTS.has(w.host) && w.data_dir !== '' && existsSync(pagesDirOf(w.data_dir));
      this.usable.set(w.worker_id, ok);
      if (ok) this.log.info({ worker: w.worker_id, dir: w.data_dir }, 'short-circuit reads from the worker disk tier');
    }
    return ok;
  }

  private pages(w: WorkerInfo__Output, record: ObjectRecord__Output, start: number, end: number) {
    const ref: ObjectRef = { mountId: record.location?.mount_id ?? ROOT_MOUNT_ID, path: record.location?.path ?? '', version: record.ufs_version, sizeBytes: record.size };
    const span = pageSpanOf(record.size, this.pageSize, start, end - start + 1);
    const out: { hash: string; path: string; length: number; from: number; to: number }[] = [];
    for (let i = span.first; i <= span.last; i++) {
      const key = pageKeyOf(ref, i);
      let hash = this.hashes.get(key);
      if (hash === undefined) {
        hash = pageHashOf(key);
        this.hashes.set(key, hash);
      }
      const slice = sliceOfPage(span, i, this.pageSize);
      out.push({ hash, path: pageFileOf(w.data_dir, hash), length: pageLengthOf(i, record.size, this.pageSize), from: slice.start, to: slice.end });
    }
    return out;
  }

  /** A small range, read synchronously from page files (each a few µs from the page cache); undefined on any miss. */
  readSmall(w: WorkerInfo__Output, record: ObjectRecord__Output, start: number, end: number): Buffer | undefined {
    const pages = this.pages(w, record, start, end);
    const out = Buffer.allocUnsafe(end - start + 1);
    let at = 0;
    for (const p of pages) {
      const cached = this.hot.get(p.hash);
      if (cached) {
        at += cached.copy(out, at, p.from, p.to);
        continue;
      }
      let fd: number;
      try {
        fd = openSync(p.path, 'r');
      } catch {
        return undefined;
      }
      try {
        if (fstatSync(fd).size !== p.length) return undefined;
        if (p.length <= HOT_PAGE_MAX) {
          const page = Buffer.allocUnsafeSlow(p.length);
          let got = 0;
          while (got < p.length) {
            const n = readSync(fd, page, got, p.length - got, got);
            if (n === 0) return undefined;
            got += n;
          }
          this.hot.set(p.hash, page);
          at += page.copy(out, at, p.from, p.to);
          continue;
        }
        const want = p.to - p.from;
        let got = 0;
        while (got < want) {
          const n = readSync(fd, out, at + got, want - got, p.from + got);
          if (n === 0) return undefined;
          got += n;
        }
        at += want;
      } finally {
        closeSync(fd);
      }
    }
    this.note(w, pages.map((p) => p.hash), at);
    return out;
  }

  /**
   * A large range, if every page is on disk now (undefined otherwise), written straight into the response from a few reused buffers: each buffer is read into again
   * only once the socket has taken its bytes (the write callback), so a large GET allocates ~6 MiB instead of a
   * fresh buffer per page read (garbage collection was a quarter of the gateway's CPU on 256 MiB GETs). A page that
   * is gone (evicted) or short sends the rest of the range, from the byte reached, through `rest`.
   */
  largeBody(
    w: WorkerInfo__Output,
    record: ObjectRecord__Output,
    start: number,
    end: number,
    rest: (position: number) => Promise<Readable>,
  ): DirectBody | undefined {
    const pages = this.pages(w, record, start, end);
    for (const p of pages) {
      try {
        if (statSync(p.path).size !== p.length) return undefined;
      } catch {
        return undefined;
      }
    }
    const self = this;
    return {
      async writeTo(res: ServerResponse): Promise<void> {
        const free: Buffer[] = Array.from({ length: COPY_BUFFERS }, () => Buffer.allocUnsafeSlow(COPY_BUFFER));
        let waiting: (() => void) | undefined;
        const release = (b: Buffer) => {
          free.push(b);
          waiting?.();
        };
        const gone = () => waiting?.();
        res.on('close', gone);
        const take = async (): Promise<Buffer | undefined> => {
          while (free.length === 0 && !res.destroyed) await new Promise<void>((r) => (waiting = r));
          waiting = undefined;
          return res.destroyed ? undefined : free.pop();
        };
        let position = start;
        for (const p of pages) {
          let file;
          try {
            file = await open(p.path, 'r');
            if ((await file.stat()).size !== p.length) throw new Error('page file changed size');
          } catch {
            await file?.close().catch(() => undefined);
            await pipeline(await rest(position), res);
            return;
          }
          try {
            let off = p.from;
            while (off < p.to) {
              const buf = await take();
              if (!buf) return; // the client went away
              const { bytesRead } = await file.read(buf, 0, Math.min(COPY_BUFFER, p.to - off), off);
              if (bytesRead === 0) {
                release(buf);
                throw new Error('page file ended early');
              }
              off += bytesRead;
              position += bytesRead;
              const more = res.write(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead), () => release(buf));
              if (!more && !res.destroyed) await untilWritable(res);
              if (res.destroyed) return;
            }
          } catch {
            await file.close().catch(() => undefined);
            file = undefined;
            await pipeline(await rest(position), res);
            return;
          } finally {
            await file?.close().catch(() => undefined);
          }
          self.note(w, [p.hash], p.to - p.from);
        }
        res.off('close', gone);
        res.end();
      },
    };
  }

  private note(w: WorkerInfo__Output, hashes: string[], bytes: number): void {
    let p = this.pending.get(w.worker_id);
    if (!p) {
      p = { worker: w, hashes: [], bytes: 0 };
      this.pending.set(w.worker_id, p);
    }
    if (p.hashes.length < 100_000) p.hashes.push(...hashes);
    p.bytes += bytes;
  }

  private async flush(): Promise<void> {
    const batches = [...this.pending.values()];
    this.pending.clear();
    await Promise.all(
      batches.map(async ({ worker, hashes, bytes }) => {
        const address = `${worker.host}:${worker.grpc_port}`;
        let c = this.clients.get(address);
        if (!c) {
          c = blockCacheClient(address);
          this.clients.set(address, c);
        }
        try {
          await c.api.ReportShortCircuitReads({ page_hashes: hashes, bytes }, { timeoutMs: 5_000 });
        } catch (err) {
          this.log.debug({ worker: worker.worker_id, err: (err as Error).message }, 'short-circuit report not delivered');
        }
      }),
    );
  }
}
