import type { MultipartServiceHandlers } from '../../../libs/grpc/generated/silt/metadata/v1/MultipartService';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import { invalidating, loggedUnary, type MetadataServiceOptions } from './metadata.grpc';
import type { MultipartStore, UploadRef } from './store/multipart-store';

const refOf = (req: { bucket: string; key: string; upload_id: string }): UploadRef => ({
  bucket: req.bucket,
  key: req.key,
  uploadId: req.upload_id,
});

/** MultipartService over a store: S3 codes (NoSuchUpload {UploadId}, ...) cross the wire as in MetadataService. */
export function multipartServiceHandlers(store: MultipartStore, options: Pick<MetadataServiceOptions, 'log' | 'invalidations'> = {}): MultipartServiceHandlers {
  const { log, invalidations: hub } = options;
  return {
    CreateUpload: loggedUnary('CreateUpload', log, async (req) => {
      if (!req.upload) throw new S3Error('InvalidArgument', 'CreateUpload needs an upload.');
      return { upload: await store.createUpload(req.upload) };
    }),
    GetUpload: loggedUnary('GetUpload', log, async (req) => ({ upload: await store.getUpload(refOf(req)) })),
    PutPart: loggedUnary('PutPart', log, async (req) => {
      if (!req.part) throw new S3Error('InvalidArgument', 'PutPart needs a part.');
      const replaced = await store.putPart(refOf(req), req.part);
      return replaced ? { replaced } : {};
    }),
    ListParts: loggedUnary('ListParts', log, async (req) => {
      const page = await store.listParts(refOf(req), { partNumberMarker: req.part_number_marker, maxParts: req.max_parts });
      return {
        upload: page.upload,
        parts: page.parts,
        is_truncated: page.isTruncated,
        next_part_number_marker: page.nextPartNumberMarker,
      };
    }),
    ListUploads: loggedUnary('ListUploads', log, async (req) => {
      const page = await store.listUploads(req.bucket, {
        prefix: req.prefix,
        delimiter: req.delimiter,
        keyMarker: req.key_marker,
        uploadIdMarker: req.upload_id_marker,
        maxUploads: req.max_uploads,
      });
      return {
        uploads: page.uploads,
        common_prefixes: page.commonPrefixes,
        is_truncated: page.isTruncated,
        next_key_marker: page.nextKeyMarker,
        next_upload_id_marker: page.nextUploadIdMarker,
      };
    }),
    CompleteUpload: loggedUnary('CompleteUpload', log, async (req) => {
      if (!req.object) throw new S3Error('InvalidArgument', 'CompleteUpload needs the composed object record.');
      const record = req.object;
      // The object's bucket and key are the upload's (the store commits it there).
      const { object, replaced } = await invalidating(hub, req.bucket, req.key, () =>
        store.completeUpload({
          ...refOf(req),
          object: record,
          ifNoneMatchAny: req.if_none_match_any,
          ifMatchEtag: req.if_match_etag, // proto3 optional: undefined when unset
        }),
      );
      return replaced ? { object, replaced } : { object };
    }),
    AbortUpload: loggedUnary('AbortUpload', log, async (req) => ({ upload: await store.abortUpload(refOf(req)) })),
  };
}
