import { connect, type Socket } from 'node:net';

/**
 * A minimal HTTP/1.1 keep-alive client over one raw TCP socket, for load generation. It formats requests by hand and
 * parses just enough of the response (status, Content-Length or chunked framing, Connection: close) to count body
 * bytes and discard them. On this 2-core machine the load generator competes with the servers for CPU, so it has to
 * be cheaper than node:http's client (which costs ~2-3x more CPU per small request) — otherwise both Silt and nginx
 * would be measured against the client's ceiling and the ratio would flatter Silt.
 */

export interface RawResponse {
  status: number;
  /** Body bytes received (discarded). */
  bytes: number;
  /** Header values the caller asked to keep (lower-case names). */
  headers: Record<string, string>;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string | number>;
  /** A buffer, or chunks written with backpressure; the caller gives bodyLength for the latter. */
  body?: Buffer | Iterable<Buffer>;
  bodyLength?: number;
  /** Lower-case header names whose values the response should carry back. */
  keep?: string[];
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

type BodyState =
  | { kind: 'headers' }
  | { kind: 'length'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'chunk-crlf' }
  | { kind: 'trailers' };

export class RawConnection {
  private socket!: Socket;
  private pending: Buffer | null = null;
  private state: BodyState = { kind: 'headers' };
  private current: {
    method: string;
    keep?: string[];
    res: RawResponse;
    close: boolean;
    resolve: (r: RawResponse) => void;
    reject: (e: Error) => void;
  } | null = null;
  private closed = true;
  private readonly hostHeader: string;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly timeoutMs = 60_000,
  ) {
    this.hostHeader = `${host}:${port}`;
  }

  private async open(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const s = connect({ host: this.host, port: this.port, noDelay: true });
      s.once('connect', () => {
        s.off('error', reject);
        resolve();
      });
      s.once('error', reject);
      this.socket = s;
    });
    this.closed = false;
    this.pending = null;
    this.state = { kind: 'headers' };
    this.socket.setTimeout(this.timeoutMs, () => this.socket.destroy(new Error(`no response within ${this.timeoutMs} ms`)));
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('close', () => {
      this.closed = true;
      this.fail(new Error('connection closed'));
    });
  }

  private fail(err: Error): void {
    const cur = this.current;
    this.current = null;
    if (cur) cur.reject(err);
  }

  /** Body bytes of the response in progress received so far. */
  responseBytesSoFar(): number {
    return this.current?.res.bytes ?? 0;
  }

  /** Bytes written to the current socket (request heads + bodies). */
  bytesWritten(): number {
    return this.socket?.bytesWritten ?? 0;
  }

  close(): void {
    if (this.socket && !this.closed) this.socket.destroy();
    this.closed = true;
  }

  async request(req: RawRequest): Promise<RawResponse> {
    if (this.current) throw new Error('one request at a time per connection');
    if (this.closed) await this.open();
    const socket = this.socket;
    let head = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\n`;
    const length = Buffer.isBuffer(req.body) ? req.body.length : req.body ? req.bodyLength : undefined;
    if (length !== undefined) head += `Content-Length: ${length}\r\n`;
    else if (req.method === 'PUT' || req.method === 'POST') head += 'Content-Length: 0\r\n';
    for (const [k, v] of Object.entries(req.headers ?? {})) head += `${k}: ${v}\r\n`;
    head += '\r\n';
    const done = new Promise<RawResponse>((resolve, reject) => {
      this.current = {
        method: req.method,
        keep: req.keep,
        res: { status: 0, bytes: 0, headers: {} },
        close: false,
        resolve,
        reject,
      };
    });
    if (Buffer.isBuffer(req.body)) {
      // One write for head + small body (one packet); separate writes for big bodies (no copy).
      if (req.body.length <= 64 * 1024) socket.write(Buffer.concat([Buffer.from(head, 'latin1'), req.body]));
      else {
        socket.write(head, 'latin1');
        socket.write(req.body);
      }
    } else if (req.body) {
      socket.write(head, 'latin1');
      let finished = false;
      void done.finally(() => (finished = true)).catch(() => undefined);
      for (const chunk of req.body) {
        if (finished || socket.destroyed) break;
        if (!socket.write(chunk)) {
          await new Promise<void>((resolve) => {
            const go = () => {
              socket.off('drain', go);
              socket.off('close', go);
              resolve();
            };
            socket.on('drain', go);
            socket.on('close', go);
          });
        }
      }
    } else {
      socket.write(head, 'latin1');
    }
    return done;
  }

  private onData(chunk: Buffer): void {
    let buf = chunk;
    if (this.pending) {
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    }
    let pos = 0;
    while (pos < buf.length || this.state.kind === 'length') {
      const cur = this.current;
      if (!cur) {
        // Bytes with no request outstanding: the server is misbehaving; drop the connection.
        this.socket.destroy();
        return;
      }
      const st = this.state;
      if (st.kind === 'headers') {
        const end = buf.indexOf(CRLF_CRLF, pos);
        if (end < 0) {
          this.pending = buf.subarray(pos);
          return;
        }
        const text = buf.toString('latin1', pos, end);
        pos = end + 4;
        const lines = text.split('\r\n');
        const status = Number(lines[0].slice(9, 12));
        if (status >= 100 && status < 200) continue; // 100 Continue: the real answer follows
        cur.res.status = status;
        let contentLength = -1;
        let chunked = false;
        for (let i = 1; i < lines.length; i++) {
          const line = lines[i];
          const colon = line.indexOf(':');
          const name = line.slice(0, colon).toLowerCase();
          const value = line.slice(colon + 1).trim();
          if (name === 'content-length') contentLength = Number(value);
          else if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
          else if (name === 'connection') cur.close = value.toLowerCase() === 'close';
          if (cur.keep && cur.keep.includes(name)) cur.res.headers[name] = value;
        }
        if (cur.method === 'HEAD' || status === 204 || status === 304) this.state = { kind: 'length', remaining: 0 };
        else if (chunked) this.state = { kind: 'chunk-size' };
        else if (contentLength >= 0) this.state = { kind: 'length', remaining: contentLength };
        else {
          // Body delimited by close: not expected from either server; count nothing and drop the connection after.
          cur.close = true;
          this.state = { kind: 'length', remaining: 0 };
        }
      } else if (st.kind === 'length') {
        const take = Math.min(st.remaining, buf.length - pos);
        st.remaining -= take;
        cur.res.bytes += take;
        pos += take;
        if (st.remaining === 0) this.complete();
        else return;
      } else if (st.kind === 'chunk-size') {
        const eol = buf.indexOf('\r\n', pos, 'latin1');
        if (eol < 0) {
          this.pending = buf.subarray(pos);
          return;
        }
        const size = parseInt(buf.toString('latin1', pos, eol).split(';')[0], 16);
        pos = eol + 2;
        this.state = size === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', remaining: size };
      } else if (st.kind === 'chunk-data') {
        const take = Math.min(st.remaining, buf.length - pos);
        st.remaining -= take;
        cur.res.bytes += take;
        pos += take;
        if (st.remaining === 0) this.state = { kind: 'chunk-crlf' };
        else return;
      } else if (st.kind === 'chunk-crlf') {
        if (buf.length - pos < 2) {
          this.pending = buf.subarray(pos);
          return;
        }
        pos += 2;
        this.state = { kind: 'chunk-size' };
      } else {
        // trailers: lines until an empty one
        const eol = buf.indexOf('\r\n', pos, 'latin1');
        if (eol < 0) {
          this.pending = buf.subarray(pos);
          return;
        }
        const empty = eol === pos;
        pos = eol + 2;
        if (empty) this.complete();
      }
    }
  }

  private complete(): void {
    const cur = this.current!;
    this.current = null;
    this.state = { kind: 'headers' };
    if (cur.close) {
      this.closed = true;
      this.socket.removeAllListeners('close');
      this.socket.on('error', () => undefined);
      this.socket.destroy();
    }
    cur.resolve(cur.res);
  }
}

export interface LoadResult {
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  opsPerSec: number;
  p50ms: number;
  p99ms: number;
  firstError?: string;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Runs `concurrency` connections, each issuing requests back to back for `durationMs`; counts only 2xx answers.
 * `make(worker, seq)` builds each request.
 */
export async function closedLoop(
  host: string,
  port: number,
  concurrency: number,
  durationMs: number,
  make: (worker: number, seq: number) => RawRequest,
  expectBytes?: number,
): Promise<LoadResult> {
  const conns = Array.from({ length: concurrency }, () => new RawConnection(host, port, 30_000));
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    conns.map(async (conn, w) => {
      let seq = 0;
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const res = await conn.request(make(w, seq++));
          const key = String(res.status);
          statuses[key] = (statuses[key] ?? 0) + 1;
          if (res.status >= 200 && res.status < 300 && (expectBytes === undefined || res.bytes === expectBytes)) {
            ok++;
            latencies.push(performance.now() - t0);
          } else {
            errors++;
            firstError ??= `status ${res.status}, ${res.bytes} body bytes`;
          }
        } catch (err) {
          errors++;
          firstError ??= (err as Error).message;
          statuses.neterr = (statuses.neterr ?? 0) + 1;
          conn.close();
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  for (const c of conns) c.close();
  const sorted = Float64Array.from(latencies).sort();
  return {
    ok,
    errors,
    statuses,
    seconds,
    opsPerSec: ok / seconds,
    p50ms: percentile(sorted, 50),
    p99ms: percentile(sorted, 99),
    firstError,
  };
}
