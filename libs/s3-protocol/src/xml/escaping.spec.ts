// Golden strings: every response document that echoes a key or prefix renders control characters as numeric
// character references (and the five markup characters as entities) unless encoding-type=url was asked for.
// AWS's "Creating object key names" page (XML related object key constraints): CR must be sent and is returned as
// a reference because XML end-of-line handling would turn it into LF; the other C0 controls cannot appear raw.
import { describe, expect, it } from 'vitest';
import { tagsFromHeader, renderTagging } from '../../../tagging/src/tag-set';
import { renderDeleteResult, renderError, renderListBucketResultV1, renderListBucketResultV2 } from './documents';
import {
  renderCompleteMultipartUploadResult,
  renderInitiateMultipartUploadResult,
  renderListMultipartUploadsResult,
  renderListPartsResult,
} from './multipart-documents';
import { children, childText, parseXmlBody } from './xml';

const KEY = 'a\u0001b\tc\nd\re\u001ff\u007f<&>"\'';
const ESC = 'a&#x1;b&#x9;c&#xA;d&#xD;e&#x1F;f\u007f&lt;&amp;&gt;&quot;&apos;';
const P = 'p\r/';
const P_ESC = 'p&#xD;/';
const T = new Date(0);
const owner = { id: 'o', displayName: 'o' };
const entry = { key: KEY, lastModified: T, etag: 'e', size: 1 };

describe('control characters in key-echoing documents', () => {
  it('ListObjects (V1): Prefix, Marker, NextMarker, Delimiter, Key, CommonPrefixes', () => {
    const xml = renderListBucketResultV1({
      name: 'b',
      prefix: P,
      marker: KEY,
      nextMarker: P,
      delimiter: '\u0001',
      maxKeys: 1,
      isTruncated: true,
      contents: [entry],
      commonPrefixes: [P],
    });
    expect(xml).toContain(`<Prefix>${P_ESC}</Prefix><Marker>${ESC}</Marker><NextMarker>${P_ESC}</NextMarker>`);
    expect(xml).toContain('<Delimiter>&#x1;</Delimiter>');
    expect(xml).toContain(`<Contents><Key>${ESC}</Key>`);
    expect(xml).toContain(`<CommonPrefixes><Prefix>${P_ESC}</Prefix></CommonPrefixes>`);
  });

  it('ListObjectsV2: Prefix, Delimiter, StartAfter, Key, CommonPrefixes, and the empty token echoed', () => {
    const xml = renderListBucketResultV2({
      name: 'b',
      prefix: P,
      delimiter: '\r',
      maxKeys: 1000,
      isTruncated: false,
      contents: [entry],
      commonPrefixes: [P],
      continuationToken: '',
      startAfter: KEY,
      fetchOwner: false,
    });
    expect(xml).toContain(
      `<Prefix>${P_ESC}</Prefix><MaxKeys>1000</MaxKeys><KeyCount>2</KeyCount><Delimiter>&#xD;</Delimiter>` +
        `<IsTruncated>false</IsTruncated><ContinuationToken></ContinuationToken><StartAfter>${ESC}</StartAfter>`,
    );
    expect(xml).toContain(`<Contents><Key>${ESC}</Key>`);
    expect(xml).toContain(`<CommonPrefixes><Prefix>${P_ESC}</Prefix></CommonPrefixes>`);
  });

  it('with encoding-type=url the same fields are %XX instead', () => {
    const xml = renderListBucketResultV2({
      name: 'b',
      prefix: P,
      maxKeys: 1,
      isTruncated: false,
      contents: [entry],
      commonPrefixes: [],
      fetchOwner: false,
      encodingType: 'url',
    });
    expect(xml).toContain('<Prefix>p%0D/</Prefix>');
    expect(xml).toContain('<Key>a%01b%09c%0Ad%0De%1Ff%7F%3C%26%3E%22%27</Key>');
  });

  it('ListMultipartUploads, ListParts, CreateMultipartUpload, CompleteMultipartUpload', () => {
    const uploads = renderListMultipartUploadsResult({
      bucket: 'b',
      keyMarker: KEY,
      uploadIdMarker: '',
      nextKeyMarker: KEY,
      delimiter: '\r',
      prefix: P,
      maxUploads: 1,
      isTruncated: true,
      uploads: [{ key: KEY, uploadId: 'u', initiated: T, owner, storageClass: 'STANDARD' }],
      commonPrefixes: [P],
    });
    expect(uploads).toContain(`<KeyMarker>${ESC}</KeyMarker><UploadIdMarker></UploadIdMarker><NextKeyMarker>${ESC}</NextKeyMarker>`);
    expect(uploads).toContain(`<Delimiter>&#xD;</Delimiter><Prefix>${P_ESC}</Prefix>`);
    expect(uploads).toContain(`<Upload><Key>${ESC}</Key>`);
    expect(uploads).toContain(`<CommonPrefixes><Prefix>${P_ESC}</Prefix></CommonPrefixes>`);
    const parts = renderListPartsResult({
      bucket: 'b',
      key: KEY,
      uploadId: 'u',
      partNumberMarker: 0,
      maxParts: 1,
      isTruncated: false,
      parts: [],
      initiator: owner,
      owner,
      storageClass: 'STANDARD',
    });
    expect(parts).toContain(`<Bucket>b</Bucket><Key>${ESC}</Key><UploadId>u</UploadId>`);
    expect(renderInitiateMultipartUploadResult({ bucket: 'b', key: KEY, uploadId: 'u' })).toContain(`<Key>${ESC}</Key>`);
    expect(renderCompleteMultipartUploadResult({ location: `/b/${KEY}`, bucket: 'b', key: KEY, etag: 'e-1' })).toContain(
      `<Location>/b/${ESC}</Location><Bucket>b</Bucket><Key>${ESC}</Key>`,
    );
  });

  it('DeleteObjects results and error bodies (Key, Resource)', () => {
    expect(renderDeleteResult({ deleted: [{ key: KEY }], errors: [{ key: P, code: 'AccessDenied', message: 'Access Denied' }] })).toContain(
      `<Deleted><Key>${ESC}</Key></Deleted><Error><Key>${P_ESC}</Key>`,
    );
    expect(renderError({ code: 'NoSuchKey', message: 'm', resource: `/b/${KEY}`, requestId: 'r', details: { Key: KEY } })).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>m</Message><Key>${ESC}</Key>` +
        `<Resource>/b/${ESC}</Resource><RequestId>r</RequestId></Error>`,
    );
  });

  it('tag keys and values too (restrictions off allow any character)', () => {
    const tags = tagsFromHeader('k%0D=v%01', { restrictions: false })!;
    expect(renderTagging(tags)).toContain('<Tag><Key>k&#xD;</Key><Value>v&#x1;</Value></Tag>');
  });

  it('parse back to the exact key (CR survives because it is a reference)', () => {
    const root = parseXmlBody(renderDeleteResult({ deleted: [{ key: 'x\r\ny\rz\t' }], errors: [] }), 'DeleteResult');
    expect(childText(children(root, 'Deleted')[0], 'Key')).toBe('x\r\ny\rz\t');
  });
});
