import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import {
  type ListEntry,
  parseCreateBucketConfiguration,
  parseDeleteRequest,
  quoteEtag,
  renderCopyObjectResult,
  renderCopyPartResult,
  renderDeleteResult,
  renderError,
  renderListAllMyBuckets,
  renderListBucketResultV1,
  renderListBucketResultV2,
  renderLocationConstraint,
  s3UrlEncode,
} from './documents';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err.code;
    throw err;
  }
  return undefined;
};

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const T = new Date(Date.UTC(2026, 10, 24, 20, 31, 5));
const TS = '2026-11-24T20:31:05.000Z';
const owner = { id: 'abc123', displayName: 'alice' };

describe(renderError.name, () => {
  it('renders Code, Message, details, Resource, RequestId, HostId without a namespace', () => {
    expect(
      renderError({
        code: 'NoSuchUpload',
        message: 'The specified multipart upload does not exist.',
        details: { UploadId: 'u1', Key: 'a&b' },
        resource: '/b/a&b',
        requestId: 'R1',
        hostId: 'H1',
      }),
    ).toBe(
      `${DECL}<Error><Code>NoSuchUpload</Code><Message>The specified multipart upload does not exist.</Message>` +
        '<UploadId>u1</UploadId><Key>a&amp;b</Key><Resource>/b/a&amp;b</Resource><RequestId>R1</RequestId><HostId>H1</HostId></Error>',
    );
  });

  it('omits Resource and HostId when absent and never lets details shadow the fixed elements', () => {
    expect(renderError({ code: 'X', message: 'm', requestId: 'R', details: { Code: 'evil', RequestId: 'evil' } })).toBe(
      `${DECL}<Error><Code>X</Code><Message>m</Message><RequestId>R</RequestId></Error>`,
    );
  });
});

describe(renderListAllMyBuckets.name, () => {
  it('lists buckets with their creation dates', () => {
    expect(renderListAllMyBuckets({ owner, buckets: [{ name: 'b1', creationDate: T }, { name: 'b2', creationDate: T }] })).toBe(
      `${DECL}<ListAllMyBucketsResult ${NS}><Owner><ID>abc123</ID><DisplayName>alice</DisplayName></Owner><Buckets>` +
        `<Bucket><Name>b1</Name><CreationDate>${TS}</CreationDate></Bucket>` +
        `<Bucket><Name>b2</Name><CreationDate>${TS}</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`,
    );
  });

  it('keeps an empty Buckets element when there are none', () => {
    expect(renderListAllMyBuckets({ owner, buckets: [] })).toContain('</Owner><Buckets></Buckets></ListAllMyBucketsResult>');
  });
});

const entry = (key: string, extra: Partial<ListEntry> = {}): ListEntry => ({
  key,
  lastModified: T,
  etag: 'd41d8cd98f00b204e9800998ecf8427e',
  size: 0,
  owner,
  ...extra,
});
const contentsXml = (key: string, withOwner: boolean) =>
  `<Contents><Key>${key}</Key><LastModified>${TS}</LastModified><ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag>` +
  `<Size>0</Size>${withOwner ? '<Owner><ID>abc123</ID><DisplayName>alice</DisplayName></Owner>' : ''}<StorageClass>STANDARD</StorageClass></Contents>`;

describe(renderListBucketResultV1.name, () => {
  const base = { name: 'b', prefix: '', marker: '', maxKeys: 1000, isTruncated: false, contents: [], commonPrefixes: [] };

  it('renders an empty listing', () => {
    expect(renderListBucketResultV1(base)).toBe(
      `${DECL}<ListBucketResult ${NS}><Name>b</Name><Prefix></Prefix><Marker></Marker><MaxKeys>1000</MaxKeys>` +
        '<IsTruncated>false</IsTruncated></ListBucketResult>',
    );
  });

  it('renders contents with Owner, common prefixes, and NextMarker when truncated with a delimiter', () => {
    expect(
      renderListBucketResultV1({
        ...base,
        prefix: 'p/',
        marker: 'p/a',
        delimiter: '/',
        maxKeys: 2,
        isTruncated: true,
        nextMarker: 'p/c/',
        contents: [entry('p/b')],
        commonPrefixes: ['p/c/'],
      }),
    ).toBe(
      `${DECL}<ListBucketResult ${NS}><Name>b</Name><Prefix>p/</Prefix><Marker>p/a</Marker><NextMarker>p/c/</NextMarker>` +
        '<MaxKeys>2</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>' +
        contentsXml('p/b', true) +
        '<CommonPrefixes><Prefix>p/c/</Prefix></CommonPrefixes></ListBucketResult>',
    );
  });

  const nextMarkerCases: Array<[delimiter: string | undefined, isTruncated: boolean, shown: boolean]> = [
    ['/', true, true],
    ['/', false, false],
    [undefined, true, false],
    ['', true, false],
  ];
  it.each(nextMarkerCases)('delimiter %j, truncated %s: NextMarker shown %s', (delimiter, isTruncated, shown) => {
    const xml = renderListBucketResultV1({ ...base, delimiter, isTruncated, nextMarker: 'k' });
    expect(xml.includes('<NextMarker>k</NextMarker>')).toBe(shown);
    expect(xml.includes('<Delimiter>')).toBe(!!delimiter);
  });

  it('url-encodes Prefix, Marker, NextMarker, Delimiter, Key and CommonPrefixes with encoding-type=url', () => {
    const xml = renderListBucketResultV1({
      ...base,
      prefix: 'a b',
      marker: 'a+b',
      delimiter: '#',
      isTruncated: true,
      nextMarker: 'ü',
      contents: [entry('a b/\u0001')],
      commonPrefixes: ['a b#'],
      encodingType: 'url',
    });
    expect(xml).toContain('<Prefix>a%20b</Prefix><Marker>a%2Bb</Marker><NextMarker>%C3%BC</NextMarker>');
    expect(xml).toContain('<Delimiter>%23</Delimiter>');
    expect(xml).toContain('<Key>a%20b/%01</Key>');
    expect(xml).toContain('<CommonPrefixes><Prefix>a%20b%23</Prefix></CommonPrefixes><EncodingType>url</EncodingType></ListBucketResult>');
  });

  it('escapes control characters in keys when not url-encoding', () => {
    expect(renderListBucketResultV1({ ...base, contents: [entry('a\u0001<b>\r')] })).toContain('<Key>a&#x1;&lt;b&gt;&#xD;</Key>');
  });
});

describe(renderListBucketResultV2.name, () => {
  const base = { name: 'b', prefix: '', maxKeys: 1000, isTruncated: false, contents: [], commonPrefixes: [], fetchOwner: false };

  it('renders an empty listing', () => {
    expect(renderListBucketResultV2(base)).toBe(
      `${DECL}<ListBucketResult ${NS}><Name>b</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><KeyCount>0</KeyCount>` +
        '<IsTruncated>false</IsTruncated></ListBucketResult>',
    );
  });

  it('renders a truncated page with tokens, StartAfter, and KeyCount counting prefixes too', () => {
    expect(
      renderListBucketResultV2({
        ...base,
        delimiter: '/',
        maxKeys: 2,
        isTruncated: true,
        continuationToken: 'tok1',
        nextContinuationToken: 'tok2',
        startAfter: 'a',
        contents: [entry('b', { size: 12, storageClass: 'REDUCED_REDUNDANCY', etag: '"abc-2"' })],
        commonPrefixes: ['c/'],
      }),
    ).toBe(
      `${DECL}<ListBucketResult ${NS}><Name>b</Name><Prefix></Prefix><MaxKeys>2</MaxKeys><KeyCount>2</KeyCount>` +
        '<Delimiter>/</Delimiter><IsTruncated>true</IsTruncated><ContinuationToken>tok1</ContinuationToken>' +
        '<NextContinuationToken>tok2</NextContinuationToken><StartAfter>a</StartAfter>' +
        `<Contents><Key>b</Key><LastModified>${TS}</LastModified><ETag>&quot;abc-2&quot;</ETag><Size>12</Size>` +
        '<StorageClass>REDUCED_REDUNDANCY</StorageClass></Contents><CommonPrefixes><Prefix>c/</Prefix></CommonPrefixes></ListBucketResult>',
    );
  });

  it('includes Owner only with fetch-owner', () => {
    expect(renderListBucketResultV2({ ...base, contents: [entry('k')] })).toContain(contentsXml('k', false));
    expect(renderListBucketResultV2({ ...base, fetchOwner: true, contents: [entry('k')] })).toContain(contentsXml('k', true));
  });

  it('omits NextContinuationToken on the last page', () => {
    expect(renderListBucketResultV2({ ...base, nextContinuationToken: 'x' })).not.toContain('NextContinuationToken');
  });

  it('reproduces s3-tests test_bucket_listv2_encoding_basic', () => {
    const xml = renderListBucketResultV2({
      ...base,
      delimiter: '/',
      contents: [entry('asdf+b')],
      commonPrefixes: ['foo+1/', 'foo/', 'quux ab/'],
      encodingType: 'url',
    });
    expect(xml).toContain('<Delimiter>/</Delimiter>');
    expect(xml).toContain('<EncodingType>url</EncodingType>');
    expect(xml).toContain('<Key>asdf%2Bb</Key>');
    expect(xml).toContain(
      '<CommonPrefixes><Prefix>foo%2B1/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>foo/</Prefix></CommonPrefixes>' +
        '<CommonPrefixes><Prefix>quux%20ab/</Prefix></CommonPrefixes>',
    );
  });

  it('url-encodes Prefix and StartAfter but not the opaque tokens', () => {
    const xml = renderListBucketResultV2({
      ...base,
      prefix: 'a b',
      startAfter: 'a b/c',
      continuationToken: 'x+y=',
      isTruncated: true,
      nextContinuationToken: 'z+/=',
      encodingType: 'url',
    });
    expect(xml).toContain('<Prefix>a%20b</Prefix>');
    expect(xml).toContain('<StartAfter>a%20b/c</StartAfter>');
    expect(xml).toContain('<ContinuationToken>x+y=</ContinuationToken><NextContinuationToken>z+/=</NextContinuationToken>');
  });
});

describe(s3UrlEncode.name, () => {
  const cases: Array<[input: string, output: string]> = [
    ['', ''],
    ['plain/Key-1_2.3~', 'plain/Key-1_2.3~'],
    ['quux ab/', 'quux%20ab/'],
    ['foo+1/', 'foo%2B1/'],
    ['test_file(3).png', 'test_file%283%29.png'],
    ["!*'();:@&=$,?#[]%", '%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%3F%23%5B%5D%25'],
    ['\u0000\u0001\t\n\r\u001f\u007f', '%00%01%09%0A%0D%1F%7F'],
    ['ü', '%C3%BC'],
    ['日本', '%E6%97%A5%E6%9C%AC'],
    ['😀', '%F0%9F%98%80'],
    ['a//b/', 'a//b/'],
  ];
  it.each(cases)('%j -> %j', (input, output) => expect(s3UrlEncode(input)).toBe(output));

  it('round-trips through decodeURIComponent', () => {
    const key = ' +%/ü😀\u0001\r\n&<>"\'';
    expect(decodeURIComponent(s3UrlEncode(key))).toBe(key);
  });
});

describe(quoteEtag.name, () => {
  it.each([
    ['abc', '"abc"'],
    ['"abc"', '"abc"'],
    ['abc-3', '"abc-3"'],
    ['"', '"""'],
  ])('%j -> %j', (input, output) => expect(quoteEtag(input)).toBe(output));
});

describe(renderCopyObjectResult.name, () => {
  it('renders ETag and LastModified', () => {
    expect(renderCopyObjectResult({ etag: 'abc', lastModified: T })).toBe(
      `${DECL}<CopyObjectResult ${NS}><ETag>&quot;abc&quot;</ETag><LastModified>${TS}</LastModified></CopyObjectResult>`,
    );
  });

  it('renders checksums in S3 order', () => {
    expect(
      renderCopyObjectResult({ etag: '"abc"', lastModified: T, checksumType: 'FULL_OBJECT', checksums: { SHA256: 's', CRC32: 'c' } }),
    ).toBe(
      `${DECL}<CopyObjectResult ${NS}><ETag>&quot;abc&quot;</ETag><LastModified>${TS}</LastModified>` +
        '<ChecksumType>FULL_OBJECT</ChecksumType><ChecksumCRC32>c</ChecksumCRC32><ChecksumSHA256>s</ChecksumSHA256></CopyObjectResult>',
    );
  });

  it('has a CopyPartResult twin for UploadPartCopy', () => {
    expect(renderCopyPartResult({ etag: 'abc', lastModified: T })).toBe(
      `${DECL}<CopyPartResult ${NS}><ETag>&quot;abc&quot;</ETag><LastModified>${TS}</LastModified></CopyPartResult>`,
    );
  });
});

describe(renderLocationConstraint.name, () => {
  it.each([
    ['us-east-1', `${DECL}<LocationConstraint ${NS}></LocationConstraint>`],
    ['eu-west-1', `${DECL}<LocationConstraint ${NS}>eu-west-1</LocationConstraint>`],
  ])('%s', (region, xml) => expect(renderLocationConstraint(region)).toBe(xml));
});

describe(renderDeleteResult.name, () => {
  it('lists deleted keys then errors', () => {
    expect(
      renderDeleteResult({
        deleted: [{ key: 'a' }, { key: 'b&c', versionId: 'v1' }],
        errors: [{ key: 'x/..', code: 'InvalidArgument', message: 'no' }],
      }),
    ).toBe(
      `${DECL}<DeleteResult ${NS}><Deleted><Key>a</Key></Deleted><Deleted><Key>b&amp;c</Key><VersionId>v1</VersionId></Deleted>` +
        '<Error><Key>x/..</Key><Code>InvalidArgument</Code><Message>no</Message></Error></DeleteResult>',
    );
  });

  it('renders an empty result (quiet, no errors)', () => {
    expect(renderDeleteResult({ deleted: [], errors: [] })).toBe(`${DECL}<DeleteResult ${NS}></DeleteResult>`);
  });
});

const deleteBody = (keys: string[], quiet?: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
  (quiet === undefined ? '' : `<Quiet>${quiet}</Quiet>`) +
  keys.map((k) => `<Object><Key>${k}</Key></Object>`).join('') +
  '</Delete>';

describe(parseDeleteRequest.name, () => {
  it('returns the keys in order, exactly as sent', () => {
    expect(parseDeleteRequest(deleteBody(['a', ' b ', 'c&amp;d', 'x//y/', '日本']))).toEqual({
      quiet: false,
      keys: ['a', ' b ', 'c&d', 'x//y/', '日本'],
    });
  });

  const quietCases: Array<[quiet: string | undefined, expected: boolean]> = [
    [undefined, false],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    [' true ', true],
    ['\n\tTrue\r\n', true],
    ['1', true],
    ['false', false],
    [' False ', false],
    ['0', false],
    ['', false],
  ];
  it.each(quietCases)('Quiet %j -> %s', (quiet, expected) => {
    expect(parseDeleteRequest(deleteBody(['a'], quiet)).quiet).toBe(expected);
  });

  it('accepts 1000 objects', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    expect(parseDeleteRequest(Buffer.from(deleteBody(keys))).keys).toHaveLength(1000);
  });

  it('ignores VersionId and unknown elements', () => {
    expect(parseDeleteRequest('<Delete><Object><Key>a</Key><VersionId>v</VersionId></Object><Other/></Delete>').keys).toEqual(['a']);
  });

  it('returns an empty key as "" for the handler to report', () => {
    expect(parseDeleteRequest('<Delete><Object><Key></Key></Object></Delete>').keys).toEqual(['']);
  });

  const malformed: Array<[title: string, body: string]> = [
    ['1001 objects', deleteBody(Array.from({ length: 1001 }, (_, i) => `k${i}`))],
    ['no objects', deleteBody([])],
    ['an object without a Key', '<Delete><Object><VersionId>v</VersionId></Object></Delete>'],
    ['an object with two Keys', '<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>'],
    ['the wrong root', '<Tagging><Object><Key>a</Key></Object></Tagging>'],
    ['an empty body', ''],
    ['a DOCTYPE', '<!DOCTYPE Delete><Delete><Object><Key>a</Key></Object></Delete>'],
    ['Quiet maybe', deleteBody(['a'], 'maybe')],
    ['Quiet yes', deleteBody(['a'], 'yes')],
    ['Quiet nested deep', `<Delete><Quiet>${'<q>'.repeat(50_000)}${'</q>'.repeat(50_000)}</Quiet><Object><Key>a</Key></Object></Delete>`],
    ['Objects nested 50,000 deep', `<Delete>${'<Object>'.repeat(50_000)}<Key>a</Key>${'</Object>'.repeat(50_000)}</Delete>`],
  ];
  it.each(malformed)('rejects %s with MalformedXML', (_, body) => {
    expect(codeOf(() => parseDeleteRequest(body))).toBe('MalformedXML');
  });
});

describe(parseCreateBucketConfiguration.name, () => {
  const cases: Array<[body: string | Buffer, expected: { locationConstraint?: string }]> = [
    ['', {}],
    [Buffer.alloc(0), {}],
    ['  \n', {}],
    ['<CreateBucketConfiguration/>', {}],
    [`<CreateBucketConfiguration ${NS}><LocationConstraint></LocationConstraint></CreateBucketConfiguration>`, {}],
    [
      `<?xml version="1.0" encoding="UTF-8"?>\n<CreateBucketConfiguration ${NS}>\n  <LocationConstraint>eu-west-1</LocationConstraint>\n</CreateBucketConfiguration>`,
      { locationConstraint: 'eu-west-1' },
    ],
  ];
  it.each(cases)('%j -> %j', (body, expected) => expect(parseCreateBucketConfiguration(body)).toEqual(expected));

  it.each(['<Delete/>', '<CreateBucketConfiguration>', 'nope'])('rejects %j with MalformedXML', (body) => {
    expect(codeOf(() => parseCreateBucketConfiguration(body))).toBe('MalformedXML');
  });
});
