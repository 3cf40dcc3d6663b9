// GetObjectAttributes' response document (GetObjectAttributesResponse in the S3 API reference).
import { checksumFields } from './multipart-documents';
import { renderXml, type XmlObject } from './xml';

export interface AttributesPart {
  partNumber: number;
  size: number;
  /** algorithm -> base64 digest of the part */
  checksums: Readonly<Record<string, string>>;
}

/** One page of a multipart object's parts: what S3 lists for objects with a COMPOSITE checksum. */
export interface AttributesPartsPage {
  partNumberMarker: number;
  /** The last part number listed; 0 when the page is empty (as S3 answers past the last part). */
  nextPartNumberMarker: number;
  maxParts: number;
  isTruncated: boolean;
  parts: readonly AttributesPart[];
}

/** What was asked for and is known; an absent member is an absent element. */
export interface ObjectAttributesDocument {
  /** Unquoted, unlike everywhere else: S3 writes `<ETag>hex</ETag>` here. */
  etag?: string;
  checksum?: { checksums: Readonly<Record<string, string>>; checksumType: string };
  objectParts?: { partsCount: number; page?: AttributesPartsPage };
  storageClass?: string;
  objectSize?: number;
}

/** Elements in the reference's order: ETag, Checksum, ObjectParts, StorageClass, ObjectSize. */
export function renderGetObjectAttributesResponse(d: ObjectAttributesDocument): string {
  const page = d.objectParts?.page;
  return renderXml('GetObjectAttributesResponse', {
    ETag: d.etag,
    Checksum: d.checksum && { ...checksumFields(d.checksum.checksums), ChecksumType: d.checksum.checksumType || undefined },
    ObjectParts: d.objectParts && {
      IsTruncated: page?.isTruncated,
      MaxParts: page?.maxParts,
      NextPartNumberMarker: page?.nextPartNumberMarker,
      PartNumberMarker: page?.partNumberMarker,
      Part: page?.parts.map((p): XmlObject => ({ ...checksumFields(p.checksums), PartNumber: p.partNumber, Size: p.size })),
      PartsCount: d.objectParts.partsCount,
    },
    StorageClass: d.storageClass,
    ObjectSize: d.objectSize,
  });
}
