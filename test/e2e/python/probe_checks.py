"""The sub-resources tools probe (versioning, versions, acl, policy, lifecycle, ...), with boto3 and the AWS CLI.

Usage: python3 probe_checks.py <case> [endpoint]   (see common.py for the output contract)
Cases: probes (boto3: every probe on an existing and a missing bucket), versions (ListObjectVersions paging),
acl (Put*Acl: what is accepted and what refused), cli (the AWS CLI's s3api for a few of them).
"""

import json
import os
import subprocess
import uuid

import boto3
from botocore.config import Config

from common import Checks, check, check_eq, endpoint, expect_error, new_bucket, run, utf8_sorted


def client():
    cfg = Config(retries={'total_max_attempts': 1}, connect_timeout=10, read_timeout=60)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)


# Probe -> the S3 error of a bucket that does not have that configuration.
ABSENT = {
    'get_bucket_policy': ('NoSuchBucketPolicy', 404),
    'get_bucket_lifecycle_configuration': ('NoSuchLifecycleConfiguration', 404),
    'get_bucket_encryption': ('ServerSideEncryptionConfigurationNotFoundError', 404),
    'get_bucket_cors': ('NoSuchCORSConfiguration', 404),
    'get_object_lock_configuration': ('ObjectLockConfigurationNotFoundError', 404),
    'get_public_access_block': ('NoSuchPublicAccessBlockConfiguration', 404),
    'get_bucket_ownership_controls': ('OwnershipControlsNotFoundError', 404),
    'get_bucket_website': ('NoSuchWebsiteConfiguration', 404),
    'get_bucket_replication': ('ReplicationConfigurationNotFoundError', 404),
}

FIXED = ['get_bucket_versioning', 'get_bucket_policy_status', 'get_bucket_logging',
         'get_bucket_notification_configuration', 'get_bucket_request_payment',
         'get_bucket_accelerate_configuration', 'get_bucket_acl', 'list_object_versions']


def strip(resp):
    return {k: v for k, v in resp.items() if k != 'ResponseMetadata'}


def case_probes():
    s3 = client()
    bucket = new_bucket(s3, 'probes')
    missing = f'missing-{uuid.uuid4().hex[:10]}'
    s3.put_object(Bucket=bucket, Key='k', Body=b'abc')
    checks = Checks()

    def absent(name, code, status):
        return lambda: expect_error(lambda: getattr(s3, name)(Bucket=bucket), code, status)

    for name, (code, status) in ABSENT.items():
        checks.run(f'{name}:existing', absent(name, code, status))
    for name in list(ABSENT) + FIXED:
        checks.run(f'{name}:missing-bucket', lambda name=name: expect_error(lambda: getattr(s3, name)(Bucket=missing), 'NoSuchBucket', 404))
    for name in ['get_object_acl', 'get_object_retention', 'get_object_legal_hold']:
        checks.run(f'{name}:missing-bucket', lambda name=name: expect_error(lambda: getattr(s3, name)(Bucket=missing, Key='k'), 'NoSuchBucket', 404))

    def versioning():
        resp = strip(s3.get_bucket_versioning(Bucket=bucket))
        check_eq(resp, {}, 'an unversioned bucket has no Status and no MFADelete')
    checks.run('get_bucket_versioning:existing', versioning)
    checks.run('get_bucket_policy_status:existing', lambda: check_eq(
        s3.get_bucket_policy_status(Bucket=bucket)['PolicyStatus'], {'IsPublic': False}, 'policy status'))
    checks.run('get_bucket_logging:existing', lambda: check_eq(strip(s3.get_bucket_logging(Bucket=bucket)), {}, 'logging status'))
    checks.run('get_bucket_notification_configuration:existing', lambda: check_eq(
        strip(s3.get_bucket_notification_configuration(Bucket=bucket)), {}, 'notification configuration'))
    checks.run('get_bucket_request_payment:existing', lambda: check_eq(
        s3.get_bucket_request_payment(Bucket=bucket)['Payer'], 'BucketOwner', 'payer'))
    checks.run('get_bucket_accelerate_configuration:existing', lambda: check_eq(
        strip(s3.get_bucket_accelerate_configuration(Bucket=bucket)), {}, 'accelerate configuration'))

    def owner_acl(resp):
        owner = resp['Owner']
        check_eq(owner['ID'], 'testuser', 'owner id')
        check_eq(resp['Grants'], [{'Grantee': {'ID': 'testuser', 'DisplayName': 'testuser', 'Type': 'CanonicalUser'},
                                   'Permission': 'FULL_CONTROL'}], 'grants')
    checks.run('get_bucket_acl:existing', lambda: owner_acl(s3.get_bucket_acl(Bucket=bucket)))
    checks.run('get_object_acl:existing', lambda: owner_acl(s3.get_object_acl(Bucket=bucket, Key='k')))
    checks.run('get_object_acl:missing-key', lambda: expect_error(lambda: s3.get_object_acl(Bucket=bucket, Key='nope'), 'NoSuchKey', 404))
    for name in ['get_object_retention', 'get_object_legal_hold']:
        checks.run(f'{name}:existing', lambda name=name: expect_error(lambda: getattr(s3, name)(Bucket=bucket, Key='k'), 'InvalidRequest', 400))

    def versions():
        resp = s3.list_object_versions(Bucket=bucket)
        check_eq([(v['Key'], v['VersionId'], v['IsLatest'], v['Size'], v['ETag']) for v in resp['Versions']],
                 [('k', 'null', True, 3, '"900150983cd24fb0d6963f7d28e17f72"')], 'versions')
        check('DeleteMarkers' not in resp, 'no delete markers')
    checks.run('list_object_versions:existing', versions)

    # Setting what Silt cannot honour stays 501 NotImplemented.
    checks.run('put_bucket_versioning', lambda: expect_error(lambda: s3.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={'Status': 'Enabled'}), 'NotImplemented', 501))
    checks.run('put_bucket_policy', lambda: expect_error(lambda: s3.put_bucket_policy(Bucket=bucket, Policy='{}'), 'NotImplemented', 501))
    checks.run('delete_bucket_policy', lambda: expect_error(lambda: s3.delete_bucket_policy(Bucket=bucket), 'NotImplemented', 501))
    checks.run('put_bucket_cors', lambda: expect_error(lambda: s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={
        'CORSRules': [{'AllowedMethods': ['GET'], 'AllowedOrigins': ['*']}]}), 'NotImplemented', 501))
    return checks.finish()


def case_versions():
    s3 = client()
    bucket = new_bucket(s3, 'versions')
    keys = utf8_sorted(['\u00e9', 'a', 'b/1', 'b/2', 'c', 'd/x/y', 'e', 'z'])  # UTF-8 byte order: z before \u00e9
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    checks = Checks()

    def paged(**kw):
        seen, prefixes, pages, params = [], [], 0, dict(kw)
        while True:
            resp = s3.list_object_versions(Bucket=bucket, **params)
            pages += 1
            seen += [v['Key'] for v in resp.get('Versions', [])]
            prefixes += [p['Prefix'] for p in resp.get('CommonPrefixes', [])]
            check(all(v['VersionId'] == 'null' and v['IsLatest'] for v in resp.get('Versions', [])), 'null, latest')
            if not resp['IsTruncated']:
                return seen, prefixes, pages
            check_eq(resp['NextVersionIdMarker'], 'null', 'next version id marker')
            params.update(KeyMarker=resp['NextKeyMarker'], VersionIdMarker=resp['NextVersionIdMarker'])

    checks.run('all, in byte order, 3 per page', lambda: check_eq(paged(MaxKeys=3), (keys, [], 3), 'pages'))
    checks.run('delimiter', lambda: check_eq(paged(Delimiter='/', MaxKeys=2), (['a', 'c', 'e', 'z', '\u00e9'], ['b/', 'd/'], 4), 'pages'))
    checks.run('prefix', lambda: check_eq(paged(Prefix='b/'), (['b/1', 'b/2'], [], 1), 'pages'))
    checks.run('key-marker', lambda: check_eq(paged(KeyMarker='c'), (['d/x/y', 'e', 'z', '\u00e9'], [], 1), 'pages'))
    checks.run('version-id-marker without key-marker', lambda: expect_error(
        lambda: s3.list_object_versions(Bucket=bucket, VersionIdMarker='null'), 'InvalidArgument', 400))
    checks.run('unknown version-id-marker', lambda: expect_error(
        lambda: s3.list_object_versions(Bucket=bucket, KeyMarker='a', VersionIdMarker='3HL4kqtJlcpXroDTDmJ'), 'InvalidArgument', 400))
    checks.run('bad max-keys', lambda: expect_error(
        lambda: s3.list_object_versions(Bucket=bucket, MaxKeys=-1), 'InvalidArgument', 400))
    return checks.finish()


def case_acl():
    s3 = client()
    bucket = new_bucket(s3, 'acl')
    s3.put_object(Bucket=bucket, Key='k', Body=b'x')
    owner_only = {'Owner': {'ID': 'testuser'}, 'Grants': [
        {'Grantee': {'ID': 'testuser', 'Type': 'CanonicalUser'}, 'Permission': 'FULL_CONTROL'}]}
    public = {'Owner': {'ID': 'testuser'}, 'Grants': owner_only['Grants'] + [
        {'Grantee': {'URI': 'http://acs.amazonaws.com/groups/global/AllUsers', 'Type': 'Group'}, 'Permission': 'READ'}]}
    checks = Checks()
    checks.run('bucket private', lambda: s3.put_bucket_acl(Bucket=bucket, ACL='private'))
    checks.run('object private', lambda: s3.put_object_acl(Bucket=bucket, Key='k', ACL='private'))
    checks.run('bucket owner-only body', lambda: s3.put_bucket_acl(Bucket=bucket, AccessControlPolicy=owner_only))
    checks.run('object owner-only body', lambda: s3.put_object_acl(Bucket=bucket, Key='k', AccessControlPolicy=owner_only))
    checks.run('bucket grant-full-control owner', lambda: s3.put_bucket_acl(Bucket=bucket, GrantFullControl='id="testuser"'))
    checks.run('bucket public-read', lambda: expect_error(lambda: s3.put_bucket_acl(Bucket=bucket, ACL='public-read'), 'NotImplemented', 501))
    checks.run('object public-read', lambda: expect_error(lambda: s3.put_object_acl(Bucket=bucket, Key='k', ACL='public-read'), 'NotImplemented', 501))
    checks.run('bucket public body', lambda: expect_error(lambda: s3.put_bucket_acl(Bucket=bucket, AccessControlPolicy=public), 'NotImplemented', 501))
    checks.run('bucket grant-read', lambda: expect_error(lambda: s3.put_bucket_acl(Bucket=bucket, GrantRead='uri="http://acs.amazonaws.com/groups/global/AllUsers"'), 'NotImplemented', 501))
    checks.run('object missing key', lambda: expect_error(lambda: s3.put_object_acl(Bucket=bucket, Key='nope', ACL='private'), 'NoSuchKey', 404))
    checks.run('missing bucket', lambda: expect_error(lambda: s3.put_bucket_acl(Bucket=f'missing-{uuid.uuid4().hex[:8]}', ACL='private'), 'NoSuchBucket', 404))

    def still_owner_only():
        check_eq([g['Permission'] for g in s3.get_bucket_acl(Bucket=bucket)['Grants']], ['FULL_CONTROL'], 'grants')
    checks.run('acl unchanged', still_owner_only)
    return checks.finish()


def aws(*args):
    out = subprocess.run(['aws', '--endpoint-url', endpoint(), '--output', 'json', 's3api', *args],
                         capture_output=True, text=True, timeout=60, env=os.environ)
    return out.returncode, out.stdout, out.stderr


def case_cli():
    s3 = client()
    bucket = new_bucket(s3, 'probes-cli')
    s3.put_object(Bucket=bucket, Key='k', Body=b'abc')
    checks = Checks()

    def ok(args, test):
        def fn():
            rc, out, err = aws(*args)
            check(rc == 0, f'aws s3api {args[0]} failed', stderr=err)
            test(json.loads(out) if out.strip() else {})
        return fn

    checks.run('get-bucket-versioning', ok(['get-bucket-versioning', '--bucket', bucket], lambda r: check_eq(r, {}, 'versioning')))
    checks.run('get-bucket-acl', ok(['get-bucket-acl', '--bucket', bucket],
                                    lambda r: check_eq(r['Grants'][0]['Permission'], 'FULL_CONTROL', 'permission')))
    checks.run('list-object-versions', ok(['list-object-versions', '--bucket', bucket],
                                          lambda r: check_eq([(v['Key'], v['VersionId']) for v in r['Versions']], [('k', 'null')], 'versions')))
    checks.run('put-bucket-acl private', ok(['put-bucket-acl', '--bucket', bucket, '--acl', 'private'], lambda r: None))

    def policy():
        rc, _, err = aws('get-bucket-policy', '--bucket', bucket)
        check(rc != 0 and 'NoSuchBucketPolicy' in err, 'NoSuchBucketPolicy expected', stderr=err)
    checks.run('get-bucket-policy', policy)
    return checks.finish()


if __name__ == '__main__':
    run({'probes': case_probes, 'versions': case_versions, 'acl': case_acl, 'cli': case_cli})
