import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import {
  parseAccessControlPolicy,
  renderAccelerateConfiguration,
  renderAccessControlPolicy,
  renderBucketLoggingStatus,
  renderListVersionsResult,
  renderNotificationConfiguration,
  renderPolicyStatus,
  renderRequestPaymentConfiguration,
  renderVersioningConfiguration,
} from './probe-documents';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

describe('probe documents', () => {
  it('renders the fixed answers of an unconfigured bucket', () => {
    expect(renderVersioningConfiguration()).toBe(`${HEAD}<VersioningConfiguration ${NS}></VersioningConfiguration>`);
    expect(renderPolicyStatus()).toBe(`${HEAD}<PolicyStatus ${NS}><IsPublic>false</IsPublic></PolicyStatus>`);
    expect(renderBucketLoggingStatus()).toBe(`${HEAD}<BucketLoggingStatus ${NS}></BucketLoggingStatus>`);
    expect(renderNotificationConfiguration()).toBe(`${HEAD}<NotificationConfiguration ${NS}></NotificationConfiguration>`);
    expect(renderRequestPaymentConfiguration()).toBe(`${HEAD}<RequestPaymentConfiguration ${NS}><Payer>BucketOwner</Payer></RequestPaymentConfiguration>`);
    expect(renderAccelerateConfiguration()).toBe(`${HEAD}<AccelerateConfiguration ${NS}></AccelerateConfiguration>`);
  });

  it('renders the owner-only ACL with a typed grantee', () => {
    expect(renderAccessControlPolicy({ id: 'u&1', displayName: 'u&1' })).toBe(
      `${HEAD}<AccessControlPolicy ${NS}><Owner><ID>u&amp;1</ID><DisplayName>u&amp;1</DisplayName></Owner>` +
        '<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">' +
        '<ID>u&amp;1</ID><DisplayName>u&amp;1</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant>' +
        '</AccessControlList></AccessControlPolicy>',
    );
  });

  it('renders ListVersionsResult with null versions, markers and common prefixes in S3 order', () => {
    const xml = renderListVersionsResult({
      name: 'b',
      prefix: 'p/',
      keyMarker: 'p/a',
      versionIdMarker: 'null',
      nextKeyMarker: 'p/c d',
      maxKeys: 2,
      delimiter: '/',
      isTruncated: true,
      versions: [{ key: 'p/b', lastModified: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), etag: 'abc', size: 3, owner: { id: 'o', displayName: 'o' } }],
      commonPrefixes: ['p/c d/'],
      encodingType: 'url',
    });
    expect(xml).toBe(
      `${HEAD}<ListVersionsResult ${NS}><Name>b</Name><Prefix>p/</Prefix><KeyMarker>p/a</KeyMarker>` +
        '<VersionIdMarker>null</VersionIdMarker><NextKeyMarker>p/c%20d</NextKeyMarker><NextVersionIdMarker>null</NextVersionIdMarker>' +
        '<MaxKeys>2</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>' +
        '<Version><Key>p/b</Key><VersionId>null</VersionId><IsLatest>true</IsLatest><LastModified>2026-01-02T03:04:05.000Z</LastModified>' +
        '<ETag>&quot;abc&quot;</ETag><Size>3</Size><Owner><ID>o</ID><DisplayName>o</DisplayName></Owner><StorageClass>STANDARD</StorageClass></Version>' +
        '<CommonPrefixes><Prefix>p/c%20d/</Prefix></CommonPrefixes><EncodingType>url</EncodingType></ListVersionsResult>',
    );
  });

  it('omits the next markers on a last page', () => {
    const xml = renderListVersionsResult({ name: 'b', prefix: '', keyMarker: '', versionIdMarker: '', maxKeys: 1000, isTruncated: false, versions: [], commonPrefixes: [] });
    expect(xml).toBe(`${HEAD}<ListVersionsResult ${NS}><Name>b</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListVersionsResult>`);
  });
});

describe(parseAccessControlPolicy.name, () => {
  it('reads the owner and each grant with its xsi:type', () => {
    const body =
      '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o</ID></Owner><AccessControlList>' +
      '<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>o</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>' +
      '<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>' +
      '</AccessControlList></AccessControlPolicy>';
    expect(parseAccessControlPolicy(body)).toEqual({
      ownerId: 'o',
      grants: [
        { type: 'CanonicalUser', id: 'o', uri: undefined, email: undefined, permission: 'FULL_CONTROL' },
        { type: 'Group', id: undefined, uri: 'http://acs.amazonaws.com/groups/global/AllUsers', email: undefined, permission: 'READ' },
      ],
    });
  });
  it('answers MalformedACLError for a body that is no ACL', () => {
    for (const body of ['', '<Nope/>', '<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>', '<AccessControlPolicy>']) {
      expect(() => parseAccessControlPolicy(body)).toThrow(S3Error);
      try {
        parseAccessControlPolicy(body);
      } catch (err) {
        expect((err as S3Error).code).toBe('MalformedACLError');
      }
    }
  });
});
