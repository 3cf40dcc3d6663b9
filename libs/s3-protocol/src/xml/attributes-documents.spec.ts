import { describe, expect, it } from 'vitest';
import { renderGetObjectAttributesResponse } from './attributes-documents';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<GetObjectAttributesResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/">';
const TAIL = '</GetObjectAttributesResponse>';

describe(renderGetObjectAttributesResponse.name, () => {
  it('renders a single-PUT object: unquoted ETag, full-object checksum, no ObjectParts', () => {
    expect(
      renderGetObjectAttributesResponse({
        etag: '5d41402abc4b2a76b9719d911017c592',
        checksum: { checksums: { CRC32: 'NhCmhg==' }, checksumType: 'FULL_OBJECT' },
        storageClass: 'STANDARD',
        objectSize: 5,
      }),
    ).toBe(
      `${HEAD}<ETag>5d41402abc4b2a76b9719d911017c592</ETag>` +
        '<Checksum><ChecksumCRC32>NhCmhg==</ChecksumCRC32><ChecksumType>FULL_OBJECT</ChecksumType></Checksum>' +
        `<StorageClass>STANDARD</StorageClass><ObjectSize>5</ObjectSize>${TAIL}`,
    );
  });

  it('renders a page of parts with their checksums, the count last', () => {
    expect(
      renderGetObjectAttributesResponse({
        objectParts: {
          partsCount: 3,
          page: {
            partNumberMarker: 1,
            nextPartNumberMarker: 2,
            maxParts: 1,
            isTruncated: true,
            parts: [{ partNumber: 2, size: 5242880, checksums: { SHA256: 'abc=' } }],
          },
        },
      }),
    ).toBe(
      `${HEAD}<ObjectParts><IsTruncated>true</IsTruncated><MaxParts>1</MaxParts><NextPartNumberMarker>2</NextPartNumberMarker>` +
        '<PartNumberMarker>1</PartNumberMarker><Part><ChecksumSHA256>abc=</ChecksumSHA256><PartNumber>2</PartNumber>' +
        `<Size>5242880</Size></Part><PartsCount>3</PartsCount></ObjectParts>${TAIL}`,
    );
  });

  it('renders only the parts count when no page is listed (no per-part checksums)', () => {
    expect(renderGetObjectAttributesResponse({ etag: 'abc-2', objectParts: { partsCount: 2 } })).toBe(
      `${HEAD}<ETag>abc-2</ETag><ObjectParts><PartsCount>2</PartsCount></ObjectParts>${TAIL}`,
    );
  });

  it('renders an empty document when nothing asked for applies', () => {
    expect(renderGetObjectAttributesResponse({})).toBe(`${HEAD}${TAIL}`);
  });
});
