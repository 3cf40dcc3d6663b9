import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import type { ObjectDescription, ObjectStat, StagedWrite } from '../ufs-adapter';
import { CallerGone, isNoSuchUpload, isNotFound, toUfsError, type ErrorContext } from './s3-errors';
import { bareEtag, lastModifiedSeconds, versionOf } from './s3-layout';

/** The backend bucket and the client that reaches it. */
export interface Backend {
  readonly client: S3Client;
  readonly bucket: string;
}

const abandoned = () => new CallerGone('write');

/**
 * The stat of what a write just made visible. HeadObject gives LastModified (PutObject and Complete do not); when the
 * key already holds another ETag (a concurrent writer won at once), our bytes are no longer there to describe and
 * the stat is built from what we know — a version that matches nothing at the key, so no reader trusts it. Never
 * throws.
 */
export async function statAfterWrite(backend: Backend, key: string, etag: string | undefined, size: number): Promise<ObjectStat> {
  try {
    const head = await backend.client.send(new HeadObjectCommand({ Bucket: backend.bucket, Key: key }));
    if (bareEtag(head.ETag) === bareEtag(etag)) {
      return { size: Number(head.ContentLength ?? size), version: versionOf(head.ETag, head.LastModified), lastModifiedMs: lastModifiedSeconds(head.LastModified) * 1000 };
    }
  } catch {
    // The bytes are visible already: failing the write now would only lose its record. The built stat's version
    // matches nothing at the key, so the first read finds the object changed and re-resolves it.
  }
  const now = new Date();
  return { size, version: versionOf(etag, now), lastModifiedMs: lastModifiedSeconds(now) * 1000 };
}

export interface ObjectWriteOptions {
  /** Bytes per backend part once the write is multipart; at most this (+ one caller chunk) is buffered. */
  partSize: number;
  /** The largest write sent as one PutObject (capped at `partSize`: the size is unknown until commit). */
  singlePutLimit: number;
  /** Mirrored onto the backend object (Content-Type, x-amz-meta-*, ...). */
  description?: ObjectDescription;
}

/** Header values must be ASCII: anything else goes as an RFC 2047 encoded word, as S3 itself answers such values. */
function headerSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/**
 * The PutObject / CreateMultipartUpload parameters that mirror an object's description onto the backend object, so
 * other readers of the bucket see its type and metadata (Silt's own record stays what Silt answers from).
 */
export function describeParams(d: ObjectDescription | undefined): {
  ContentType?: string;
  Metadata?: Record<string, string>;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Expires?: Date;
  Tagging?: string;
} {
  if (!d) return {};
  const sys = d.systemMetadata ?? {};
  const meta = Object.entries(d.userMetadata ?? {});
  const expires = sys['expires'] !== undefined ? new Date(sys['expires']) : undefined;
  return {
    ...(d.contentType && { ContentType: headerSafe(d.contentType) }),
    ...(meta.length && { Metadata: Object.fromEntries(meta.map(([k, v]) => [k, headerSafe(v)])) }),
    ...(sys['cache-control'] && { CacheControl: headerSafe(sys['cache-control']) }),
    ...(sys['content-disposition'] && { ContentDisposition: headerSafe(sys['content-disposition']) }),
    ...(sys['content-encoding'] && { ContentEncoding: headerSafe(sys['content-encoding']) }),
    ...(sys['content-language'] && { ContentLanguage: headerSafe(sys['content-language']) }),
    ...(expires && !Number.isNaN(expires.getTime()) && { Expires: expires }),
    ...(d.tags?.length && { Tagging: new URLSearchParams(d.tags.map((t): [string, string] => [t.key, t.value])).toString() }),
  };
}

/**
 * A write to a backend object. The total size is not known up front, so the bytes are buffered — at most one part
 * — and go as one PutObject at commit when they fit `singlePutLimit` (and a part); past it a backend multipart
 * upload is used, every `partSize` bytes becoming an UploadPart sent while the next part fills (so at most two
 * parts are in memory). Commit completes the upload; nothing is visible before, and abort aborts the backend upload
 * (nothing left).
 */
export class S3ObjectWrite<S extends ObjectStat = ObjectStat> implements StagedWrite<S> {
  private state: 'open' | 'committing' | 'committed' | 'aborted' = 'open';
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private total = 0;
  private upload?: { uploadId: string; parts: Array<{ PartNumber: number; ETag: string }>; inFlight?: Promise<void> };
  private creating?: Promise<string>;

  constructor(
    private readonly backend: Backend,
    private readonly key: string,
    private readonly options: ObjectWriteOptions,
    private readonly describe: (stat: ObjectStat) => S,
    private readonly ctx: ErrorContext,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (this.state !== 'open') throw new Error(`write after ${this.state}`);
    if (chunk.length === 0) return;
    this.pending.push(Buffer.from(chunk)); // the caller may reuse its buffer once this resolves
    this.pendingBytes += chunk.length;
    this.total += chunk.length;
    const limit = Math.min(this.options.singlePutLimit, this.options.partSize);
    if (!this.upload && this.pendingBytes <= limit) return;
    try {
      while (this.pendingBytes >= this.options.partSize) await this.sendPart(this.take(this.options.partSize));
    } catch (err) {
      throw toUfsError(err, this.ctx);
    }
  }

  /** The first `n` buffered bytes as one buffer; the rest stays buffered. */
  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return head;
  }

  private async startUpload(): Promise<string> {
    if (this.upload) return this.upload.uploadId;
    this.creating ??= this.backend.client
      .send(new CreateMultipartUploadCommand({ Bucket: this.backend.bucket, Key: this.key, ...describeParams(this.options.description) }))
      .then((r) => {
        if (!r.UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
        this.upload = { uploadId: r.UploadId, parts: [] };
        return r.UploadId;
      });
    return this.creating;
  }

  /** Waits for the part in flight, then sends this one in the background (its failure surfaces on the next wait). */
  private async sendPart(body: Buffer): Promise<void> {
    const uploadId = await this.startUpload();
    const upload = this.upload!;
    await upload.inFlight;
    if (this.state === 'aborted') throw abandoned();
    const partNumber = upload.parts.length + 1;
    const entry = { PartNumber: partNumber, ETag: '' };
    upload.parts.push(entry);
    const sending = this.backend.client
      .send(new UploadPartCommand({ Bucket: this.backend.bucket, Key: this.key, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: body.length }))
      .then((r) => {
        entry.ETag = r.ETag ?? '';
      });
    upload.inFlight = sending;
    sending.catch(() => undefined); // observed by the next wait
  }

  async commit(signal?: AbortSignal): Promise<S> {
    if (this.state !== 'open') throw new Error(`commit after ${this.state}`);
    this.state = 'committing';
    try {
      let etag: string | undefined;
      if (!this.upload && this.total <= Math.min(this.options.singlePutLimit, this.options.partSize)) {
        const body = this.take(this.pendingBytes);
        if (signal?.aborted) throw abandoned();
        const r = await this.backend.client.send(
          new PutObjectCommand({ Bucket: this.backend.bucket, Key: this.key, Body: body, ContentLength: body.length, ...describeParams(this.options.description) }),
        );
        etag = r.ETag;
      } else {
        // Above the threshold but within one part (a threshold below partSize): a one-part upload, as configured.
        while (this.pendingBytes > 0) await this.sendPart(this.take(Math.min(this.pendingBytes, this.options.partSize)));
        await this.upload!.inFlight;
        if (signal?.aborted) throw abandoned();
        const r = await this.backend.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: this.backend.bucket,
            Key: this.key,
            UploadId: this.upload!.uploadId,
            MultipartUpload: { Parts: this.upload!.parts },
          }),
        );
        etag = r.ETag;
      }
      this.state = 'committed';
      return this.describe(await statAfterWrite(this.backend, this.key, etag, this.total));
    } catch (err) {
      this.state = 'aborted'; // no more writes; abort() still drops the backend upload
      throw toUfsError(err, this.ctx);
    }
  }

  async abort(): Promise<void> {
    if (this.state === 'committed') return;
    this.state = 'aborted';
    this.pending = [];
    this.pendingBytes = 0;
    await this.creating?.catch(() => undefined);
    const upload = this.upload;
    this.upload = undefined;
    this.creating = undefined;
    if (!upload) return;
    await upload.inFlight?.catch(() => undefined);
    try {
      await this.backend.client.send(new AbortMultipartUploadCommand({ Bucket: this.backend.bucket, Key: this.key, UploadId: upload.uploadId }));
    } catch (err) {
      if (!isNoSuchUpload(err) && !isNotFound(err)) throw toUfsError(err, this.ctx);
    }
  }
}

/**
 * One part of a Silt upload streamed straight into the backend multipart upload (UploadPart with the size known up
 * front: `expectedSize`). The last chunk is held back until commit, so the backend never receives the whole part
 * before commit: an abort (or a write that turns out too long or too short) cancels the request and the backend
 * drops the partial part, leaving an earlier part with the same number as it was.
 */
export class S3PartStream<S extends ObjectStat> implements StagedWrite<S> {
  private state: 'open' | 'committing' | 'committed' | 'aborted' = 'open';
  private readonly body = new PassThrough({ highWaterMark: 1024 * 1024 });
  private readonly cancel = new AbortController();
  private readonly request: Promise<string>;
  private failed?: unknown;
  private held?: Buffer;
  private sent = 0;

  constructor(
    backend: Backend,
    key: string,
    uploadId: string,
    partNumber: number,
    private readonly expectedSize: number,
    private readonly describe: (etag: string, size: number) => S,
    private readonly ctx: ErrorContext,
  ) {
    this.request = backend.client
      .send(
        new UploadPartCommand({ Bucket: backend.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: this.body, ContentLength: expectedSize }),
        { abortSignal: this.cancel.signal },
      )
      .then((r) => r.ETag ?? '');
    this.request.catch((err: unknown) => {
      this.failed ??= err;
      this.body.destroy();
    });
  }

  private get buffered(): number {
    return this.sent + (this.held?.length ?? 0);
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.state !== 'open') throw new Error(`write after ${this.state}`);
    if (this.failed) throw toUfsError(this.failed, this.ctx);
    if (this.buffered + chunk.length > this.expectedSize) {
      await this.abort();
      throw new S3Error('IncompleteBody', `The part is longer than the ${this.expectedSize} bytes declared.`);
    }
    if (chunk.length === 0) return;
    const previous = this.held;
    this.held = Buffer.from(chunk); // a copy: the caller may reuse its buffer once this resolves
    if (previous) await this.push(previous);
  }

  private async push(buf: Buffer): Promise<void> {
    this.sent += buf.length;
    if (this.body.write(buf)) return;
    // Wait for room, or for the request to fail (then no drain comes).
    await Promise.race([once(this.body, 'drain'), this.request.then(() => undefined)]).catch(() => undefined);
    if (this.failed) throw toUfsError(this.failed, this.ctx);
  }

  async commit(signal?: AbortSignal): Promise<S> {
    if (this.state !== 'open') throw new Error(`commit after ${this.state}`);
    if (this.buffered !== this.expectedSize) {
      await this.abort();
      throw new S3Error('IncompleteBody');
    }
    if (signal?.aborted) {
      await this.abort();
      throw abandoned();
    }
    this.state = 'committing';
    const last = this.held;
    this.held = undefined;
    if (last) this.sent += last.length;
    this.body.end(last);
    try {
      const etag = await this.request;
      this.state = 'committed';
      return this.describe(etag, this.expectedSize);
    } catch (err) {
      this.state = 'aborted';
      throw toUfsError(err, this.ctx);
    }
  }

  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    this.state = 'aborted';
    this.held = undefined;
    this.cancel.abort();
    this.body.destroy();
    await this.request.catch(() => undefined);
  }
}
