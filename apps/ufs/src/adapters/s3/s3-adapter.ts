import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { inspect } from 'node:util';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectTaggingCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
  type HeadObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { multipartEtag } from '../../../../../libs/s3-protocol/src/checksums/checksums';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';
import { validatePartTarget, validateUploadId } from '../staging-target';
import type { ComposeSource, ObjectDescription, ObjectReader, ObjectStat, PartTarget, StagedPartStat, StagedWrite, UfsAdapter, UfsListEntry } from '../ufs-adapter';
import { MAX_PART_BYTES, planCompose, type Piece, type PlanSource } from './compose-plan';
import { backendStatus, CallerGone, isNoSuchUpload, isNotFound, isPreconditionFailed, toUfsError, type ErrorContext } from './s3-errors';
import {
  backendKey,
  backendPartPath,
  bareEtag,
  etagOfVersion,
  lastModifiedSeconds,
  markerKey,
  normalizePrefix,
  parseStagedPath,
  partObjectKey,
  siltKeyOf,
  STAGING_PREFIX,
  stagingDir,
  versionOf,
  type StagedRef,
} from './s3-layout';
import { describeParams, S3ObjectWrite, S3PartStream, statAfterWrite, type Backend } from './s3-staged-write';

/*
 * The S3 mount: a UfsAdapter over any S3 endpoint (AWS, MinIO, Ceph, moto), on @aws-sdk/client-s3.
 *
 * Mapping (./s3-layout.ts): the mount IS one Silt bucket. `s3-mount` -> `s3://their-bucket/optional/prefix/` maps
 * the Silt object `s3-mount/<key>` to `<prefix><key>` in `their-bucket`; the Silt bucket name given to each call is
 * not part of the backend key — it is only checked against `mountBucket` when that is set (another name is
 * NoSuchBucket). `<prefix>.silt/` is Silt's hidden area (multipart staging), never listed, refused as a key.
 *
 * Objects:
 *   - stat = HeadObject; version = `<ETag>@<LastModified seconds>` (see `versionOf`), the same from a listing.
 *   - openRead = HeadObject; each read() is one GetObject of its range with If-Match on that ETag, so the bytes are
 *     the stat's or the read fails with UfsVersionChanged (412: overwritten since; 404: deleted since). The body
 *     streams; chunks are coalesced to exactly `chunkBytes` (the last may be shorter), never the whole range.
 *   - beginWrite buffers at most one part: a write that fits min(multipartThreshold, partSize) is one PutObject at
 *     commit; a bigger one becomes a backend multipart upload as it arrives (./s3-staged-write.ts). Nothing is
 *     visible before commit; abort aborts the backend upload. Commit returns the stat by HeadObject.
 *   - delete(ifVersion): HeadObject to learn the version, then DeleteObject with If-Match on its ETag (S3 and moto
 *     honour it; a 412 is "another version is there" -> false). On a backend that ignores If-Match on DELETE a write
 *     landing between the two calls can be deleted: the check is then best-effort. Without ifVersion the HeadObject
 *     only tells whether there was an object (S3's DELETE answers 204 either way).
 *   - createDirectory: the backend bucket exists already; HeadBucket checks that it is reachable with these
 *     credentials (NoSuchBucket / AccessDenied otherwise). deleteDirectory deletes nothing: BucketNotEmpty when the
 *     mount holds any object, else a no-op (unmounting is the metadata's business, the bucket is the owner's).
 *     beginWrite cannot know without I/O that the backend bucket is gone: that is NoSuchBucket at commit (and a stat
 *     or openRead of a missing backend bucket sees no object: HeadObject's 404 has no code to tell them apart).
 *   - list (beyond UfsAdapter): ListObjectsV2 one page at a time, lazily, as an async generator.
 *
 * Multipart (Silt's own uploads, UploadPart / Complete / Abort at the gateway):
 *   - A part whose size is known up front (PartTarget.expectedSize) and at least the backend's minimum part size
 *     (5 MiB) streams straight into a backend multipart upload created on the key at the upload's first such part,
 *     as UploadPart of the same part number. Its staged path is `.silt/staging/<id>/<n>@<ETag>`.
 *   - Any other part (smaller, or of unknown size) is written as an object of its own at
 *     `<prefix>.silt/staging/<id>/part.<n>` (staged path: that key), readable and copyable server-side.
 *   - Which backend upload belongs to which Silt upload is kept in the backend itself, so that any ufs process (a
 *     restarted one, another replica) finds it: the marker object `<prefix>.silt/staging/<id>/upload.json` holds the
 *     key and the backend UploadId. It is written with If-None-Match: * after CreateMultipartUpload; a process that
 *     loses that race aborts its own backend upload and uses the winner's.
 *   - compose = ListParts (backend parts checked by ETag and size) + HeadObject of object parts, then the plan of
 *     ./compose-plan.ts: backend parts pass through, object parts are UploadPartCopy'd (server-side) into the backend
 *     upload, or read and re-uploaded where they are too small for the backend; then CompleteMultipartUpload. Only
 *     object parts and a plan of one output skip the backend upload (CopyObject / PutObject). With `observe` the
 *     result is read back (GetObject with If-Match) — S3 composes without moving bytes through Silt.
 *   - CompleteMultipartUpload consumes the backend parts, so to keep compose retryable the marker records the
 *     compose (its parts and the ETag expected / obtained) before and after Complete: a retry with the same parts
 *     that finds the object at the key with that ETag succeeds without redoing anything.
 *   - deleteStaging = AbortMultipartUpload + delete of the part objects and the marker (last). reapStaging drops
 *     uploads whose newest marker, part object or backend part (ListParts) is older than the cutoff, skipping uploads
 *     with a write or compose in flight in this process. A backend upload whose marker was never written (a crash
 *     between CreateMultipartUpload and the marker) is invisible to Silt: give the backend bucket a lifecycle rule
 *     AbortIncompleteMultipartUpload as a backstop.
 *
 * Credentials go into the S3 client and nowhere else: errors are mapped by ./s3-errors.ts to codes and statuses
 * only, and the adapter inspects / serialises as its bucket, prefix, endpoint and region.
 */

const MiB = 1024 * 1024;

export interface S3UfsAdapterOptions {
  /** The backend bucket. */
  bucket: string;
  /** Where the mount starts in the backend bucket ('a/b/' style; '' or absent = the whole bucket). */
  prefix?: string;
  /** Any S3 endpoint (MinIO, Ceph, moto); absent = AWS for `region`. */
  endpoint?: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Path-style URLs (`endpoint/bucket/key`), which most non-AWS endpoints need. */
  forcePathStyle?: boolean;
  /** Writes bigger than this go multipart (capped at `partSize`, see beginWrite). Default 64 MiB. */
  multipartThreshold?: number;
  /** Bytes per backend part of a multipart write. Default 16 MiB; at least `minPartSize`. */
  partSize?: number;
  /** The backend's smallest part but the last. Default 5 MiB (S3's). */
  minPartSize?: number;
  /** The Silt bucket this mount is; when set, any other bucket name is NoSuchBucket. */
  mountBucket?: string;
  /** Keys per ListObjectsV2 page. Default 1000 (S3's maximum). */
  listPageSize?: number;
  /** SDK attempts per request (retries of throttling and transient errors). Default 3. */
  maxAttempts?: number;
}

export type { UfsListEntry } from '../ufs-adapter';

/** A Silt upload's record in the backend (the marker object). */
interface UploadMarker {
  v: 1;
  /** The Silt key the upload is for. */
  key: string;
  /** The backend multipart upload holding the parts written to it. */
  backendUploadId: string;
  createdMs: number;
  /** Written just before CompleteMultipartUpload. */
  completing?: { signature: string; expectedEtag: string };
  /** Written just after it. */
  completed?: { signature: string; etag: string };
}

interface BackendPart {
  etag: string;
  size: number;
  lastModifiedMs: number;
}

const statOfHead = (head: { ETag?: string; LastModified?: Date; ContentLength?: number }): ObjectStat => ({
  size: Number(head.ContentLength ?? 0),
  version: versionOf(head.ETag, head.LastModified),
  lastModifiedMs: lastModifiedSeconds(head.LastModified) * 1000,
});

/** S3's multipart ETag for parts with these ETags, when every one is an MD5 (else '': not predictable). */
export function backendMultipartEtag(partEtags: readonly string[]): string {
  const bare = partEtags.map(bareEtag);
  if (!bare.every((e) => /^[0-9a-f]{32}$/i.test(e))) return '';
  return multipartEtag(bare.map((e) => Buffer.from(e, 'hex')));
}

/** An ETag as conditional headers want it (quoted); undefined for none (no condition rather than a false one). */
const quoted = (etag: string | undefined) => (etag ? `"${bareEtag(etag)}"` : undefined);

/** `bucket/key` for x-amz-copy-source, each key segment URL-encoded. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** Runs `fn` over `items` with at most `limit` at once; resolves when all are done (first error rejects). */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const throwIfAborted = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new CallerGone('compose');
};

/**
 * Yields the bytes of `body` in chunks of exactly `chunkBytes` (the last may be shorter), holding at most one chunk;
 * throws when the body ends before `expected` bytes.
 */
async function* rechunk(body: Readable, chunkBytes: number, expected: number, onShort: () => Error): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let n = 0;
  let total = 0;
  for await (const raw of body as AsyncIterable<Buffer>) {
    let buf = raw;
    total += buf.length;
    while (buf.length > 0) {
      const take = Math.min(buf.length, chunkBytes - n);
      parts.push(buf.subarray(0, take));
      n += take;
      buf = buf.subarray(take);
      if (n === chunkBytes) {
        yield parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
        parts = [];
        n = 0;
      }
    }
  }
  if (n > 0) yield parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
  if (total !== expected) throw onShort();
}

class S3Reader implements ObjectReader {
  private readonly bodies = new Set<Readable>();

  constructor(
    private readonly backend: Backend,
    private readonly key: string,
    private readonly etag: string,
    readonly stat: ObjectStat,
    private readonly ctx: ErrorContext,
  ) {}

  async *read(offset: number, length: number, chunkBytes: number): AsyncIterable<Buffer> {
    const end = length < 0 ? this.stat.size : Math.min(this.stat.size, offset + length);
    if (offset >= end) return;
    const body = await openBody(this.backend, this.key, this.etag, this.stat.version, offset, end, this.ctx);
    this.bodies.add(body);
    try {
      yield* rechunk(body, chunkBytes, end - offset, () => new S3Error('InternalError', "The S3 mount's storage ended a read early."));
    } finally {
      body.destroy();
      this.bodies.delete(body);
    }
  }

  async close(): Promise<void> {
    for (const body of this.bodies) body.destroy();
    this.bodies.clear();
  }
}

/** GetObject of [start, end) only if the object still has `etag`: 412 / 404 / another ETag -> UfsVersionChanged. */
async function openBody(backend: Backend, key: string, etag: string, version: string, start: number, end: number, ctx: ErrorContext): Promise<Readable> {
  let res;
  try {
    res = await backend.client.send(
      new GetObjectCommand({ Bucket: backend.bucket, Key: key, Range: `bytes=${start}-${end - 1}`, ...(etag && { IfMatch: `"${etag}"` }) }),
    );
  } catch (err) {
    if (isPreconditionFailed(err) || isNotFound(err)) throw new UfsVersionChanged(version, undefined);
    throw toUfsError(err, ctx);
  }
  const body = res.Body as Readable;
  if (bareEtag(res.ETag) && bareEtag(res.ETag) !== etag) {
    body.destroy(); // an endpoint that ignored If-Match
    throw new UfsVersionChanged(version, versionOf(res.ETag, res.LastModified));
  }
  return body;
}

/** Counts writes and composes in flight per upload id, so the reaper never drops an upload under one. */
class ActiveUploads {
  private readonly counts = new Map<string, number>();
  enter(id: string): () => void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.counts.get(id) ?? 1) - 1;
      if (n > 0) this.counts.set(id, n);
      else this.counts.delete(id);
    };
  }
  has(id: string): boolean {
    return this.counts.has(id);
  }
}

/** A staged write whose end (commit or abort, either way) releases its upload in ActiveUploads. */
class Tracked<S extends ObjectStat> implements StagedWrite<S> {
  constructor(
    private readonly inner: StagedWrite<S>,
    private readonly release: () => void,
  ) {}
  write(chunk: Buffer): Promise<void> {
    return this.inner.write(chunk);
  }
  async commit(signal?: AbortSignal): Promise<S> {
    try {
      return await this.inner.commit(signal);
    } finally {
      this.release();
    }
  }
  async abort(): Promise<void> {
    try {
      await this.inner.abort();
    } finally {
      this.release();
    }
  }
}

export class S3UfsAdapter implements UfsAdapter {
  private readonly backend: Backend;
  private readonly prefix: string;
  private readonly partSize: number;
  private readonly singlePutLimit: number;
  private readonly minPartSize: number;
  private readonly listPageSize: number;
  private readonly mountBucket?: string;
  private readonly description: { bucket: string; prefix: string; endpoint?: string; region: string };
  /** Silt upload id -> its marker's stable part (key, backend upload), as read or written by this process. */
  private readonly uploads = new Map<string, { key: string; backendUploadId: string }>();
  /** Each Silt upload's object description (from its part writes), for the backend upload made for it. */
  private readonly descriptions = new Map<string, ObjectDescription>();
  private readonly finding = new Map<string, Promise<{ key: string; backendUploadId: string }>>();
  private readonly active = new ActiveUploads();

  constructor(options: S3UfsAdapterOptions) {
    this.prefix = normalizePrefix(options.prefix);
    this.minPartSize = options.minPartSize ?? 5 * MiB;
    this.partSize = options.partSize ?? 16 * MiB;
    this.singlePutLimit = Math.min(options.multipartThreshold ?? 64 * MiB, this.partSize);
    this.listPageSize = options.listPageSize ?? 1000;
    this.mountBucket = options.mountBucket;
    if (!options.bucket) throw new Error('S3 mount: the backend bucket must be set.');
    if (!(this.partSize >= this.minPartSize && this.partSize <= MAX_PART_BYTES)) {
      throw new Error(`S3 mount: partSize must be between ${this.minPartSize} and ${MAX_PART_BYTES} bytes.`);
    }
    if (!(this.singlePutLimit >= 0)) throw new Error('S3 mount: multipartThreshold must not be negative.');
    if (!(this.listPageSize >= 1 && this.listPageSize <= 1000)) throw new Error('S3 mount: listPageSize must be 1..1000.');
    const client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: { ...options.credentials },
      maxAttempts: options.maxAttempts ?? 3,
      // Checksums only where S3 requires them: many S3-compatible endpoints reject the newer default trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.backend = { client, bucket: options.bucket };
    this.description = { bucket: options.bucket, prefix: this.prefix, endpoint: options.endpoint, region: options.region };
  }

  /** What a log or an inspection shows of the adapter: never the client (which holds the credentials). */
  toJSON(): object {
    return { type: 's3', ...this.description };
  }

  [inspect.custom](): string {
    return `S3UfsAdapter ${JSON.stringify(this.toJSON())}`;
  }

  private checkBucket(bucket: string): void {
    if (bucket === '') throw new S3Error('InvalidBucketName', 'The bucket name must not be empty.', { BucketName: bucket });
    if (this.mountBucket !== undefined && bucket !== this.mountBucket) throw new S3Error('NoSuchBucket', undefined, { BucketName: bucket });
  }

  /** The backend key of a Silt object, after the bucket and key checks (no I/O). */
  private objectKey(bucket: string, key: string): string {
    this.checkBucket(bucket);
    return backendKey(this.prefix, key);
  }

  private async head(key: string, ctx: ErrorContext): Promise<HeadObjectCommandOutput | undefined> {
    try {
      return await this.backend.client.send(new HeadObjectCommand({ Bucket: this.backend.bucket, Key: key }));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw toUfsError(err, ctx);
    }
  }

  async stat(bucket: string, key: string): Promise<ObjectStat | undefined> {
    const head = await this.head(this.objectKey(bucket, key), { bucket, key });
    return head && statOfHead(head);
  }

  async openRead(bucket: string, key: string, known?: { version: string; size: number }): Promise<ObjectReader> {
    const ctx = { bucket, key };
    const backendKeyOf = this.objectKey(bucket, key);
    // A version that names its ETag needs no HeadObject: every read is a GET with If-Match on it, so a changed or
    // deleted object fails that read with UfsVersionChanged just as a stale HEAD would have been caught (a cold read
    // of a mounted object is one request, not two).
    const etag = known && etagOfVersion(known.version);
    if (known && etag) {
      const lastModifiedMs = Number(known.version.slice(known.version.lastIndexOf('@') + 1)) * 1000;
      return new S3Reader(this.backend, backendKeyOf, etag, { size: known.size, version: known.version, lastModifiedMs }, ctx);
    }
    const head = await this.head(backendKeyOf, ctx);
    if (!head) throw new S3Error('NoSuchKey', undefined, { Key: key });
    return new S3Reader(this.backend, backendKeyOf, bareEtag(head.ETag), statOfHead(head), ctx);
  }

  async beginWrite(bucket: string, key: string, description?: ObjectDescription): Promise<StagedWrite> {
    const target = this.objectKey(bucket, key);
    return new S3ObjectWrite(this.backend, target, { partSize: this.partSize, singlePutLimit: this.singlePutLimit, description }, (st) => st, { bucket, key });
  }

  async setTags(bucket: string, key: string, tags: ReadonlyArray<{ key: string; value: string }>): Promise<void> {
    const target = this.objectKey(bucket, key);
    try {
      if (tags.length) {
        const TagSet = tags.map((t) => ({ Key: t.key, Value: t.value }));
        await this.backend.client.send(new PutObjectTaggingCommand({ Bucket: this.backend.bucket, Key: target, Tagging: { TagSet } }));
      } else {
        await this.backend.client.send(new DeleteObjectTaggingCommand({ Bucket: this.backend.bucket, Key: target }));
      }
    } catch (err) {
      throw toUfsError(err, { bucket, key });
    }
  }

  async delete(bucket: string, key: string, ifVersion?: string): Promise<boolean> {
    const ctx = { bucket, key };
    const target = this.objectKey(bucket, key);
    const head = await this.head(target, ctx);
    if (!head) return false;
    if (ifVersion && statOfHead(head).version !== ifVersion) return false;
    const send = (ifMatch: string | undefined) =>
      this.backend.client.send(new DeleteObjectCommand({ Bucket: this.backend.bucket, Key: target, ...(ifMatch && { IfMatch: ifMatch }) }));
    try {
      await send(ifVersion ? head.ETag : undefined);
    } catch (err) {
      if (isPreconditionFailed(err) || (ifVersion && isNotFound(err))) return false;
      // An endpoint without conditional deletes: fall back to the plain delete (the check above was best-effort).
      if (ifVersion && backendStatus(err) === 501) await send(undefined).catch((e: unknown) => Promise.reject(toUfsError(e, ctx)));
      else throw toUfsError(err, ctx);
    }
    return true;
  }

  async createDirectory(bucket: string): Promise<void> {
    this.checkBucket(bucket);
    try {
      await this.backend.client.send(new HeadBucketCommand({ Bucket: this.backend.bucket }));
    } catch (err) {
      if (isNotFound(err)) throw new S3Error('NoSuchBucket', "The S3 mount's bucket does not exist.", { BucketName: bucket });
      throw toUfsError(err, { bucket });
    }
  }

  async deleteDirectory(bucket: string): Promise<void> {
    for await (const _ of this.list(bucket, '')) throw new S3Error('BucketNotEmpty', undefined, { BucketName: bucket });
  }

  /**
   * The mount's objects whose keys start with `prefix`, in S3's (UTF-8 byte) order, after `startAfter` when given:
   * one ListObjectsV2 page in memory at a time, fetched as the caller iterates. Silt's hidden area and keys Silt
   * could not address (written behind its back: `a/../b`, ...) are left out.
   */
  async *list(bucket: string, prefix = '', startAfter?: string): AsyncGenerator<UfsListEntry> {
    this.checkBucket(bucket);
    let token: string | undefined;
    let first = true;
    do {
      let page;
      try {
        page = await this.backend.client.send(
          new ListObjectsV2Command({
            Bucket: this.backend.bucket,
            Prefix: this.prefix + prefix,
            MaxKeys: this.listPageSize,
            ...(token ? { ContinuationToken: token } : {}),
            ...(first && startAfter !== undefined ? { StartAfter: this.prefix + startAfter } : {}),
          }),
        );
      } catch (err) {
        throw toUfsError(err, { bucket });
      }
      first = false;
      for (const c of page.Contents ?? []) {
        const key = c.Key === undefined ? undefined : siltKeyOf(this.prefix, c.Key);
        if (key === undefined) continue;
        yield { key, size: Number(c.Size ?? 0), version: versionOf(c.ETag, c.LastModified), lastModifiedMs: lastModifiedSeconds(c.LastModified) * 1000 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  // ---- Multipart ----------------------------------------------------------------------------------------------

  async beginPartWrite(bucket: string, key: string, part: PartTarget): Promise<StagedWrite<StagedPartStat>> {
    const target = this.objectKey(bucket, key);
    const { uploadId, partNumber } = validatePartTarget(part);
    const ctx = { bucket, key };
    const release = this.active.enter(uploadId);
    try {
      if (part.description) this.descriptions.set(uploadId, part.description);
      const size = part.expectedSize;
      if (size !== undefined && size >= this.minPartSize && size <= MAX_PART_BYTES) {
        const { backendUploadId } = await this.findUpload(uploadId, key, true);
        const write = new S3PartStream<StagedPartStat>(
          this.backend,
          target,
          backendUploadId,
          partNumber,
          size,
          (etag, n) => ({ size: n, version: bareEtag(etag), lastModifiedMs: Date.now(), stagedPath: backendPartPath(uploadId, partNumber, etag) }),
          ctx,
        );
        return new Tracked(write, release);
      }
      const stagedPath = partObjectKey(uploadId, partNumber);
      const write = new S3ObjectWrite<StagedPartStat>(
        this.backend,
        this.prefix + stagedPath,
        { partSize: this.partSize, singlePutLimit: this.singlePutLimit },
        (st) => ({ ...st, stagedPath }),
        ctx,
      );
      return new Tracked(write, release);
    } catch (err) {
      release();
      throw err;
    }
  }

  private async readMarker(uploadId: string): Promise<UploadMarker | undefined> {
    let text: string;
    try {
      const res = await this.backend.client.send(new GetObjectCommand({ Bucket: this.backend.bucket, Key: this.prefix + markerKey(uploadId) }));
      text = await res.Body!.transformToString('utf8');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw toUfsError(err);
    }
    try {
      const m = JSON.parse(text) as UploadMarker;
      if (m.v === 1 && typeof m.key === 'string' && typeof m.backendUploadId === 'string') return m;
    } catch {
      // fall through
    }
    throw new S3Error('InternalError', `The staging marker of upload ${uploadId} is damaged.`);
  }

  private async writeMarker(uploadId: string, marker: UploadMarker, ifNoneMatch = false): Promise<void> {
    await this.backend.client.send(
      new PutObjectCommand({
        Bucket: this.backend.bucket,
        Key: this.prefix + markerKey(uploadId),
        Body: JSON.stringify(marker),
        ContentType: 'application/json',
        ...(ifNoneMatch && { IfNoneMatch: '*' }),
      }),
    );
  }

  /**
   * The backend upload of a Silt upload: from this process's memory, else from the marker; with `create`, made
   * (CreateMultipartUpload on the key + the marker) when there is none. One lookup per upload id at a time.
   */
  private async findUpload(uploadId: string, key: string, create: boolean): Promise<{ key: string; backendUploadId: string }> {
    let found: { key: string; backendUploadId: string } | undefined = this.uploads.get(uploadId);
    if (!found) {
      let finding = this.finding.get(uploadId);
      if (!finding) {
        finding = this.loadOrCreateUpload(uploadId, key, create).finally(() => this.finding.delete(uploadId));
        this.finding.set(uploadId, finding);
      }
      found = await finding;
    }
    if (found.key !== key) throw new S3Error('InvalidRequest', 'The upload is staged for another key.');
    return found;
  }

  private async loadOrCreateUpload(uploadId: string, key: string, create: boolean): Promise<{ key: string; backendUploadId: string }> {
    const existing = await this.readMarker(uploadId);
    if (existing || !create) {
      if (!existing) throw new S3Error('InvalidPart');
      const found = { key: existing.key, backendUploadId: existing.backendUploadId };
      this.uploads.set(uploadId, found);
      return found;
    }
    const target = backendKey(this.prefix, key);
    let backendUploadId: string;
    try {
      // The upload's description, from its part writes, goes onto the backend object (Content-Type, metadata).
      const described = describeParams(this.descriptions.get(uploadId));
      const r = await this.backend.client.send(new CreateMultipartUploadCommand({ Bucket: this.backend.bucket, Key: target, ...described }));
      if (!r.UploadId) throw new S3Error('InternalError', "The S3 mount's storage returned no upload id.");
      backendUploadId = r.UploadId;
    } catch (err) {
      throw toUfsError(err, { key });
    }
    try {
      await this.writeMarker(uploadId, { v: 1, key, backendUploadId, createdMs: Date.now() }, true);
    } catch (err) {
      await this.backend.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.backend.bucket, Key: target, UploadId: backendUploadId }))
        .catch(() => undefined);
      if (!isPreconditionFailed(err)) throw toUfsError(err, { key });
      return this.loadOrCreateUpload(uploadId, key, false); // another process made it first: use theirs
    }
    const found = { key, backendUploadId };
    this.uploads.set(uploadId, found);
    return found;
  }

  private async listParts(target: string, backendUploadId: string): Promise<Map<number, BackendPart>> {
    const parts = new Map<number, BackendPart>();
    let marker: string | undefined;
    for (;;) {
      const page = await this.backend.client.send(
        new ListPartsCommand({ Bucket: this.backend.bucket, Key: target, UploadId: backendUploadId, ...(marker && { PartNumberMarker: marker }) }),
      );
      for (const p of page.Parts ?? []) {
        if (p.PartNumber === undefined) continue;
        parts.set(p.PartNumber, { etag: bareEtag(p.ETag), size: Number(p.Size ?? 0), lastModifiedMs: p.LastModified?.getTime() ?? 0 });
      }
      if (!page.IsTruncated || !page.NextPartNumberMarker) return parts;
      marker = String(page.NextPartNumberMarker);
    }
  }

  async compose(
    bucket: string,
    key: string,
    parts: readonly ComposeSource[],
    observe: ((chunk: Buffer) => void) | undefined,
    signal?: AbortSignal,
  ): Promise<ObjectStat> {
    const target = this.objectKey(bucket, key);
    const ctx = { bucket, key };
    if (parts.length === 0) throw new S3Error('InvalidArgument', 'ComposeObject needs at least one part.');
    const refs = parts.map((p) => parseStagedPath(p.stagedPath));
    const uploadId = refs[0].uploadId;
    if (refs.some((r) => r.uploadId !== uploadId)) throw new S3Error('InvalidArgument', 'ComposeObject: the parts belong to different uploads.');
    const release = this.active.enter(uploadId);
    try {
      return await this.composeUpload(target, ctx, uploadId, refs, parts, observe, signal);
    } catch (err) {
      throw toUfsError(err, ctx);
    } finally {
      release();
    }
  }

  private async composeUpload(
    target: string,
    ctx: { bucket: string; key: string },
    uploadId: string,
    refs: readonly StagedRef[],
    parts: readonly ComposeSource[],
    observe: ((chunk: Buffer) => void) | undefined,
    signal?: AbortSignal,
  ): Promise<ObjectStat> {
    const signature = createHash('sha256')
      .update(JSON.stringify([ctx.key, parts.map((p) => [p.stagedPath, p.version, p.size])]))
      .digest('hex');
    const marker = await this.readMarker(uploadId);
    if (marker && marker.key !== ctx.key) throw new S3Error('InvalidRequest', 'The upload is staged for another key.');

    // A retry of a compose whose Complete went through (the backend parts are gone now): the object is the proof.
    if (marker && (marker.completed?.signature === signature || marker.completing?.signature === signature)) {
      const head = await this.head(target, ctx);
      const etag = bareEtag(head?.ETag);
      const expected = [marker.completed?.signature === signature ? marker.completed.etag : '', marker.completing?.signature === signature ? marker.completing.expectedEtag : ''];
      if (head && etag && expected.includes(etag)) return this.finishCompose(target, etag, Number(head.ContentLength ?? 0), observe, ctx);
    }

    // Every part checked where it is: gone -> InvalidPart, other bytes than recorded -> UfsVersionChanged.
    let backendParts = new Map<number, BackendPart>();
    if (refs.some((r) => r.kind === 'part')) {
      if (!marker) throw new S3Error('InvalidPart', undefined, { PartNumber: String(refs.find((r) => r.kind === 'part')!.partNumber) });
      try {
        backendParts = await this.listParts(target, marker.backendUploadId);
      } catch (err) {
        if (isNoSuchUpload(err) || isNotFound(err)) throw new S3Error('InvalidPart');
        throw err;
      }
    }
    const objectEtags: string[] = [];
    await eachLimited(refs, 8, async (ref, i) => {
      const source = parts[i];
      const missing = () => new S3Error('InvalidPart', undefined, { PartNumber: String(ref.partNumber) });
      if (ref.kind === 'part') {
        const bp = backendParts.get(ref.partNumber);
        if (!bp) throw missing();
        if (bp.etag !== bareEtag(ref.etag) || (source.version && source.version !== bp.etag) || bp.size !== source.size) {
          throw new UfsVersionChanged(source.version, bp.etag);
        }
        return;
      }
      const head = await this.head(this.prefix + ref.key, ctx);
      if (!head) throw missing();
      const st = statOfHead(head);
      if ((source.version && source.version !== st.version) || st.size !== source.size) throw new UfsVersionChanged(source.version, st.version);
      objectEtags[i] = bareEtag(head.ETag);
    });

    const plan = planCompose(
      refs.map((r, i): PlanSource => ({ kind: r.kind, size: parts[i].size, partNumber: r.partNumber })),
      this.minPartSize,
    );
    const sourceKey = (i: number) => this.prefix + (refs[i] as Extract<StagedRef, { kind: 'object' }>).key;
    const copyPreconditionFailed = (i: number) => new UfsVersionChanged(parts[i].version, undefined);
    const total = parts.reduce((n, p) => n + p.size, 0);

    // One output and no backend part: a single server-side copy or put, no backend upload.
    if (!plan.some((o) => o.kind === 'keep') && plan.length <= 1) {
      const only = plan[0];
      let etag: string | undefined;
      if (only?.kind === 'copy') {
        throwIfAborted(signal);
        try {
          const r = await this.backend.client.send(
            new CopyObjectCommand({
              Bucket: this.backend.bucket,
              Key: target,
              CopySource: copySource(this.backend.bucket, sourceKey(only.source)),
              CopySourceIfMatch: quoted(objectEtags[only.source]),
            }),
          );
          etag = r.CopyObjectResult?.ETag;
        } catch (err) {
          if (isPreconditionFailed(err)) throw copyPreconditionFailed(only.source);
          throw err;
        }
      } else {
        const body = only?.kind === 'upload' ? await this.readPieces(only.pieces, sourceKey, objectEtags, parts) : Buffer.alloc(0);
        throwIfAborted(signal);
        const r = await this.backend.client.send(new PutObjectCommand({ Bucket: this.backend.bucket, Key: target, Body: body, ContentLength: body.length }));
        etag = r.ETag;
      }
      return this.finishCompose(target, bareEtag(etag), total, observe, ctx);
    }

    const { backendUploadId } = marker ?? (await this.findUpload(uploadId, ctx.key, true));
    const completed: Array<{ PartNumber: number; ETag: string }> = [];
    for (const out of plan) {
      throwIfAborted(signal);
      if (out.kind === 'keep') {
        completed.push({ PartNumber: out.partNumber, ETag: `"${backendParts.get(out.partNumber)!.etag}"` });
      } else if (out.kind === 'copy') {
        try {
          const r = await this.backend.client.send(
            new UploadPartCopyCommand({
              Bucket: this.backend.bucket,
              Key: target,
              UploadId: backendUploadId,
              PartNumber: out.partNumber,
              CopySource: copySource(this.backend.bucket, sourceKey(out.source)),
              CopySourceRange: `bytes=${out.start}-${out.end - 1}`,
              CopySourceIfMatch: quoted(objectEtags[out.source]),
            }),
          );
          completed.push({ PartNumber: out.partNumber, ETag: r.CopyPartResult?.ETag ?? '' });
        } catch (err) {
          if (isPreconditionFailed(err)) throw copyPreconditionFailed(out.source);
          throw err;
        }
      } else {
        const body = await this.readPieces(out.pieces, sourceKey, objectEtags, parts);
        const r = await this.backend.client.send(
          new UploadPartCommand({ Bucket: this.backend.bucket, Key: target, UploadId: backendUploadId, PartNumber: out.partNumber, Body: body, ContentLength: body.length }),
        );
        completed.push({ PartNumber: out.partNumber, ETag: r.ETag ?? '' });
      }
    }
    const base: UploadMarker = marker ?? { v: 1, key: ctx.key, backendUploadId, createdMs: Date.now() };
    await this.writeMarker(uploadId, { ...base, completing: { signature, expectedEtag: backendMultipartEtag(completed.map((c) => c.ETag)) }, completed: undefined });
    throwIfAborted(signal);
    let etag: string;
    try {
      const r = await this.backend.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.backend.bucket, Key: target, UploadId: backendUploadId, MultipartUpload: { Parts: completed } }),
      );
      etag = bareEtag(r.ETag);
    } catch (err) {
      if (isNoSuchUpload(err)) throw new S3Error('InvalidPart');
      throw err;
    }
    await this.writeMarker(uploadId, { ...base, completed: { signature, etag } }).catch(() => undefined); // best-effort: `completing` covers MD5 ETags
    return this.finishCompose(target, etag, total, observe, ctx);
  }

  /** The bytes of `pieces` (ranges of object parts), read with If-Match into one buffer (at most 2 x minPartSize). */
  private async readPieces(pieces: readonly Piece[], sourceKey: (i: number) => string, etags: readonly string[], parts: readonly ComposeSource[]): Promise<Buffer> {
    const size = pieces.reduce((n, p) => n + p.end - p.start, 0);
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (const piece of pieces) {
      const body = await openBody(this.backend, sourceKey(piece.source), etags[piece.source], parts[piece.source].version, piece.start, piece.end, {});
      try {
        for await (const chunk of rechunk(body, 1 * MiB, piece.end - piece.start, () => new S3Error('InternalError', "The S3 mount's storage ended a read early."))) {
          chunk.copy(out, at);
          at += chunk.length;
        }
      } finally {
        body.destroy();
      }
    }
    return out;
  }

  /** The composed object's stat; with `observe`, every byte of it read back first (If-Match on the new ETag). */
  private async finishCompose(target: string, etag: string, size: number, observe: ((chunk: Buffer) => void) | undefined, ctx: ErrorContext): Promise<ObjectStat> {
    if (!observe) return statAfterWrite(this.backend, target, etag, size);
    let res;
    try {
      res = await this.backend.client.send(new GetObjectCommand({ Bucket: this.backend.bucket, Key: target, ...(etag && { IfMatch: `"${etag}"` }) }));
    } catch (err) {
      if (isPreconditionFailed(err) || isNotFound(err)) throw new UfsVersionChanged(etag, undefined); // overwritten at once
      throw toUfsError(err, ctx);
    }
    const body = res.Body as Readable;
    const st = statOfHead(res);
    try {
      for await (const chunk of rechunk(body, 4 * MiB, st.size, () => new S3Error('InternalError', "The S3 mount's storage ended a read early."))) observe(chunk);
    } finally {
      body.destroy();
    }
    return st;
  }

  async deleteStaging(uploadId: string): Promise<void> {
    validateUploadId(uploadId);
    this.descriptions.delete(uploadId);
    try {
      const marker = await this.readMarker(uploadId);
      if (marker) {
        try {
          await this.backend.client.send(
            new AbortMultipartUploadCommand({ Bucket: this.backend.bucket, Key: backendKey(this.prefix, marker.key), UploadId: marker.backendUploadId }),
          );
        } catch (err) {
          if (!isNoSuchUpload(err) && !isNotFound(err)) throw err;
        }
      }
      const dir = this.prefix + stagingDir(uploadId);
      const markerAt = this.prefix + markerKey(uploadId);
      const keys: string[] = [];
      for await (const obj of this.listRaw(dir)) if (obj.key !== markerAt) keys.push(obj.key);
      await eachLimited(keys, 8, (k) => this.deleteRaw(k));
      await this.deleteRaw(markerAt); // last: while it is there, a retry finds the rest
      this.uploads.delete(uploadId);
    } catch (err) {
      throw toUfsError(err);
    }
  }

  async reapStaging(cutoffMs: number): Promise<string[]> {
    const reaped: string[] = [];
    try {
      for await (const uploadId of this.stagedUploadIds()) {
        if (this.active.has(uploadId)) continue;
        let newest = 0;
        for await (const obj of this.listRaw(this.prefix + stagingDir(uploadId))) newest = Math.max(newest, obj.lastModifiedMs);
        if (newest >= cutoffMs) continue;
        const marker = await this.readMarker(uploadId).catch(() => undefined);
        if (marker) {
          try {
            for (const p of (await this.listParts(backendKey(this.prefix, marker.key), marker.backendUploadId)).values()) newest = Math.max(newest, p.lastModifiedMs);
          } catch (err) {
            if (!isNoSuchUpload(err) && !isNotFound(err)) throw err;
          }
        }
        if (newest >= cutoffMs || this.active.has(uploadId)) continue;
        await this.deleteStaging(uploadId);
        reaped.push(uploadId);
      }
    } catch (err) {
      throw toUfsError(err);
    }
    return reaped;
  }

  /** Upload ids with anything staged: the "directories" under the hidden staging prefix. */
  private async *stagedUploadIds(): AsyncGenerator<string> {
    const base = this.prefix + STAGING_PREFIX;
    let token: string | undefined;
    do {
      const page = await this.backend.client.send(
        new ListObjectsV2Command({ Bucket: this.backend.bucket, Prefix: base, Delimiter: '/', MaxKeys: this.listPageSize, ...(token && { ContinuationToken: token }) }),
      );
      for (const cp of page.CommonPrefixes ?? []) {
        const id = cp.Prefix?.slice(base.length, -1) ?? '';
        if (/^[A-Za-z0-9_-]{1,128}$/.test(id)) yield id;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Every backend object under a backend prefix (hidden ones included), lazily. */
  private async *listRaw(prefix: string): AsyncGenerator<{ key: string; lastModifiedMs: number }> {
    let token: string | undefined;
    do {
      const page = await this.backend.client.send(
        new ListObjectsV2Command({ Bucket: this.backend.bucket, Prefix: prefix, MaxKeys: this.listPageSize, ...(token && { ContinuationToken: token }) }),
      );
      for (const c of page.Contents ?? []) if (c.Key !== undefined) yield { key: c.Key, lastModifiedMs: c.LastModified?.getTime() ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async deleteRaw(key: string): Promise<void> {
    try {
      await this.backend.client.send(new DeleteObjectCommand({ Bucket: this.backend.bucket, Key: key }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async close(): Promise<void> {
    this.backend.client.destroy();
  }
}
