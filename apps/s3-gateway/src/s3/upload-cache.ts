import { LRUCache } from 'lru-cache';
import type { Upload__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/Upload';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';

/**
 * ACTIVE uploads this gateway has seen, so a part does not ask metadata for its upload every time (GetUpload was ~7 ms
 * of each 8 MiB part's ~200 ms with four in flight). What a part needs from the record — where the object goes, its
 * checksum algorithm, its description — never changes while the upload is ACTIVE; whether it is still ACTIVE is
 * checked where it matters, by metadata's PutPart, which refuses a part of an upload that is not (NoSuchUpload). A
 * stale entry (an upload completed or aborted through another gateway) therefore costs one wasted part write, never a
 * wrong answer; the handlers forget the entry then, and whenever this gateway settles the upload itself.
 */
export class ActiveUploads {
  private readonly cache: LRUCache<string, Upload__Output>;

  constructor(
    private readonly fetch: (bucket: string, key: string, uploadId: string) => Promise<Upload__Output | null | undefined>,
    options: { maxEntries?: number; ttlMs?: number } = {},
  ) {
    this.cache = new LRUCache({ max: options.maxEntries ?? 10_000, ttl: options.ttlMs ?? 5 * 60_000 });
  }

  /** The ACTIVE upload `uploadId` of bucket/key, or NoSuchUpload. */
  async get(bucket: string, key: string, uploadId: string): Promise<Upload__Output> {
    const hit = this.cache.get(uploadId);
    if (hit && hit.bucket === bucket && hit.key === key) return hit;
    const upload = await this.fetch(bucket, key, uploadId);
    if (!upload || upload.state !== 'ACTIVE' || upload.bucket !== bucket || upload.key !== key) {
      this.cache.delete(uploadId);
      throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId });
    }
    this.cache.set(uploadId, upload);
    return upload;
  }

  /** An upload this gateway just created. */
  remember(upload: Upload__Output): void {
    if (upload.state === 'ACTIVE') this.cache.set(upload.upload_id, upload);
  }

  forget(uploadId: string): void {
    this.cache.delete(uploadId);
  }

  get size(): number {
    return this.cache.size;
  }
}
