import type { ObjectRecord__Output } from '../../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { pagePartsAfter, parseObjectAttributes, parsePartsPaging } from '../../../../../libs/s3-protocol/src/http/object-attributes';
import { formatHttpDate } from '../../../../../libs/s3-protocol/src/validation/metadata';
import { validateObjectKey } from '../../../../../libs/s3-protocol/src/validation/names';
import {
  renderGetObjectAttributesResponse,
  type ObjectAttributesDocument,
} from '../../../../../libs/s3-protocol/src/xml/attributes-documents';
import { sendXml } from '../responses';
import { header, type S3Handler, type S3Request } from '../s3-request';
import type { GatewayServices } from '../services';

/**
 * GetObjectAttributes (`GET /b/k?attributes`): HeadObject and ListParts in one XML answer, only the attributes the
 * required x-amz-object-attributes header names. Read from the cached record HEAD uses, or, for ObjectParts, from
 * metadata with the parts list (left out of cached records).
 */
export function attributesHandlers(s: GatewayServices) {
  const GetObjectAttributes: S3Handler = async (req) => {
    validateObjectKey(req.key);
    const wanted = parseObjectAttributes(req.headers['x-amz-object-attributes']);
    const record = wanted.has('ObjectParts') ? await withParts(req) : await s.records.get(req.bucket, req.key);
    const doc: ObjectAttributesDocument = {};
    // S3 writes this ETag unquoted (it is quoted in HEAD, listings and every other document).
    if (wanted.has('ETag')) doc.etag = record.etag.replace(/^"(.*)"$/, '$1');
    if (wanted.has('Checksum')) doc.checksum = checksumOf(record);
    if (wanted.has('ObjectParts') && record.parts_count > 0) doc.objectParts = objectPartsOf(req, record);
    if (wanted.has('StorageClass')) doc.storageClass = record.storage_class || 'STANDARD';
    if (wanted.has('ObjectSize')) doc.objectSize = record.size;
    // No x-amz-version-id: buckets are unversioned, and S3 sends none for them.
    sendXml(req, 200, renderGetObjectAttributesResponse(doc), { 'last-modified': formatHttpDate(record.last_modified_ms) });
  };

  /** The record with its parts, which the cached records (every GET's) leave out: straight from metadata. */
  async function withParts(req: S3Request): Promise<ObjectRecord__Output> {
    const { object } = await s.metadata.api.GetObject({ bucket: req.bucket, key: req.key, with_parts: true });
    if (!object) throw new S3Error('NoSuchKey', undefined, { Key: req.key });
    return object;
  }

  return { GetObjectAttributes };
}

/**
 * The object's checksum, absent when it has none. A composite (multipart) checksum is stored as HEAD answers it,
 * `<base64>-N`; GetObjectAttributes gives the same digest without the `-N` (what S3 answers, its part count being in
 * ObjectParts).
 */
function checksumOf(record: ObjectRecord__Output): ObjectAttributesDocument['checksum'] {
  const entries = Object.entries(record.checksums ?? {});
  if (entries.length === 0) return undefined;
  const composite = record.checksum_type === 'COMPOSITE';
  const checksums = Object.fromEntries(entries.map(([alg, value]) => [alg, composite ? value.replace(/-\d+$/, '') : value]));
  return { checksums, checksumType: record.checksum_type || 'FULL_OBJECT' };
}

/**
 * ObjectParts of a multipart object. S3 lists the parts (a page, like ListParts) only for an object with per-part
 * checksums that make up its checksum: COMPOSITE. Without a checksum algorithm, or with a FULL_OBJECT one (CRC64NVME),
 * and for records older than the parts list, it gives the parts count alone.
 */
function objectPartsOf(req: S3Request, record: ObjectRecord__Output): ObjectAttributesDocument['objectParts'] {
  const parts = record.parts ?? [];
  if (record.checksum_type !== 'COMPOSITE' || parts.length === 0) return { partsCount: record.parts_count };
  const paging = parsePartsPaging(header(req, 'x-amz-max-parts'), header(req, 'x-amz-part-number-marker'));
  const page = pagePartsAfter(parts, paging);
  return {
    partsCount: record.parts_count,
    page: {
      ...paging,
      isTruncated: page.isTruncated,
      nextPartNumberMarker: page.nextPartNumberMarker,
      parts: page.parts.map((p) => ({ partNumber: p.part_number, size: p.size, checksums: p.checksums ?? {} })),
    },
  };
}
