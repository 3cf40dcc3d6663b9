import type { ObjectRecord } from '../../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { ObjectRecord__Output } from '../../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { WriteObjectResponse__Output } from '../../../../../libs/grpc/generated/silt/ufs/v1/WriteObjectResponse';
import { isVersionChanged } from '../../../../../libs/grpc/src/status';
import {
  isChecksumAlgorithm,
  type ChecksumAlgorithm,
} from '../../../../../libs/s3-protocol/src/checksums/checksums';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { evaluateCopySourcePreconditions, readCopySourcePreconditions } from '../../../../../libs/s3-protocol/src/http/conditionals';
import { extractContentType, extractSystemMetadata, extractUserMetadata } from '../../../../../libs/s3-protocol/src/validation/metadata';
import { validateObjectKey } from '../../../../../libs/s3-protocol/src/validation/names';
import { checkFeatureHeaders, checkVersionId } from '../../../../../libs/s3-protocol/src/validation/unsupported-features';
import { parseDeleteRequest, quoteEtag, renderCopyObjectResult, renderDeleteResult } from '../../../../../libs/s3-protocol/src/xml/documents';
import { copyObjectTags, tagsFromHeader } from '../../../../../libs/tagging/src/tag-set';
import { VersionChangedError } from '../../data/object-reader';
import { toS3Error } from '../../http/s3-router';
import { readSmallBody } from '../body';
import { checksumEchoHeaders, describeObject, MAX_PUT_BYTES, pickChecksums, planBody, streamBodyToUfs } from '../upload-body';
import { sendEmpty, sendXml } from '../responses';
import { header, type S3Handler, type S3Request } from '../s3-request';
import { BucketDirectory, type GatewayServices } from '../services';

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=…]`, URL-encoded. */
export function parseCopySource(raw: string): { bucket: string; key: string } {
  let value = raw.trim();
  const q = value.indexOf('?');
  if (q >= 0) {
    const params = new URLSearchParams(value.slice(q + 1));
    checkVersionId(params.get('versionId') ?? undefined);
    value = value.slice(0, q);
  }
  if (value.startsWith('/')) value = value.slice(1);
  const slash = value.indexOf('/');
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(slash < 0 ? value : value.slice(0, slash));
    key = slash < 0 ? '' : decodeURIComponent(value.slice(slash + 1));
  } catch {
    throw new S3Error('InvalidArgument', 'Invalid copy source encoding', { ArgumentName: 'x-amz-copy-source' });
  }
  if (!bucket || !key) throw new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', { ArgumentName: 'x-amz-copy-source', ArgumentValue: raw });
  return { bucket, key };
}

export function objectWriteHandlers(s: GatewayServices) {
  const maxMeta = () => s.config['s3.metadata.maxSize'];
  const tagRules = () => ({ restrictions: s.config['s3.tagging.restrictions.enabled'] });

  async function currentRecord(bucket: string, key: string): Promise<ObjectRecord__Output | undefined> {
    try {
      return (await s.metadata.api.GetObject({ bucket, key })).object ?? undefined;
    } catch (err) {
      if (toS3Error(err).code === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  /** PUT's If-None-Match: * and If-Match: checked before the upload (cheap refusal) and again at commit (races). */
  async function writeConditions(req: S3Request): Promise<{ if_none_match_any: boolean; if_match_etag?: string }> {
    const ifNoneMatch = header(req, 'if-none-match')?.trim();
    const ifMatch = header(req, 'if-match')?.trim();
    if (ifNoneMatch !== undefined && ifNoneMatch !== '*') {
      throw new S3Error('NotImplemented', 'If-None-Match on a write supports only "*".');
    }
    const cond = { if_none_match_any: ifNoneMatch === '*', if_match_etag: ifMatch?.replace(/^(W\/)?"(.*)"$/, '$2') };
    if (cond.if_none_match_any || cond.if_match_etag !== undefined) {
      const existing = await currentRecord(req.bucket, req.key);
      if (cond.if_none_match_any && existing) throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
      if (cond.if_match_etag !== undefined) {
        if (!existing) throw new S3Error('NoSuchKey', undefined, { Key: req.key });
        if (cond.if_match_etag !== '*' && existing.etag !== cond.if_match_etag) throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
        if (cond.if_match_etag === '*') cond.if_match_etag = existing.etag;
      }
    }
    return cond;
  }

  const PutObject: S3Handler = async (req) => {
    validateObjectKey(req.key);
    checkFeatureHeaders(req.headers, 'object-write');
    const description = describeObject({
      content_type: extractContentType(req.headers),
      user_metadata: extractUserMetadata(req.headers, maxMeta()),
      system_metadata: extractSystemMetadata(req.headers) as Record<string, string>,
      // Refused (InvalidTag) before a byte is stored; an overwrite without the header leaves the object untagged.
      tags: tagsFromHeader(req.headers['x-amz-tagging'], tagRules()) ?? [],
    });
    const plan = planBody(req);
    const bucket = await s.buckets.get(req.bucket);
    const conditions = await writeConditions(req);
    const location = BucketDirectory.locate(bucket, req.key);
    // Mirrored onto the UFS object where it keeps such things (an S3 mount), for other readers of that bucket.
    const result = await streamBodyToUfs(s, req, plan, location, undefined, description);
    const record: ObjectRecord = {
      ...description,
      bucket: req.bucket,
      key: req.key,
      size: result.size,
      etag: result.md5_hex,
      last_modified_ms: result.last_modified_ms || Date.now(),
      checksums: pickChecksums(result.checksums, plan.algorithms),
      checksum_type: plan.algorithms.length ? 'FULL_OBJECT' : '',
      location,
      ufs_version: result.ufs_version,
      owner: req.user,
      storage_class: 'STANDARD',
    };
    await s.metadata.api.CommitObject({ object: record, ...conditions });
    sendEmpty(req, 200, { etag: quoteEtag(result.md5_hex), ...checksumEchoHeaders(result.checksums, plan.algorithms) });
  };

  const CopyObject: S3Handler = async (req) => {
    validateObjectKey(req.key);
    checkFeatureHeaders(req.headers, 'copy');
    const src = parseCopySource(header(req, 'x-amz-copy-source') ?? '');
    const directive = (header(req, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
    if (directive !== 'COPY' && directive !== 'REPLACE') {
      throw new S3Error('InvalidArgument', 'Unknown metadata directive.', { ArgumentName: 'x-amz-metadata-directive', ArgumentValue: directive });
    }
    const source = await s.metadata.api.GetObject({ bucket: src.bucket, key: src.key }).then((r) => r.object);
    if (!source) throw new S3Error('NoSuchKey', undefined, { Key: src.key });
    const tags = copyObjectTags(header(req, 'x-amz-tagging-directive'), source.tags, req.headers['x-amz-tagging'], tagRules());
    const verdict = evaluateCopySourcePreconditions(readCopySourcePreconditions(req.headers), { etag: source.etag, lastModifiedMs: source.last_modified_ms });
    if (verdict !== 'proceed') throw new S3Error('PreconditionFailed', undefined, { Condition: 'x-amz-copy-source-If-Match' });
    const requested = header(req, 'x-amz-checksum-algorithm')?.toUpperCase();
    if (requested !== undefined && !isChecksumAlgorithm(requested)) throw new S3Error('InvalidRequest', 'Invalid x-amz-checksum-algorithm.');
    const sameObject = src.bucket === req.bucket && src.key === req.key;
    if (sameObject && directive === 'COPY' && !requested && header(req, 'x-amz-storage-class') === undefined) {
      throw new S3Error(
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    if (source.size > MAX_PUT_BYTES) {
      throw new S3Error('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_PUT_BYTES}`);
    }
    const description = describeObject(
      directive === 'REPLACE'
        ? {
            content_type: extractContentType(req.headers),
            user_metadata: extractUserMetadata(req.headers, maxMeta()),
            system_metadata: extractSystemMetadata(req.headers) as Record<string, string>,
            tags,
          }
        : { ...source, tags },
    );
    const algorithms = (requested ? [requested] : Object.keys(source.checksums ?? {}).filter(isChecksumAlgorithm)) as ChecksumAlgorithm[];
    const bucket = await s.buckets.get(req.bucket);
    const conditions = await writeConditions(req);
    const destination = BucketDirectory.locate(bucket, req.key);
    let result: WriteObjectResponse__Output | undefined;
    try {
      result = (
        await s.ufs.api.CopyObject(
          {
            source: source.location,
            destination,
            source_version: source.ufs_version,
            checksum_algorithms: algorithms,
            description,
          },
          { timeoutMs: 30 * 60_000 },
        )
      ).result ?? undefined;
    } catch (err) {
      if (isVersionChanged(err)) throw new VersionChangedError();
      throw err;
    }
    if (!result) throw new S3Error('InternalError');
    const record: ObjectRecord = {
      ...description,
      bucket: req.bucket,
      key: req.key,
      size: result.size,
      etag: result.md5_hex,
      last_modified_ms: result.last_modified_ms || Date.now(),
      checksums: pickChecksums(result.checksums, algorithms),
      checksum_type: algorithms.length ? 'FULL_OBJECT' : '',
      location: destination,
      ufs_version: result.ufs_version,
      owner: req.user,
      storage_class: 'STANDARD',
    };
    await s.metadata.api.CommitObject({ object: record, ...conditions });
    sendXml(
      req,
      200,
      renderCopyObjectResult({ etag: result.md5_hex, lastModified: new Date(Number(record.last_modified_ms ?? Date.now())), checksums: pickChecksums(result.checksums, algorithms) }),
    );
  };

  /** Deletes one key: UFS bytes first (only the version the record names), then the record. Absent = success. */
  async function deleteKey(bucket: string, key: string): Promise<void> {
    const record = await currentRecord(bucket, key);
    if (!record) return;
    await s.ufs.api.DeleteObject({ location: record.location, if_version: record.ufs_version });
    await s.metadata.api.DeleteObject({ bucket, key, if_ufs_version: record.ufs_version });
  }

  const DeleteObject: S3Handler = async (req) => {
    await s.buckets.get(req.bucket);
    await deleteKey(req.bucket, req.key);
    sendEmpty(req, 204);
  };

  const DeleteObjects: S3Handler = async (req) => {
    const body = await readSmallBody(req, 2 * 1024 * 1024); // Content-MD5 / checksums checked there
    const { quiet, keys, versionIds } = parseDeleteRequest(body);
    await s.buckets.get(req.bucket);
    const deleted: { key: string }[] = [];
    const errors: { key: string; code: string; message: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const i = next++;
        const key = keys[i];
        try {
          // A key named with a version other than "null" is refused alone: deleting the current object instead would
          // delete what the client did not ask to delete.
          checkVersionId(versionIds?.[i]);
          await deleteKey(req.bucket, key);
          deleted.push({ key });
        } catch (err) {
          const e = toS3Error(err);
          errors.push({ key, code: e.code, message: e.message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, keys.length) }, worker));
    const order = new Map(keys.map((k, i) => [k, i]));
    const byRequest = (a: { key: string }, b: { key: string }) => order.get(a.key)! - order.get(b.key)!;
    sendXml(req, 200, renderDeleteResult({ deleted: quiet ? [] : deleted.sort(byRequest), errors: errors.sort(byRequest) }));
  };

  return { PutObject, CopyObject, DeleteObject, DeleteObjects };
}
