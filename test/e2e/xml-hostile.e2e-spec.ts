/**
 * Hostile and lax XML request documents, listings of keys with control characters, and tag order, end to end:
 * raw HTTP and the JS SDK here, boto3 through python/xml_checks.py (one run per case, one `it` per sub-check).
 */
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestCluster, type TestCluster } from './helpers/test-cluster';
import { bytesOf } from './helpers/s3';
import { pythonChecks } from './helpers/python';

/** `<root><inner><inner>…</inner></inner></root>`, `depth` levels below the root. */
const nested = (root: string, inner: string, depth: number) => `<${root}>${`<${inner}>`.repeat(depth)}${`</${inner}>`.repeat(depth)}</${root}>`;
const codeOf = (body: string) => /<Code>([^<]*)<\/Code>/.exec(body)?.[1];

// Every C0 control character but NUL (Silt refuses it in keys) and DEL.
const CONTROL_KEY = `ctl/${Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('')}\u007f end`;

describe('hostile XML and control characters against a real cluster', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  const bucket = 'xml-hostile';
  let uploadId: string;

  beforeAll(async () => {
    cluster = await startTestCluster();
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'keep', Body: 'kept' }));
    uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'mpu' }))).UploadId!;
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  describe('deeply nested documents are 400 MalformedXML and the services stay up', () => {
    // Delete and Complete take bodies of MiBs: 50,000 levels. The 64 KiB-capped bodies take as deep as fits.
    const cases: Array<[operation: string, method: string, path: () => string, body: string]> = [
      ['DeleteObjects', 'POST', () => `/${bucket}?delete`, nested('Delete', 'Object', 50_000)],
      ['CompleteMultipartUpload', 'POST', () => `/${bucket}/mpu?uploadId=${uploadId}`, nested('CompleteMultipartUpload', 'Part', 50_000)],
      ['PutObjectTagging', 'PUT', () => `/${bucket}/keep?tagging`, nested('Tagging', 'T', 9_000)],
      ['PutBucketTagging', 'PUT', () => `/${bucket}?tagging`, nested('Tagging', 'T', 9_000)],
      ['CreateBucket', 'PUT', () => '/xml-hostile-new', nested('CreateBucketConfiguration', 'L', 9_000)],
    ];
    it.each(cases)('%s', async (_, method, path, body) => {
      const res = await rawRequest(cluster.endpoint, method, path(), { body });
      expect({ status: res.status, code: codeOf(res.body) }).toEqual({ status: 400, code: 'MalformedXML' });
    });

    it('refuses a chunked body past the cap without buffering it (MaxMessageLengthExceeded)', async () => {
      const res = await rawRequest(cluster.endpoint, 'POST', `/${bucket}?delete`, {
        headers: { 'transfer-encoding': 'chunked' },
        body: nested('Delete', 'Object', 400_000),
      });
      expect({ status: res.status, code: codeOf(res.body) }).toEqual({ status: 400, code: 'MaxMessageLengthExceeded' });
    });

    it('left everything as it was', async () => {
      expect((await bytesOf((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'keep' }))).Body)).toString()).toBe('kept');
      expect((await rawRequest(cluster.endpoint, 'GET', `/${bucket}/mpu?uploadId=${uploadId}`)).status).toBe(200);
      expect((await rawRequest(cluster.endpoint, 'HEAD', '/xml-hostile-new')).status).toBe(404);
      expect((await rawRequest(cluster.endpoint, 'GET', `/${bucket}?tagging`)).status).toBe(404); // NoSuchTagSet
    });
  });

  describe('lax values in request documents', () => {
    it('DeleteObjects with <Quiet>maybe</Quiet> is MalformedXML and deletes nothing', async () => {
      const body = `<Delete><Quiet>maybe</Quiet><Object><Key>keep</Key></Object></Delete>`;
      const res = await rawRequest(cluster.endpoint, 'POST', `/${bucket}?delete`, { body });
      expect({ status: res.status, code: codeOf(res.body) }).toEqual({ status: 400, code: 'MalformedXML' });
      expect((await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/keep`)).status).toBe(200);
    });

    it('DeleteObjects with <Quiet> True </Quiet> (xs:boolean: any case, whitespace) is quiet', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'gone', Body: 'x' }));
      const res = await rawRequest(cluster.endpoint, 'POST', `/${bucket}?delete`, { body: '<Delete><Quiet> True\n</Quiet><Object><Key>gone</Key></Object></Delete>' });
      expect(res.status).toBe(200);
      expect(res.body).not.toContain('<Deleted>');
      expect((await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/gone`)).status).toBe(404);
    });

    it.each(['one', '1.5', '', '2147483648'])('CompleteMultipartUpload with PartNumber %j is MalformedXML', async (n) => {
      const body = `<CompleteMultipartUpload><Part><PartNumber>${n}</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>`;
      const res = await rawRequest(cluster.endpoint, 'POST', `/${bucket}/mpu?uploadId=${uploadId}`, { body });
      expect({ status: res.status, code: codeOf(res.body) }).toEqual({ status: 400, code: 'MalformedXML' });
    });

    it.each(['0', '10001'])('CompleteMultipartUpload with PartNumber %s names no part: InvalidPart', async (n) => {
      const body = `<CompleteMultipartUpload><Part><PartNumber>${n}</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>`;
      const res = await rawRequest(cluster.endpoint, 'POST', `/${bucket}/mpu?uploadId=${uploadId}`, { body });
      expect({ status: res.status, code: codeOf(res.body) }).toEqual({ status: 400, code: 'InvalidPart' });
    });
  });

  describe('listing parameters S3 tolerates empty', () => {
    it('ListObjectsV2 with an empty continuation-token lists from the start and echoes the empty token', async () => {
      const res = await rawRequest(cluster.endpoint, 'GET', `/${bucket}?list-type=2&continuation-token=`);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<ContinuationToken></ContinuationToken>');
      expect(res.body).toContain('<Key>keep</Key>');
    });

    it('an empty continuation-token still honours start-after', async () => {
      const res = await rawRequest(cluster.endpoint, 'GET', `/${bucket}?list-type=2&continuation-token=&start-after=keep`);
      expect(res.status).toBe(200);
      expect(res.body).not.toContain('<Key>keep</Key>');
    });

    it.each([
      `/${bucket}?list-type=2&start-after=&prefix=&delimiter=&max-keys=&encoding-type=`,
      `/${bucket}?marker=&prefix=&delimiter=&max-keys=`,
    ])('%s is a plain listing', async (path) => {
      const res = await rawRequest(cluster.endpoint, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<Key>keep</Key>');
      expect(res.body).toContain('<MaxKeys>1000</MaxKeys>');
    });

    it.each([`/${bucket}?list-type=2&max-keys=-1`, `/${bucket}?max-keys=-3`])('a negative max-keys is InvalidArgument naming maxKeys: %s', async (path) => {
      const res = await rawRequest(cluster.endpoint, 'GET', path);
      expect({ status: res.status, code: codeOf(res.body) }).toEqual({ status: 400, code: 'InvalidArgument' });
      expect(res.body).toContain('<Message>Argument maxKeys must be an integer between 0 and 2147483647</Message><ArgumentName>maxKeys</ArgumentName>');
    });

    it.each(['abc', '1.5', '2147483648'])('max-keys=%s (no int32) is InvalidArgument naming max-keys', async (value) => {
      const res = await rawRequest(cluster.endpoint, 'GET', `/${bucket}?list-type=2&max-keys=${value}`);
      expect({ status: res.status, code: codeOf(res.body) }).toEqual({ status: 400, code: 'InvalidArgument' });
      expect(res.body).toContain('<ArgumentName>max-keys</ArgumentName>');
    });
  });

  describe('keys with control characters', () => {
    beforeAll(async () => {
      await s3.send(new PutObjectCommand({ Bucket: 'xml-hostile', Key: CONTROL_KEY, Body: 'ctl' }));
    });
    const escaped = `ctl/${Array.from({ length: 31 }, (_, i) => `&#x${(i + 1).toString(16).toUpperCase()};`).join('')}\u007f end`;

    it('are numeric character references in a listing without encoding-type (golden)', async () => {
      const v2 = await rawRequest(cluster.endpoint, 'GET', `/${bucket}?list-type=2&prefix=ctl%2F&start-after=ctl%2F%01`);
      expect(v2.body).toContain(`<Prefix>ctl/</Prefix>`);
      expect(v2.body).toContain(`<StartAfter>ctl/&#x1;</StartAfter>`);
      expect(v2.body).toContain(`<Key>${escaped}</Key>`);
      const v1 = await rawRequest(cluster.endpoint, 'GET', `/${bucket}?prefix=ctl%2F%01&delimiter=%0D`);
      expect(v1.body).toContain('<Prefix>ctl/&#x1;</Prefix>');
      expect(v1.body).toContain('<Delimiter>&#xD;</Delimiter>');
      expect(v1.body).toContain(`<CommonPrefixes><Prefix>${escaped.slice(0, escaped.indexOf('&#xD;') + 5)}</Prefix></CommonPrefixes>`);
    });

    it('are %XX with encoding-type=url', async () => {
      const res = await rawRequest(cluster.endpoint, 'GET', `/${bucket}?list-type=2&prefix=ctl%2F&encoding-type=url`);
      expect(res.body).toContain(`<Key>ctl/${Array.from({ length: 31 }, (_, i) => `%${(i + 1).toString(16).toUpperCase().padStart(2, '0')}`).join('')}%7F%20end</Key>`);
    });

    it('round-trip byte-exact through the JS SDK (V1 and V2) and GetObject', async () => {
      const v2 = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'ctl/' }));
      expect(v2.Contents?.map((o) => o.Key)).toEqual([CONTROL_KEY]);
      const v1 = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: 'ctl/' }));
      expect(v1.Contents?.map((o) => o.Key)).toEqual([CONTROL_KEY]);
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: v2.Contents![0].Key! }));
      expect((await bytesOf(got.Body)).toString()).toBe('ctl');
    });

    it('are references in error bodies too', async () => {
      const res = await rawRequest(cluster.endpoint, 'GET', `/${bucket}/missing%01%0D`);
      expect(res.status).toBe(404);
      expect(res.body).toContain('<Key>missing&#x1;&#xD;</Key>');
    });
  });

  describe('boto3 (python/xml_checks.py)', () => {
    const { expectCheck } = pythonChecks('xml_checks.py', () => cluster.endpoint, { logs: () => cluster.logs });

    it.each([
      'list_objects_v2_round_trips',
      'list_objects_v2_paginated',
      'list_objects_v1_round_trips',
      'delimiter_control_character',
      'aws_cli_list_objects_v2',
      'get_each_key',
      'multipart_upload_keys',
      'delete_objects_quiet',
    ])('control_keys: %s', (check) => expectCheck('control_keys', check), 120_000);

    it.each(['delete_1001_keys', 'empty_continuation_token', 'tags_sorted', 'object_intact'])(
      'hostile: %s',
      (check) => expectCheck('hostile', check),
      120_000,
    );
  });
});
