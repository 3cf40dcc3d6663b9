import type { OutgoingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ObjectRecord__Output } from '../../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import type { S3Request } from '../s3-request';
import type { GatewayServices } from '../services';
import { attributesHandlers } from './attributes-handlers';

const base: ObjectRecord__Output = {
  bucket: 'b',
  key: 'k',
  size: 10,
  etag: 'abc-2',
  last_modified_ms: Date.UTC(2026, 0, 2, 3, 4, 5),
  content_type: '',
  user_metadata: {},
  system_metadata: {},
  checksums: { SHA256: 'c29tZQ==-2' },
  checksum_type: 'COMPOSITE',
  location: { mount_id: 'root', path: 'b/k' },
  ufs_version: 'v1',
  tags: [],
  owner: 'me',
  parts_count: 2,
  storage_class: '',
  part_sizes: [6, 4],
  parts: [
    { part_number: 1, size: 6, checksums: { SHA256: 'cDE=' } },
    { part_number: 4, size: 4, checksums: { SHA256: 'cDQ=' } },
  ],
};

/** The handler against a record cache holding `record`; answers the status, headers and XML body it sent. */
async function run(record: ObjectRecord__Output, headers: Record<string, string>, query: Record<string, string> = {}) {
  const sent: { status?: number; headers?: OutgoingHttpHeaders; body?: string } = {};
  // ObjectParts needs the parts, which only metadata's GetObject with_parts answers; the record cache has none.
  const services = {
    records: { get: async () => ({ ...record, parts: [] }) },
    metadata: { api: { GetObject: async (r: { with_parts?: boolean }) => ({ object: r.with_parts ? record : { ...record, parts: [] } }) } },
  } as unknown as GatewayServices;
  const req = {
    id: 'REQ1',
    op: 'GetObjectAttributes',
    bucket: 'b',
    key: 'k',
    query: new Map(Object.entries({ attributes: '', ...query })),
    headers,
    user: 'me',
    body: { method: 'GET' },
    res: {
      writeHead: (status: number, h: OutgoingHttpHeaders) => Object.assign(sent, { status, headers: h }),
      end: (body?: Buffer) => void (sent.body = body?.toString('utf8')),
    },
  } as unknown as S3Request;
  await attributesHandlers(services).GetObjectAttributes(req);
  return sent;
}

const inner = (xml = '') => xml.replace(/^[\s\S]*<GetObjectAttributesResponse[^>]*>|<\/GetObjectAttributesResponse>$/g, '');

describe(attributesHandlers.name, () => {
  it('answers a composite object with the digest alone, its parts by their own numbers, and STANDARD for no class', async () => {
    const sent = await run(base, { 'x-amz-object-attributes': 'ETag,Checksum,ObjectParts,StorageClass,ObjectSize' });
    expect(sent.status).toBe(200);
    expect(sent.headers?.['last-modified']).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
    expect(inner(sent.body)).toBe(
      '<ETag>abc-2</ETag><Checksum><ChecksumSHA256>c29tZQ==</ChecksumSHA256><ChecksumType>COMPOSITE</ChecksumType></Checksum>' +
        '<ObjectParts><IsTruncated>false</IsTruncated><MaxParts>1000</MaxParts><NextPartNumberMarker>4</NextPartNumberMarker>' +
        '<PartNumberMarker>0</PartNumberMarker><Part><ChecksumSHA256>cDE=</ChecksumSHA256><PartNumber>1</PartNumber><Size>6</Size></Part>' +
        '<Part><ChecksumSHA256>cDQ=</ChecksumSHA256><PartNumber>4</PartNumber><Size>4</Size></Part><PartsCount>2</PartsCount></ObjectParts>' +
        '<StorageClass>STANDARD</StorageClass><ObjectSize>10</ObjectSize>',
    );
  });

  it('pages from x-amz-part-number-marker with x-amz-max-parts', async () => {
    const sent = await run(base, { 'x-amz-object-attributes': 'ObjectParts', 'x-amz-max-parts': '1', 'x-amz-part-number-marker': '1' });
    expect(inner(sent.body)).toBe(
      '<ObjectParts><IsTruncated>false</IsTruncated><MaxParts>1</MaxParts><NextPartNumberMarker>4</NextPartNumberMarker>' +
        '<PartNumberMarker>1</PartNumberMarker><Part><ChecksumSHA256>cDQ=</ChecksumSHA256><PartNumber>4</PartNumber><Size>4</Size></Part>' +
        '<PartsCount>2</PartsCount></ObjectParts>',
    );
  });

  it('gives the parts count alone for a record written before parts were kept', async () => {
    const sent = await run({ ...base, parts: [] }, { 'x-amz-object-attributes': 'ObjectParts' });
    expect(inner(sent.body)).toBe('<ObjectParts><PartsCount>2</PartsCount></ObjectParts>');
  });

  it('writes the ETag unquoted even from a record that holds it quoted', async () => {
    const sent = await run({ ...base, etag: '"5d41402abc4b2a76b9719d911017c592"', parts_count: 0 }, { 'x-amz-object-attributes': 'ETag,ObjectParts' });
    expect(inner(sent.body)).toBe('<ETag>5d41402abc4b2a76b9719d911017c592</ETag>');
  });

  it('refuses the request before looking the object up when the header is missing', async () => {
    const looked: string[] = [];
    const lookup = async (b: string, k: string) => void looked.push(`${b}/${k}`);
    const services = { records: { get: lookup }, metadata: { api: { GetObject: lookup } } } as unknown as GatewayServices;
    const req = { bucket: 'b', key: 'k', query: new Map([['attributes', '']]), headers: {}, body: { method: 'GET' } } as unknown as S3Request;
    const err = await attributesHandlers(services).GetObjectAttributes(req).catch((e: unknown) => e);
    expect((err as S3Error).code).toBe('InvalidRequest');
    expect(looked).toEqual([]);
  });
});
