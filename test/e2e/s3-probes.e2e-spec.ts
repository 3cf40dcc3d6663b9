/**
 * The sub-resources tools probe, answered as by an S3 bucket with nothing configured: the JS SDK and raw HTTP here,
 * boto3 and the AWS CLI through python/probe_checks.py (one run per case, one `it` per case's sub-checks).
 */
import {
  CreateBucketCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetObjectAclCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  GetBucketOwnershipControlsCommand,
  ListObjectVersionsCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestCluster, type TestCluster } from './helpers/test-cluster';
import { s3Error } from './helpers/s3';
import { pythonChecks } from './helpers/python';

describe('probed sub-resources against a real cluster', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  const bucket = 'probes-js';
  const missing = 'probes-js-missing';

  beforeAll(async () => {
    cluster = await startTestCluster();
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dir/k', Body: 'abc' }));
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('answers each configuration probe with S3 404 of an unconfigured bucket, and NoSuchBucket without a bucket', async () => {
    const probes: Array<[(b: string) => Promise<unknown>, string]> = [
      [(b) => s3.send(new GetBucketPolicyCommand({ Bucket: b })), 'NoSuchBucketPolicy'],
      [(b) => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: b })), 'NoSuchLifecycleConfiguration'],
      [(b) => s3.send(new GetBucketEncryptionCommand({ Bucket: b })), 'ServerSideEncryptionConfigurationNotFoundError'],
      [(b) => s3.send(new GetBucketCorsCommand({ Bucket: b })), 'NoSuchCORSConfiguration'],
      [(b) => s3.send(new GetObjectLockConfigurationCommand({ Bucket: b })), 'ObjectLockConfigurationNotFoundError'],
      [(b) => s3.send(new GetPublicAccessBlockCommand({ Bucket: b })), 'NoSuchPublicAccessBlockConfiguration'],
      [(b) => s3.send(new GetBucketOwnershipControlsCommand({ Bucket: b })), 'OwnershipControlsNotFoundError'],
    ];
    for (const [probe, code] of probes) {
      expect(await s3Error(probe(bucket))).toEqual({ name: code, status: 404 });
      expect(await s3Error(probe(missing))).toEqual({ name: 'NoSuchBucket', status: 404 });
    }
  });

  it('answers versioning, policy status, ACLs and versions as S3 does for an unconfigured bucket', async () => {
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    expect(versioning.Status).toBeUndefined();
    expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }))).PolicyStatus).toEqual({ IsPublic: false });
    const grants = [{ Grantee: { ID: 'testuser', DisplayName: 'testuser', Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }];
    expect((await s3.send(new GetBucketAclCommand({ Bucket: bucket }))).Grants).toEqual(grants);
    expect((await s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'dir/k' }))).Grants).toEqual(grants);
    expect(await s3Error(s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'nope' })))).toEqual({ name: 'NoSuchKey', status: 404 });
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Delimiter: '/' }));
    expect(versions.Versions).toBeUndefined();
    expect(versions.CommonPrefixes).toEqual([{ Prefix: 'dir/' }]);
    const inDir = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'dir/' }));
    expect(inDir.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest, v.Size])).toEqual([['dir/k', 'null', true, 3]]);
  });

  it('accepts the private ACL only and keeps refusing what it cannot honour with 501, logged below error', async () => {
    await s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'private' }));
    expect(await s3Error(s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' })))).toEqual({ name: 'NotImplemented', status: 501 });
    expect(await s3Error(s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: '{}' })))).toEqual({ name: 'NotImplemented', status: 501 });
    const bogus = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}?acl`, { headers: { 'x-amz-acl': 'everyone' } });
    expect(bogus.status).toBe(400);
    expect(bogus.body).toContain('<Code>InvalidArgument</Code>');
    const notAcl = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}?acl`, { body: '<NotAnAcl/>' });
    expect(notAcl.status).toBe(400);
    expect(notAcl.body).toContain('<Code>MalformedACLError</Code>');
    // A 501 is a normal answer to a probe: no error line with a stack trace.
    expect(cluster.logs.filter((l) => l.includes('request failed'))).toEqual([]);
  });

  describe('boto3 and the AWS CLI (python/probe_checks.py)', () => {
    const { runCase } = pythonChecks('probe_checks.py', () => cluster.endpoint);
    for (const name of ['probes', 'versions', 'acl', 'cli']) {
      it(`passes the ${name} checks`, async () => {
        const run = await runCase(name);
        expect(run.ok, run.raw).toBe(true);
      }, 120_000);
    }
  });
});
