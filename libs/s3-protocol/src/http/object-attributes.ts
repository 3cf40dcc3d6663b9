// GetObjectAttributes' request: which attributes (x-amz-object-attributes) and which page of parts (x-amz-max-parts,
// x-amz-part-number-marker), and the page itself.
import { S3Error } from '../errors/s3-errors';

export const OBJECT_ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] as const;
export type ObjectAttribute = (typeof OBJECT_ATTRIBUTES)[number];

const KNOWN: ReadonlySet<string> = new Set(OBJECT_ATTRIBUTES);

/** S3's largest (and default) page of parts, as in ListParts. */
export const MAX_PARTS = 1000;

/**
 * The attributes asked for. SDKs send one comma-separated header (node joins repeated ones with ", "); empty items are
 * skipped. S3 answers a missing or empty header with InvalidRequest and any unknown name with InvalidArgument.
 */
export function parseObjectAttributes(value: string | readonly string[] | undefined): ReadonlySet<ObjectAttribute> {
  const items = (typeof value === 'string' ? [value] : (value ?? []))
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (items.length === 0) {
    throw new S3Error('InvalidRequest', 'The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty');
  }
  for (const item of items) {
    if (!KNOWN.has(item)) {
      throw new S3Error('InvalidArgument', 'Invalid attribute name specified.', { ArgumentName: 'x-amz-object-attributes', ArgumentValue: item });
    }
  }
  return new Set(items as ObjectAttribute[]);
}

/**
 * x-amz-max-parts and x-amz-part-number-marker. S3 ignores a max-parts that is not a non-negative integer (the
 * default, 1000, applies) and caps it at 1000; a marker that is not one lists from the first part.
 */
export function parsePartsPaging(maxParts: string | undefined, marker: string | undefined): { maxParts: number; partNumberMarker: number } {
  const integer = (v: string | undefined) => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined);
  const max = integer(maxParts);
  return { maxParts: max === undefined ? MAX_PARTS : Math.min(max, MAX_PARTS), partNumberMarker: integer(marker) ?? 0 };
}

/** One page of `parts` (ascending part numbers): those after the marker, at most maxParts of them. */
export function pagePartsAfter<P extends { part_number: number }>(
  parts: readonly P[],
  paging: { maxParts: number; partNumberMarker: number },
): { parts: P[]; isTruncated: boolean; nextPartNumberMarker: number } {
  const after = parts.filter((p) => p.part_number > paging.partNumberMarker);
  const page = after.slice(0, paging.maxParts);
  return {
    parts: page,
    isTruncated: after.length > page.length,
    // The last part listed; 0 for an empty page, as S3 answers a marker past the last part.
    nextPartNumberMarker: page.length ? page[page.length - 1].part_number : 0,
  };
}
