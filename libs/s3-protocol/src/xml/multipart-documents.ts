// The multipart upload documents: responses of Create/Complete/ListParts/ListMultipartUploads, and the Complete body.
import { isChecksumAlgorithm, type ChecksumAlgorithm } from '../checksums/checksums';
import { S3Error } from '../errors/s3-errors';
import { quoteEtag, s3UrlEncode, type Owner } from './documents';
import { children, parseXmlBody, parseXmlInt, renderXml, type XmlObject } from './xml';

const CHECKSUM_ORDER: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/** `ChecksumCRC32` … `ChecksumSHA256` elements in S3's order (absent ones omitted); GetObjectAttributes' too. */
export function checksumFields(checksums: Partial<Record<string, string>> | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const alg of CHECKSUM_ORDER) out[`Checksum${alg}`] = checksums?.[alg];
  return out;
}

export function renderInitiateMultipartUploadResult(r: { bucket: string; key: string; uploadId: string }): string {
  return renderXml('InitiateMultipartUploadResult', { Bucket: r.bucket, Key: r.key, UploadId: r.uploadId });
}

export function renderCompleteMultipartUploadResult(r: {
  location: string;
  bucket: string;
  key: string;
  etag: string;
  checksums?: Partial<Record<string, string>>;
  checksumType?: string;
}): string {
  return renderXml('CompleteMultipartUploadResult', {
    Location: r.location,
    Bucket: r.bucket,
    Key: r.key,
    ETag: quoteEtag(r.etag),
    ...checksumFields(r.checksums),
    ChecksumType: r.checksumType || undefined,
  });
}

export interface PartEntry {
  partNumber: number;
  lastModified: Date;
  etag: string;
  size: number;
  checksums?: Partial<Record<string, string>>;
}

export function renderListPartsResult(r: {
  bucket: string;
  key: string;
  uploadId: string;
  partNumberMarker: number;
  nextPartNumberMarker?: number;
  maxParts: number;
  isTruncated: boolean;
  parts: readonly PartEntry[];
  initiator: Owner;
  owner: Owner;
  storageClass: string;
  checksumAlgorithm?: string;
  checksumType?: string;
}): string {
  return renderXml('ListPartsResult', {
    Bucket: r.bucket,
    Key: r.key,
    UploadId: r.uploadId,
    Initiator: { ID: r.initiator.id, DisplayName: r.initiator.displayName },
    Owner: { ID: r.owner.id, DisplayName: r.owner.displayName },
    StorageClass: r.storageClass,
    PartNumberMarker: r.partNumberMarker,
    NextPartNumberMarker: r.nextPartNumberMarker,
    MaxParts: r.maxParts,
    IsTruncated: r.isTruncated,
    Part: r.parts.map(
      (p): XmlObject => ({
        PartNumber: p.partNumber,
        LastModified: p.lastModified,
        ETag: quoteEtag(p.etag),
        Size: p.size,
        ...checksumFields(p.checksums),
      }),
    ),
    ChecksumAlgorithm: r.checksumAlgorithm || undefined,
    ChecksumType: r.checksumType || undefined,
  });
}

export interface UploadEntry {
  key: string;
  uploadId: string;
  initiated: Date;
  owner: Owner;
  storageClass: string;
  checksumAlgorithm?: string;
}

export function renderListMultipartUploadsResult(r: {
  bucket: string;
  keyMarker: string;
  uploadIdMarker: string;
  nextKeyMarker?: string;
  nextUploadIdMarker?: string;
  delimiter?: string;
  prefix: string;
  maxUploads: number;
  isTruncated: boolean;
  uploads: readonly UploadEntry[];
  commonPrefixes: readonly string[];
  encodingType?: 'url';
}): string {
  const enc = r.encodingType === 'url' ? s3UrlEncode : (s: string) => s;
  return renderXml('ListMultipartUploadsResult', {
    Bucket: r.bucket,
    KeyMarker: enc(r.keyMarker),
    UploadIdMarker: r.uploadIdMarker,
    NextKeyMarker: r.nextKeyMarker === undefined ? undefined : enc(r.nextKeyMarker),
    NextUploadIdMarker: r.nextUploadIdMarker,
    Delimiter: r.delimiter ? enc(r.delimiter) : undefined,
    Prefix: enc(r.prefix),
    MaxUploads: r.maxUploads,
    IsTruncated: r.isTruncated,
    Upload: r.uploads.map(
      (u): XmlObject => ({
        Key: enc(u.key),
        UploadId: u.uploadId,
        Initiator: { ID: u.owner.id, DisplayName: u.owner.displayName },
        Owner: { ID: u.owner.id, DisplayName: u.owner.displayName },
        StorageClass: u.storageClass,
        Initiated: u.initiated,
        ChecksumAlgorithm: u.checksumAlgorithm || undefined,
      }),
    ),
    CommonPrefixes: r.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
    EncodingType: r.encodingType,
  });
}

export interface CompletePart {
  partNumber: number;
  /** Unquoted. */
  etag: string;
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

/**
 * `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"…"</ETag></Part>…`. No parts, a part without a
 * number or ETag (or with two), or a number that is not an xs:int is MalformedXML (as S3). A well-formed number
 * outside 1..10000 names no part that can exist: the caller answers InvalidPart for it, as for any missing part.
 * Order is checked by the caller too (InvalidPartOrder), so it can tell order from syntax.
 */
export function parseCompleteMultipartUpload(body: Buffer | string): CompletePart[] {
  const root = parseXmlBody(body, 'CompleteMultipartUpload');
  const parts = children(root, 'Part');
  if (parts.length === 0 || parts.length > 10_000) throw new S3Error('MalformedXML');
  return parts.map((p) => {
    const numbers = children(p, 'PartNumber');
    const etags = children(p, 'ETag');
    if (numbers.length !== 1 || etags.length !== 1) throw new S3Error('MalformedXML');
    const partNumber = parseXmlInt(numbers[0].text);
    const etag = etags[0].text.trim();
    if (etag === '') throw new S3Error('MalformedXML');
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const child of p.children) {
      const m = /^Checksum([A-Z0-9]+)$/.exec(child.name);
      if (m && isChecksumAlgorithm(m[1])) checksums[m[1]] = child.text.trim();
    }
    return { partNumber, etag: etag.replace(/^"(.*)"$/, '$1').replace(/^&quot;(.*)&quot;$/, '$1'), checksums };
  });
}
