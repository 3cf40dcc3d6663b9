/**
 * Buffers of one size, reused: a byte stream takes one per chunk and gives it back once the chunk's bytes have been
 * taken (gRPC framed the message, the socket took the write: the write callback), so a steady stream allocates
 * nothing and dead chunks do not pile up as external memory until V8 collects them. At most `maxIdle` are kept
 * between uses; a buffer of another size is never kept.
 */
export class BufferPool {
  private readonly idle: Buffer[] = [];

  constructor(
    readonly size: number,
    private readonly maxIdle: number,
  ) {}

  take(): Buffer {
    return this.idle.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  give(buf: Buffer): void {
    if (buf.length === this.size && this.idle.length < this.maxIdle) this.idle.push(buf);
  }
}
