import type { ObjectRecord } from '../../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import type { Part__Output } from '../../../../../libs/grpc/generated/silt/metadata/v1/Part';
import type { WriteObjectResponse__Output } from '../../../../../libs/grpc/generated/silt/ufs/v1/WriteObjectResponse';
import type { Upload__Output } from '../../../../../libs/grpc/generated/silt/metadata/v1/Upload';
import type { MultipartServiceClient } from '../../../../../libs/grpc/generated/silt/metadata/v1/MultipartService';
import type { Typed } from '../../../../../libs/grpc/src/clients';
import { fromGrpcError, isVersionChanged } from '../../../../../libs/grpc/src/status';
import { compositeChecksum, isChecksumAlgorithm, multipartEtag, type ChecksumAlgorithm } from '../../../../../libs/s3-protocol/src/checksums/checksums';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { ROOT_MOUNT_ID } from '../../../../../libs/mounts/src/mount-spec';
import { evaluateCopySourcePreconditions, readCopySourcePreconditions } from '../../../../../libs/s3-protocol/src/http/conditionals';
import { parseCopySourceRange } from '../../../../../libs/s3-protocol/src/http/range';
import { extractContentType, extractSystemMetadata, extractUserMetadata } from '../../../../../libs/s3-protocol/src/validation/metadata';
import { validateObjectKey } from '../../../../../libs/s3-protocol/src/validation/names';
import { checkFeatureHeaders } from '../../../../../libs/s3-protocol/src/validation/unsupported-features';
import { quoteEtag, renderCopyPartResult } from '../../../../../libs/s3-protocol/src/xml/documents';
import {
  parseCompleteMultipartUpload,
  renderCompleteMultipartUploadResult,
  renderInitiateMultipartUploadResult,
  renderListMultipartUploadsResult,
  renderListPartsResult,
} from '../../../../../libs/s3-protocol/src/xml/multipart-documents';
import { tagsFromHeader } from '../../../../../libs/tagging/src/tag-set';
import { VersionChangedError } from '../../data/object-reader';
import { readSmallBody } from '../body';
import { sendEmpty, sendXml } from '../responses';
import { header, type S3Handler, type S3Request } from '../s3-request';
import { BucketDirectory, type GatewayServices } from '../services';
import { ActiveUploads } from '../upload-cache';
import { checksumEchoHeaders, describeObject, MAX_PUT_BYTES, pickChecksums, planBody, streamBodyToUfs } from '../upload-body';
import { parseCopySource } from './object-write-handlers';

/** An integer query parameter within [min, max], or InvalidArgument naming it. */
function intParam(req: S3Request, name: string, min: number, max: number, fallback?: number): number {
  const raw = req.query.get(name);
  if ((raw === undefined || raw === '') && fallback !== undefined) return fallback;
  const n = raw !== undefined && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) {
    throw new S3Error('InvalidArgument', `${name} must be an integer between ${min} and ${max}`, { ArgumentName: name, ArgumentValue: raw ?? '' });
  }
  return n;
}

export function multipartHandlers(s: GatewayServices, multipart: Typed<MultipartServiceClient>) {
  const minPart = () => s.config['s3.multipart.minPartSize'];

  const uploads = new ActiveUploads(async (bucket, key, uploadId) => (await multipart.api.GetUpload({ bucket, key, upload_id: uploadId })).upload);

  function activeUpload(req: S3Request): Promise<Upload__Output> {
    return uploads.get(req.bucket, req.key, req.query.get('uploadId') ?? '');
  }

  /**
   * Records a staged part in metadata (replacing the part number's previous bytes, as S3 does). Metadata refuses a
   * part of an upload that is no longer ACTIVE (completed or aborted meanwhile, maybe through another gateway, while
   * this one still had it cached): the bytes just staged are garbage then, and go with the upload's staging.
   */
  async function recordPart(req: S3Request, upload: Upload__Output, partNumber: number, result: WriteObjectResponse__Output, algorithms: readonly string[]) {
    try {
      await multipart.api.PutPart({
        bucket: req.bucket,
        key: req.key,
        upload_id: upload.upload_id,
        part: {
          part_number: partNumber,
          size: result.size,
          etag: result.md5_hex,
          last_modified_ms: result.last_modified_ms || Date.now(),
          checksums: pickChecksums(result.checksums, algorithms),
          location: result.staged_location,
          ufs_version: result.ufs_version,
        },
      });
    } catch (err) {
      if (fromGrpcError(err).code === 'NoSuchUpload') {
        uploads.forget(upload.upload_id);
        await dropStaging(upload);
      }
      throw err;
    }
  }

  const CreateMultipartUpload: S3Handler = async (req) => {
    validateObjectKey(req.key);
    checkFeatureHeaders(req.headers, 'object-write');
    const userMetadata = extractUserMetadata(req.headers, s.config['s3.metadata.maxSize']);
    const systemMetadata = extractSystemMetadata(req.headers) as Record<string, string>;
    // Kept with the upload and applied to the object at Complete (upload.tags).
    const tags = tagsFromHeader(req.headers['x-amz-tagging'], { restrictions: s.config['s3.tagging.restrictions.enabled'] }) ?? [];
    const algorithm = header(req, 'x-amz-checksum-algorithm')?.toUpperCase();
    if (algorithm !== undefined && !isChecksumAlgorithm(algorithm)) {
      throw new S3Error('InvalidRequest', 'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
    }
    let checksumType = header(req, 'x-amz-checksum-type')?.toUpperCase() ?? '';
    if (checksumType && checksumType !== 'COMPOSITE' && checksumType !== 'FULL_OBJECT') throw new S3Error('InvalidRequest', 'Value for x-amz-checksum-type header is invalid.');
    if (checksumType && !algorithm) throw new S3Error('InvalidRequest', 'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
    if (algorithm) {
      // CRC64NVME only exists as a full-object checksum; SHA digests cannot be combined, so they are composite.
      checksumType ||= algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE';
      if (checksumType === 'FULL_OBJECT' && algorithm.startsWith('SHA')) throw new S3Error('InvalidRequest', `The FULL_OBJECT checksum type cannot be used with the ${algorithm} checksum algorithm.`);
      if (checksumType === 'COMPOSITE' && algorithm === 'CRC64NVME') throw new S3Error('InvalidRequest', 'The COMPOSITE checksum type cannot be used with the CRC64NVME checksum algorithm.');
    }
    const bucket = await s.buckets.get(req.bucket);
    const { upload } = await multipart.api.CreateUpload({
      upload: {
        bucket: req.bucket,
        key: req.key,
        owner: req.user,
        content_type: extractContentType(req.headers),
        user_metadata: userMetadata,
        system_metadata: systemMetadata,
        tags,
        checksum_algorithm: algorithm ?? '',
        checksum_type: checksumType,
        location: BucketDirectory.locate(bucket, req.key),
        storage_class: 'STANDARD',
      },
    });
    if (!upload) throw new S3Error('InternalError');
    uploads.remember(upload);
    const headers: Record<string, string> = {};
    if (algorithm) {
      headers['x-amz-checksum-algorithm'] = algorithm;
      headers['x-amz-checksum-type'] = checksumType;
    }
    sendXml(req, 200, renderInitiateMultipartUploadResult({ bucket: req.bucket, key: req.key, uploadId: upload.upload_id }), headers);
  };

  const UploadPart: S3Handler = async (req) => {
    checkFeatureHeaders(req.headers, 'upload-part');
    const partNumber = intParam(req, 'partNumber', 1, 10_000);
    const upload = await activeUpload(req);
    const uploadAlg = isChecksumAlgorithm(upload.checksum_algorithm) ? [upload.checksum_algorithm] : [];
    const plan = planBody(req, uploadAlg);
    const result = await streamBodyToUfs(s, req, plan, upload.location!, { upload_id: upload.upload_id, part_number: partNumber }, describeObject(upload));
    await recordPart(req, upload, partNumber, result, plan.algorithms);
    sendEmpty(req, 200, { etag: quoteEtag(result.md5_hex), ...checksumEchoHeaders(result.checksums, plan.algorithms) });
  };

  const UploadPartCopy: S3Handler = async (req) => {
    checkFeatureHeaders(req.headers, 'upload-part');
    const partNumber = intParam(req, 'partNumber', 1, 10_000);
    const upload = await activeUpload(req);
    const src = parseCopySource(header(req, 'x-amz-copy-source') ?? '');
    const source = (await s.metadata.api.GetObject({ bucket: src.bucket, key: src.key })).object;
    if (!source) throw new S3Error('NoSuchKey', undefined, { Key: src.key });
    const verdict = evaluateCopySourcePreconditions(readCopySourcePreconditions(req.headers), { etag: source.etag, lastModifiedMs: source.last_modified_ms });
    if (verdict !== 'proceed') throw new S3Error('PreconditionFailed', undefined, { Condition: 'x-amz-copy-source-If-Match' });
    const rangeHeader = header(req, 'x-amz-copy-source-range');
    const range = rangeHeader !== undefined ? parseCopySourceRange(rangeHeader, source.size) : { start: 0, end: source.size - 1 };
    const length = range.end - range.start + 1;
    if (length > MAX_PUT_BYTES) throw new S3Error('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_PUT_BYTES}`);
    const algorithms = isChecksumAlgorithm(upload.checksum_algorithm) ? [upload.checksum_algorithm] : [];
    let result;
    try {
      result = (
        await s.ufs.api.CopyObject(
          {
            source: source.location,
            destination: upload.location,
            source_version: source.ufs_version,
            checksum_algorithms: algorithms,
            range_start: range.start,
            range_length: length,
            staging: { upload_id: upload.upload_id, part_number: partNumber },
            description: describeObject(upload), // what the upload's object will be (an S3 mount's backend upload)
          },
          { timeoutMs: 30 * 60_000 },
        )
      ).result;
    } catch (err) {
      if (isVersionChanged(err)) throw new VersionChangedError();
      throw err;
    }
    if (!result) throw new S3Error('InternalError');
    await recordPart(req, upload, partNumber, result, algorithms);
    sendXml(req, 200, renderCopyPartResult({ etag: result.md5_hex, lastModified: new Date(result.last_modified_ms || Date.now()), checksums: pickChecksums(result.checksums, algorithms) }));
  };

  /** Every recorded part of an upload, paging through metadata. */
  async function allParts(req: S3Request, uploadId: string): Promise<Map<number, Part__Output>> {
    const parts = new Map<number, Part__Output>();
    let marker = 0;
    for (;;) {
      const page = await multipart.api.ListParts({ bucket: req.bucket, key: req.key, upload_id: uploadId, part_number_marker: marker, max_parts: 1000 });
      for (const p of page.parts) parts.set(p.part_number, p);
      if (!page.is_truncated || page.parts.length === 0) return parts;
      marker = page.next_part_number_marker;
    }
  }

  function completeAnswer(req: S3Request, record: { etag: string; checksums?: Record<string, string>; checksum_type?: string }): void {
    const checksums = record.checksums ?? {};
    const headers: Record<string, string> = {};
    sendXml(
      req,
      200,
      renderCompleteMultipartUploadResult({
        location: `/${req.bucket}/${req.key}`,
        bucket: req.bucket,
        key: req.key,
        etag: record.etag,
        checksums,
        checksumType: Object.keys(checksums).length ? record.checksum_type : undefined,
      }),
      headers,
    );
  }

  const CompleteMultipartUpload: S3Handler = async (req) => {
    const uploadId = req.query.get('uploadId') ?? '';
    const body = await readSmallBody(req, 4 * 1024 * 1024);
    const requested = parseCompleteMultipartUpload(body);
    const { upload } = await multipart.api.GetUpload({ bucket: req.bucket, key: req.key, upload_id: uploadId });
    if (!upload) throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId });
    if (upload.state !== 'ACTIVE') uploads.forget(uploadId);
    if (upload.state === 'COMPLETED' && upload.result) {
      // A client retrying a Complete that already succeeded gets the same answer.
      completeAnswer(req, upload.result);
      return;
    }
    if (upload.state !== 'ACTIVE') throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId });
    for (let i = 1; i < requested.length; i++) {
      if (requested[i].partNumber <= requested[i - 1].partNumber) throw new S3Error('InvalidPartOrder', undefined, { UploadId: uploadId });
    }
    const stored = await allParts(req, uploadId);
    // Every listed part must exist with its ETag (InvalidPart) before sizes are judged (EntityTooSmall).
    const chosen: Part__Output[] = requested.map((r) => {
      const part = stored.get(r.partNumber);
      if (!part || part.etag !== r.etag) {
        throw new S3Error('InvalidPart', undefined, { UploadId: uploadId, PartNumber: String(r.partNumber), ETag: r.etag });
      }
      for (const [alg, value] of Object.entries(r.checksums)) {
        // A part checksum that differs from the stored part's is a digest mismatch (BadDigest), as for the part's own
        // upload; nothing is completed.
        if (value && part.checksums[alg] !== undefined && part.checksums[alg] !== value) {
          throw new S3Error('BadDigest', `The ${alg} you specified for part ${r.partNumber} did not match what was uploaded.`, { UploadId: uploadId, PartNumber: String(r.partNumber) });
        }
      }
      return part;
    });
    chosen.forEach((part, i) => {
      if (i < chosen.length - 1 && part.size < minPart()) {
        throw new S3Error('EntityTooSmall', undefined, {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(minPart()),
          PartNumber: String(part.part_number),
          ETag: quoteEtag(part.etag),
        });
      }
    });
    const total = chosen.reduce((n, p) => n + p.size, 0);
    if (total > 5 * 1024 ** 4) throw new S3Error('EntityTooLarge');

    const alg = isChecksumAlgorithm(upload.checksum_algorithm) ? (upload.checksum_algorithm as ChecksumAlgorithm) : undefined;
    const fullObject = alg !== undefined && upload.checksum_type === 'FULL_OBJECT';
    let composed;
    try {
      composed = (
        await s.ufs.api.ComposeObject(
          {
            destination: upload.location,
            parts: chosen.map((p) => ({ location: p.location, ufs_version: p.ufs_version, size: p.size })),
            checksum_algorithms: fullObject ? [alg] : [],
            skip_md5: true, // the ETag is the MD5 of the part MD5s: an MD5 of the composed bytes would go unused
          },
          { timeoutMs: 60 * 60_000 },
        )
      ).result;
    } catch (err) {
      // A staged part changed or vanished under us: the client's list no longer matches what is stored.
      if (isVersionChanged(err)) throw new S3Error('InvalidPart', undefined, { UploadId: uploadId });
      throw err;
    }
    if (!composed) throw new S3Error('InternalError');
    const checksums: Record<string, string> = {};
    if (alg && fullObject && composed.checksums[alg]) checksums[alg] = composed.checksums[alg];
    if (alg && !fullObject && chosen.every((p) => p.checksums[alg])) {
      checksums[alg] = compositeChecksum(alg, chosen.map((p) => Buffer.from(p.checksums[alg], 'base64')));
    }
    const etag = multipartEtag(chosen.map((p) => Buffer.from(p.etag, 'hex')));
    const record: ObjectRecord = {
      ...describeObject(upload),
      bucket: req.bucket,
      key: req.key,
      size: composed.size,
      etag,
      last_modified_ms: composed.last_modified_ms || Date.now(),
      checksums,
      checksum_type: Object.keys(checksums).length ? upload.checksum_type : '',
      location: upload.location,
      ufs_version: composed.ufs_version,
      owner: upload.owner,
      parts_count: chosen.length,
      part_sizes: chosen.map((p) => p.size),
      // GetObjectAttributes lists the parts (with their checksums) of an object uploaded with a checksum algorithm.
      parts: alg ? chosen.map((p) => ({ part_number: p.part_number, size: p.size, checksums: p.checksums })) : [],
      storage_class: upload.storage_class || 'STANDARD',
    };
    const ifNoneMatch = header(req, 'if-none-match')?.trim();
    const ifMatch = header(req, 'if-match')?.trim().replace(/^"(.*)"$/, '$1');
    await multipart.api.CompleteUpload({
      bucket: req.bucket,
      key: req.key,
      upload_id: uploadId,
      object: record,
      if_none_match_any: ifNoneMatch === '*',
      if_match_etag: ifMatch,
    });
    uploads.forget(uploadId);
    await dropStaging(upload);
    completeAnswer(req, { etag, checksums, checksum_type: record.checksum_type });
  };

  async function dropStaging(upload: Upload__Output): Promise<void> {
    try {
      await s.ufs.api.DeleteStaging({ mount_id: upload.location?.mount_id ?? ROOT_MOUNT_ID, upload_id: upload.upload_id });
    } catch (err) {
      // The ufs reaper removes it later; the upload itself is settled.
      s.log.warn({ uploadId: upload.upload_id, err: (err as Error).message }, 'staged parts left for the reaper');
    }
  }

  const AbortMultipartUpload: S3Handler = async (req) => {
    const uploadId = req.query.get('uploadId') ?? '';
    const { upload } = await multipart.api.AbortUpload({ bucket: req.bucket, key: req.key, upload_id: uploadId });
    uploads.forget(uploadId);
    if (upload) await dropStaging(upload);
    sendEmpty(req, 204);
  };

  const ListParts: S3Handler = async (req) => {
    const uploadId = req.query.get('uploadId') ?? '';
    const maxParts = Math.min(intParam(req, 'max-parts', 0, 2 ** 31 - 1, 1000), 1000);
    const marker = intParam(req, 'part-number-marker', 0, 2 ** 31 - 1, 0);
    const page = await multipart.api.ListParts({ bucket: req.bucket, key: req.key, upload_id: uploadId, part_number_marker: marker, max_parts: maxParts });
    const upload = page.upload;
    if (!upload) throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId });
    const owner = { id: upload.owner, displayName: upload.owner };
    sendXml(
      req,
      200,
      renderListPartsResult({
        bucket: req.bucket,
        key: req.key,
        uploadId,
        partNumberMarker: marker,
        nextPartNumberMarker: page.parts.length ? page.next_part_number_marker : undefined,
        maxParts,
        isTruncated: page.is_truncated,
        parts: page.parts.map((p) => ({ partNumber: p.part_number, lastModified: new Date(p.last_modified_ms), etag: p.etag, size: p.size, checksums: p.checksums })),
        initiator: owner,
        owner,
        storageClass: upload.storage_class || 'STANDARD',
        checksumAlgorithm: upload.checksum_algorithm,
        checksumType: upload.checksum_algorithm ? upload.checksum_type : undefined,
      }),
    );
  };

  const ListMultipartUploads: S3Handler = async (req) => {
    const maxUploads = Math.min(intParam(req, 'max-uploads', 0, 2 ** 31 - 1, 1000), 1000);
    const encoding = req.query.get('encoding-type');
    if (encoding !== undefined && encoding !== '' && encoding.toLowerCase() !== 'url') {
      throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', { ArgumentName: 'encoding-type', ArgumentValue: encoding });
    }
    await s.buckets.get(req.bucket);
    const keyMarker = req.query.get('key-marker') ?? '';
    const uploadIdMarker = keyMarker ? (req.query.get('upload-id-marker') ?? '') : '';
    const page = await multipart.api.ListUploads({
      bucket: req.bucket,
      prefix: req.query.get('prefix') ?? '',
      delimiter: req.query.get('delimiter') ?? '',
      key_marker: keyMarker,
      upload_id_marker: uploadIdMarker,
      max_uploads: maxUploads,
    });
    sendXml(
      req,
      200,
      renderListMultipartUploadsResult({
        bucket: req.bucket,
        keyMarker,
        uploadIdMarker,
        nextKeyMarker: page.is_truncated ? page.next_key_marker : undefined,
        nextUploadIdMarker: page.is_truncated ? page.next_upload_id_marker : undefined,
        delimiter: req.query.get('delimiter') ?? '',
        prefix: req.query.get('prefix') ?? '',
        maxUploads,
        isTruncated: page.is_truncated,
        uploads: page.uploads.map((u) => ({
          key: u.key,
          uploadId: u.upload_id,
          initiated: new Date(u.initiated_ms),
          owner: { id: u.owner, displayName: u.owner },
          storageClass: u.storage_class || 'STANDARD',
          checksumAlgorithm: u.checksum_algorithm,
        })),
        commonPrefixes: page.common_prefixes,
        encodingType: encoding ? 'url' : undefined,
      }),
    );
  };

  return { CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads };
}
