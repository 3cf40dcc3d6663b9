import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import {
  parseCompleteMultipartUpload,
  renderCompleteMultipartUploadResult,
  renderInitiateMultipartUploadResult,
  renderListMultipartUploadsResult,
  renderListPartsResult,
} from './multipart-documents';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as S3Error).code;
  }
  return undefined;
};

describe('multipart documents', () => {
  it('parses a Complete body with quoted ETags and per-part checksums', () => {
    const parts = parseCompleteMultipartUpload(
      '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><ETag>"abc"</ETag><PartNumber>1</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><Part><PartNumber>2</PartNumber><ETag>def</ETag></Part></CompleteMultipartUpload>',
    );
    expect(parts).toEqual([
      { partNumber: 1, etag: 'abc', checksums: { CRC32: 'AAAAAA==' } },
      { partNumber: 2, etag: 'def', checksums: {} },
    ]);
  });

  it.each([
    ['<CompleteMultipartUpload></CompleteMultipartUpload>'],
    ['<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>'],
    ['<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>'],
    ['<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>'],
    ['<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part>'],
    ['<Other/>'],
    [''],
    ...['', ' ', '1.5', '-', '1e3', '0x1', 'one', '2147483648', '1 2'].map((n) => [
      `<CompleteMultipartUpload><Part><PartNumber>${n}</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>`,
    ]),
    ['<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><PartNumber>2</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>'],
    ['<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag><ETag>y</ETag></Part></CompleteMultipartUpload>'],
    [`<CompleteMultipartUpload>${'<Part>'.repeat(50_000)}${'</Part>'.repeat(50_000)}</CompleteMultipartUpload>`],
  ])('refuses %j as MalformedXML', (body) => {
    expect(code(() => parseCompleteMultipartUpload(body))).toBe('MalformedXML');
  });

  it('reads PartNumber as an xs:int: whitespace, leading zeros and a sign are fine; range is the handler\'s business', () => {
    const one = (n: string) =>
      parseCompleteMultipartUpload(`<CompleteMultipartUpload><Part><PartNumber>${n}</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>`)[0].partNumber;
    expect([one(' 7\n'), one('000012'), one('+3'), one('0'), one('10001'), one('-1')]).toEqual([7, 12, 3, 0, 10_001, -1]);
  });

  it('renders the responses clients parse', () => {
    expect(renderInitiateMultipartUploadResult({ bucket: 'b', key: 'k&1', uploadId: 'u1' })).toContain('<Key>k&amp;1</Key><UploadId>u1</UploadId>');
    expect(renderCompleteMultipartUploadResult({ location: '/b/k', bucket: 'b', key: 'k', etag: 'e-2', checksums: { CRC32: 'x-2' }, checksumType: 'COMPOSITE' })).toContain(
      '<ETag>&quot;e-2&quot;</ETag><ChecksumCRC32>x-2</ChecksumCRC32><ChecksumType>COMPOSITE</ChecksumType>',
    );
    const parts = renderListPartsResult({
      bucket: 'b',
      key: 'k',
      uploadId: 'u',
      partNumberMarker: 0,
      nextPartNumberMarker: 2,
      maxParts: 2,
      isTruncated: true,
      parts: [{ partNumber: 2, lastModified: new Date(0), etag: 'p2', size: 5 }],
      initiator: { id: 'me', displayName: 'me' },
      owner: { id: 'me', displayName: 'me' },
      storageClass: 'STANDARD',
    });
    expect(parts).toContain('<Part><PartNumber>2</PartNumber><LastModified>1970-01-01T00:00:00.000Z</LastModified><ETag>&quot;p2&quot;</ETag><Size>5</Size></Part>');
    const uploads = renderListMultipartUploadsResult({
      bucket: 'b',
      keyMarker: '',
      uploadIdMarker: '',
      prefix: 'a b',
      maxUploads: 1000,
      isTruncated: false,
      uploads: [{ key: 'a b/c', uploadId: 'u', initiated: new Date(0), owner: { id: 'me', displayName: 'me' }, storageClass: 'STANDARD' }],
      commonPrefixes: [],
      encodingType: 'url',
    });
    expect(uploads).toContain('<Key>a%20b/c</Key>');
    expect(uploads).toContain('<Prefix>a%20b</Prefix>');
  });
});
