/**
 * GetObjectAttributes end to end: the JS SDK and raw HTTP here, boto3 and the AWS CLI through
 * python/attributes_checks.py (one run per case, one `it` per sub-check). Parts are small (min part size 1 KiB) so a
 * multipart object costs little on a loaded machine; the behaviour does not depend on part sizes.
 */
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type ChecksumAlgorithm,
  type CompletedPart,
  type ObjectAttributes,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonChecks } from './helpers/python';
import { md5, s3Error } from './helpers/s3';
import { rawRequest, startTestCluster, type TestCluster } from './helpers/test-cluster';

const ALL: ObjectAttributes[] = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'];
const KiB = 1024;
const partBodies = [Buffer.alloc(2 * KiB, 'a'), Buffer.alloc(2 * KiB, 'b'), Buffer.from('tail')];

const crc32 = (b: Buffer): Buffer => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(zlibCrc32(b));
  return out;
};
const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();

describe('GetObjectAttributes against a real cluster', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  const bucket = 'attrs-js';

  beforeAll(async () => {
    cluster = await startTestCluster({ extra: { 's3.multipart.minPartSize': '1KiB' } });
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  const attributes = (Key: string, extra: { MaxParts?: number; PartNumberMarker?: string } = {}) =>
    s3.send(new GetObjectAttributesCommand({ Bucket: bucket, Key, ObjectAttributes: ALL, ...extra }));

  /** A 3-part upload; `algorithm` undefined = none. Returns what Complete answered. */
  async function multipart(Key: string, algorithm?: ChecksumAlgorithm) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key, ChecksumAlgorithm: algorithm }));
    const Parts: CompletedPart[] = [];
    for (const [i, Body] of partBodies.entries()) {
      const r = await s3.send(new UploadPartCommand({ Bucket: bucket, Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: algorithm }));
      Parts.push({ PartNumber: i + 1, ETag: r.ETag, ChecksumCRC32: r.ChecksumCRC32, ChecksumSHA256: r.ChecksumSHA256, ChecksumCRC64NVME: r.ChecksumCRC64NVME });
    }
    return s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key, UploadId, MultipartUpload: { Parts } }));
  }

  it('answers a single PUT with a checksum: unquoted ETag, FULL_OBJECT checksum, size, class, no ObjectParts', async () => {
    const body = Buffer.from('hello attributes');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'single-crc', Body: body, ChecksumAlgorithm: 'CRC32' }));
    const got = await attributes('single-crc');
    expect(got.ETag).toBe(md5(body));
    expect(got.Checksum).toEqual({ ChecksumCRC32: crc32(body).toString('base64'), ChecksumType: 'FULL_OBJECT' });
    expect(got.ObjectSize).toBe(body.length);
    expect(got.StorageClass).toBe('STANDARD');
    expect(got.ObjectParts).toBeUndefined();
    expect(got.LastModified).toBeInstanceOf(Date);
    expect(got.VersionId).toBeUndefined();
  });

  it('answers a single PUT without a checksum with no Checksum element', async () => {
    const raw = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}/single-plain`, { body: 'plain' });
    expect(raw.status).toBe(200);
    const got = await attributes('single-plain');
    expect(got.ETag).toBe(md5(Buffer.from('plain')));
    expect(got.Checksum).toBeUndefined();
    expect(got.ObjectSize).toBe(5);
  });

  it('returns only the attributes asked for', async () => {
    const got = await s3.send(new GetObjectAttributesCommand({ Bucket: bucket, Key: 'single-crc', ObjectAttributes: ['ObjectSize'] }));
    expect([got.ObjectSize, got.ETag, got.Checksum, got.StorageClass]).toEqual([16, undefined, undefined, undefined]);
  });

  it.each([
    ['CRC32', crc32],
    ['SHA256', sha256],
  ] as const)('lists the parts of a %s (COMPOSITE) multipart object with their checksums', async (alg, digest) => {
    const key = `mp-${alg}`;
    const done = await multipart(key, alg);
    const got = await attributes(key);
    const parts = partBodies.map(digest);
    const composite = (alg === 'CRC32' ? crc32 : sha256)(Buffer.concat(parts)).toString('base64');
    // Complete (like HEAD) says `<b64>-3`; GetObjectAttributes gives the digest alone, as S3 does.
    expect(done[`Checksum${alg}`]).toBe(`${composite}-3`);
    expect(got.Checksum).toEqual({ [`Checksum${alg}`]: composite, ChecksumType: 'COMPOSITE' });
    expect(got.ETag).toBe(done.ETag?.replace(/"/g, ''));
    expect(got.ObjectSize).toBe(4 * KiB + 4);
    expect(got.ObjectParts).toEqual({
      TotalPartsCount: 3,
      PartNumberMarker: '0',
      NextPartNumberMarker: '3',
      MaxParts: 1000,
      IsTruncated: false,
      Parts: partBodies.map((b, i) => ({ PartNumber: i + 1, Size: b.length, [`Checksum${alg}`]: parts[i].toString('base64') })),
    });
  });

  it('pages the parts with MaxParts and PartNumberMarker', async () => {
    const first = await attributes('mp-SHA256', { MaxParts: 2 });
    expect(first.ObjectParts?.Parts?.map((p) => p.PartNumber)).toEqual([1, 2]);
    expect([first.ObjectParts?.IsTruncated, first.ObjectParts?.NextPartNumberMarker, first.ObjectParts?.MaxParts]).toEqual([true, '2', 2]);
    const next = await attributes('mp-SHA256', { MaxParts: 2, PartNumberMarker: first.ObjectParts?.NextPartNumberMarker });
    expect(next.ObjectParts?.Parts?.map((p) => p.PartNumber)).toEqual([3]);
    expect([next.ObjectParts?.IsTruncated, next.ObjectParts?.PartNumberMarker, next.ObjectParts?.TotalPartsCount]).toEqual([false, '2', 3]);
  });

  it('gives a CRC64NVME (FULL_OBJECT) multipart object its full-object checksum and the parts count only', async () => {
    const done = await multipart('mp-CRC64NVME', 'CRC64NVME');
    const got = await attributes('mp-CRC64NVME');
    expect(done.ChecksumCRC64NVME).toBeTruthy();
    expect(got.Checksum).toEqual({ ChecksumCRC64NVME: done.ChecksumCRC64NVME, ChecksumType: 'FULL_OBJECT' });
    expect(got.ObjectParts).toEqual({ TotalPartsCount: 3 });
  });

  it('gives a multipart object uploaded without a checksum the parts count only', async () => {
    const done = await multipart('mp-plain');
    const got = await attributes('mp-plain');
    expect(got.ETag).toBe(done.ETag?.replace(/"/g, ''));
    expect(got.ETag).toMatch(/^[0-9a-f]{32}-3$/);
    expect(got.Checksum).toBeUndefined();
    expect(got.ObjectParts).toEqual({ TotalPartsCount: 3 });
  });

  it('answers NoSuchKey and NoSuchBucket', async () => {
    expect(await s3Error(attributes('absent'))).toEqual({ name: 'NoSuchKey', status: 404 });
    expect(await s3Error(s3.send(new GetObjectAttributesCommand({ Bucket: 'no-such-bucket-attrs', Key: 'k', ObjectAttributes: ALL })))).toEqual({
      name: 'NoSuchBucket',
      status: 404,
    });
  });

  it('answers a missing header with InvalidRequest and an unknown attribute with InvalidArgument', async () => {
    const missing = await rawRequest(cluster.endpoint, 'GET', `/${bucket}/single-crc?attributes`);
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('<Code>InvalidRequest</Code>');
    const unknown = await rawRequest(cluster.endpoint, 'GET', `/${bucket}/single-crc?attributes`, { headers: { 'x-amz-object-attributes': 'ETag,Dummy' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<Code>InvalidArgument</Code>');
    expect(unknown.body).toContain('<ArgumentValue>Dummy</ArgumentValue>');
  });

  it('accepts versionId=null as the current object and refuses any other version id', async () => {
    const ok = await s3.send(new GetObjectAttributesCommand({ Bucket: bucket, Key: 'single-crc', VersionId: 'null', ObjectAttributes: ['ObjectSize'] }));
    expect(ok.ObjectSize).toBe(16);
    expect(await s3Error(s3.send(new GetObjectAttributesCommand({ Bucket: bucket, Key: 'single-crc', VersionId: 'bogus', ObjectAttributes: ['ObjectSize'] })))).toEqual({
      name: 'InvalidArgument',
      status: 400,
    });
  });

  it('sends Last-Modified and no x-amz-version-id', async () => {
    const raw = await rawRequest(cluster.endpoint, 'GET', `/${bucket}/single-crc?attributes`, { headers: { 'x-amz-object-attributes': 'ETag' } });
    expect(raw.status).toBe(200);
    expect(raw.headers['last-modified']).toMatch(/GMT$/);
    expect(raw.headers['x-amz-version-id']).toBeUndefined();
    expect(raw.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<GetObjectAttributesResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ETag>${md5(Buffer.from('hello attributes'))}</ETag></GetObjectAttributesResponse>`,
    );
  });

  describe('boto3 and the AWS CLI (python/attributes_checks.py)', () => {
    const { expectCheck } = pythonChecks('attributes_checks.py', () => cluster.endpoint, { logs: () => cluster.logs });
    const cases: Record<string, string[]> = {
      boto3: [
        'single_put_with_checksum',
        'single_put_without_checksum',
        'multipart_crc32_composite_parts',
        'multipart_sha256_paging',
        'multipart_full_object_crc32',
        'multipart_without_checksum',
        'missing_key_and_bucket',
        'missing_header_InvalidRequest',
      ],
      cli: ['s3api_get_object_attributes'],
    };
    for (const [name, checks] of Object.entries(cases)) {
      describe(name === 'cli' ? 'AWS CLI' : name, () => {
        for (const check of checks) it(check, () => expectCheck(name, check));
      });
    }
  });
});
