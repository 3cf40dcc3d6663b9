"""Headers for features Silt lacks are refused with S3's errors (and nothing stored); what S3 accepts works.

Usage: python3 refusal_checks.py <case> [endpoint]   (see common.py for the output contract)
Cases: objects, buckets (boto3); cli (the AWS CLI's s3 and s3api commands).
"""

import json
import os
import subprocess
import tempfile
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from common import CheckFailed, Checks, check, check_eq, endpoint, expect_error, new_bucket, run


def client():
    cfg = Config(retries={'total_max_attempts': 1}, connect_timeout=10, read_timeout=60)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)


def absent(s3, bucket, key):
    """The key holds no object (a refused write stored nothing)."""
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except ClientError as err:
        check_eq(err.response['ResponseMetadata']['HTTPStatusCode'], 404, f'HEAD {key} after the refusal')
        return
    raise CheckFailed(f'{key} was stored although the request was refused')


def bucket_absent(s3, bucket):
    names = [b['Name'] for b in s3.list_buckets().get('Buckets', [])]
    check(bucket not in names, f'bucket {bucket} was created although the request was refused', buckets=names)


# ---------------------------------------------------------------------------------------------------------------
def case_objects():
    s3 = client()
    c = Checks()
    b = new_bucket(s3, 'py-refuse')
    s3.put_object(Bucket=b, Key='src', Body=b'source bytes')

    def refused_put(key, code, status, **extra):
        r = expect_error(lambda: s3.put_object(Bucket=b, Key=key, Body=b'x', **extra), code, status)
        absent(s3, b, key)
        return r

    c.run('storage_class_STANDARD_ok', lambda: s3.put_object(Bucket=b, Key='std', Body=b'x', StorageClass='STANDARD') and None)
    c.run('storage_class_unknown_InvalidStorageClass',
          lambda: refused_put('bogus-class', 'InvalidStorageClass', 400, StorageClass='FAST'))
    c.run('storage_class_GLACIER_InvalidStorageClass',
          lambda: refused_put('glacier', 'InvalidStorageClass', 400, StorageClass='GLACIER'))
    c.run('storage_class_REDUCED_REDUNDANCY_InvalidStorageClass',
          lambda: refused_put('rrs', 'InvalidStorageClass', 400, StorageClass='REDUCED_REDUNDANCY'))
    c.run('acl_private_ok', lambda: s3.put_object(Bucket=b, Key='acl-private', Body=b'x', ACL='private') and None)
    c.run('acl_bucket_owner_full_control_ok',
          lambda: s3.put_object(Bucket=b, Key='acl-bofc', Body=b'x', ACL='bucket-owner-full-control') and None)
    c.run('acl_public_read_AccessControlListNotSupported',
          lambda: refused_put('acl-public', 'AccessControlListNotSupported', 400, ACL='public-read'))
    c.run('grant_AccessControlListNotSupported',
          lambda: refused_put('grant', 'AccessControlListNotSupported', 400, GrantRead='id=someone-else'))
    c.run('sse_AES256_NotImplemented', lambda: refused_put('sse', 'NotImplemented', 501, ServerSideEncryption='AES256'))
    c.run('sse_kms_NotImplemented',
          lambda: refused_put('kms', 'NotImplemented', 501, ServerSideEncryption='aws:kms', SSEKMSKeyId='alias/x'))
    c.run('object_lock_InvalidRequest',
          lambda: refused_put('locked', 'InvalidRequest', 400, ObjectLockMode='GOVERNANCE',
                              ObjectLockRetainUntilDate='2035-01-01T00:00:00Z'))
    c.run('legal_hold_InvalidRequest', lambda: refused_put('held', 'InvalidRequest', 400, ObjectLockLegalHoldStatus='ON'))

    def copy_refusals():
        src = {'Bucket': b, 'Key': 'src'}
        expect_error(lambda: s3.copy_object(Bucket=b, Key='copy-glacier', CopySource=src, StorageClass='GLACIER'),
                     'InvalidStorageClass', 400)
        expect_error(lambda: s3.copy_object(Bucket=b, Key='copy-acl', CopySource=src, ACL='public-read'),
                     'AccessControlListNotSupported', 400)
        expect_error(lambda: s3.copy_object(Bucket=b, Key='copy-sse', CopySource=src, ServerSideEncryption='AES256'),
                     'NotImplemented', 501)
        for key in ('copy-glacier', 'copy-acl', 'copy-sse'):
            absent(s3, b, key)
        s3.copy_object(Bucket=b, Key='copy-ok', CopySource=src, StorageClass='STANDARD', ACL='private')
        check_eq(s3.get_object(Bucket=b, Key='copy-ok')['Body'].read(), b'source bytes', 'accepted copy')
    c.run('copy_object_refusals', copy_refusals)

    def bad_copy_sources():
        expect_error(lambda: s3.copy_object(Bucket=b, Key='cv', CopySource={'Bucket': b, 'Key': 'src', 'VersionId': 'bogus'}),
                     'InvalidArgument', 400)
        s3.copy_object(Bucket=b, Key='cv-null', CopySource={'Bucket': b, 'Key': 'src', 'VersionId': 'null'})
        absent(s3, b, 'cv')
    c.run('copy_source_versionId', bad_copy_sources)

    def multipart():
        expect_error(lambda: s3.create_multipart_upload(Bucket=b, Key='mpu', StorageClass='DEEP_ARCHIVE'), 'InvalidStorageClass', 400)
        expect_error(lambda: s3.create_multipart_upload(Bucket=b, Key='mpu', ACL='public-read-write'), 'AccessControlListNotSupported', 400)
        expect_error(lambda: s3.create_multipart_upload(Bucket=b, Key='mpu', ServerSideEncryption='AES256'), 'NotImplemented', 501)
        check_eq(s3.list_multipart_uploads(Bucket=b).get('Uploads', []), [], 'no upload was started')
        up = s3.create_multipart_upload(Bucket=b, Key='mpu', StorageClass='STANDARD', ACL='private')
        range_err = expect_error(lambda: s3.upload_part_copy(Bucket=b, Key='mpu', UploadId=up['UploadId'], PartNumber=1,
                                                             CopySource={'Bucket': b, 'Key': 'src'}, CopySourceRange='bytes=zero-five'),
                                 'InvalidArgument', 400)
        expect_error(lambda: s3.upload_part_copy(Bucket=b, Key='mpu', UploadId=up['UploadId'], PartNumber=1,
                                                 CopySource={'Bucket': b, 'Key': 'src'}, CopySourceRange='bytes=0-999'),
                     'InvalidRange', 416)
        check_eq(s3.list_parts(Bucket=b, Key='mpu', UploadId=up['UploadId']).get('Parts', []), [], 'no part was stored')
        part = s3.upload_part_copy(Bucket=b, Key='mpu', UploadId=up['UploadId'], PartNumber=1,
                                   CopySource={'Bucket': b, 'Key': 'src'}, CopySourceRange='bytes=0-5')
        s3.complete_multipart_upload(Bucket=b, Key='mpu', UploadId=up['UploadId'], MultipartUpload={
            'Parts': [{'PartNumber': 1, 'ETag': part['CopyPartResult']['ETag']}]})
        check_eq(s3.get_object(Bucket=b, Key='mpu')['Body'].read(), b'source', 'the accepted range')
        return range_err
    c.run('multipart_refusals', multipart)

    def version_ids():
        s3.put_object(Bucket=b, Key='v', Body=b'current')
        check_eq(s3.get_object(Bucket=b, Key='v', VersionId='null')['Body'].read(), b'current', 'versionId=null is current')
        s3.head_object(Bucket=b, Key='v', VersionId='null')
        expect_error(lambda: s3.get_object(Bucket=b, Key='v', VersionId='bogus'), 'InvalidArgument', 400)
        expect_error(lambda: s3.get_object_tagging(Bucket=b, Key='v', VersionId='bogus'), 'InvalidArgument', 400)
        expect_error(lambda: s3.put_object_tagging(Bucket=b, Key='v', VersionId='bogus',
                                                   Tagging={'TagSet': [{'Key': 'a', 'Value': '1'}]}), 'InvalidArgument', 400)
        expect_error(lambda: s3.delete_object(Bucket=b, Key='v', VersionId='bogus'), 'InvalidArgument', 400)
        check_eq(s3.get_object(Bucket=b, Key='v')['Body'].read(), b'current', 'a refused delete deleted nothing')
        check_eq(s3.get_object_tagging(Bucket=b, Key='v')['TagSet'], [], 'a refused tagging tagged nothing')
        s3.delete_object(Bucket=b, Key='v', VersionId='null')
        absent(s3, b, 'v')
    c.run('version_ids', version_ids)

    def delete_objects_version_ids():
        s3.put_object(Bucket=b, Key='dv1', Body=b'1')
        s3.put_object(Bucket=b, Key='dv2', Body=b'2')
        out = s3.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'dv1', 'VersionId': 'bogus'}, {'Key': 'dv2', 'VersionId': 'null'}]})
        check_eq([(e['Key'], e['Code']) for e in out.get('Errors', [])], [('dv1', 'InvalidArgument')], 'per-key errors')
        check_eq([d['Key'] for d in out.get('Deleted', [])], ['dv2'], 'deleted keys')
        check_eq(s3.get_object(Bucket=b, Key='dv1')['Body'].read(), b'1', 'the key named with a bogus version is kept')
        absent(s3, b, 'dv2')
    c.run('delete_objects_version_ids', delete_objects_version_ids)
    return c.finish()


# ---------------------------------------------------------------------------------------------------------------
def case_buckets():
    s3 = client()
    c = Checks()

    def create_twice():
        name = f'py-twice-{uuid.uuid4().hex[:8]}'
        s3.create_bucket(Bucket=name)
        s3.put_object(Bucket=name, Key='keep', Body=b'kept')
        again = s3.create_bucket(Bucket=name)
        check_eq(again['ResponseMetadata']['HTTPStatusCode'], 200, 'second create_bucket in us-east-1')
        check_eq(s3.get_object(Bucket=name, Key='keep')['Body'].read(), b'kept', 'the bucket kept its objects')
        other = boto3.session.Session(aws_access_key_id='someone-else', aws_secret_access_key='x').client(
            's3', endpoint_url=endpoint(), config=Config(retries={'total_max_attempts': 1}))
        return expect_error(lambda: other.create_bucket(Bucket=name), 'BucketAlreadyExists', 409)
    c.run('create_bucket_twice_us_east_1_ok_other_owner_BucketAlreadyExists', create_twice)

    def location(constraint):
        name = f'py-loc-{uuid.uuid4().hex[:8]}'
        r = expect_error(lambda: s3.create_bucket(Bucket=name, CreateBucketConfiguration={'LocationConstraint': constraint}),
                         'InvalidLocationConstraint', 400)
        bucket_absent(s3, name)
        return r
    c.run('location_eu_west_1_InvalidLocationConstraint', lambda: location('eu-west-1'))
    c.run('location_us_east_1_explicit_InvalidLocationConstraint', lambda: location('us-east-1'))

    def refused_create(code, status, **extra):
        name = f'py-feat-{uuid.uuid4().hex[:8]}'
        r = expect_error(lambda: s3.create_bucket(Bucket=name, **extra), code, status)
        bucket_absent(s3, name)
        return r
    c.run('bucket_acl_public_read_AccessControlListNotSupported',
          lambda: refused_create('AccessControlListNotSupported', 400, ACL='public-read'))
    c.run('bucket_object_lock_NotImplemented', lambda: refused_create('NotImplemented', 501, ObjectLockEnabledForBucket=True))
    c.run('bucket_ownership_ObjectWriter_NotImplemented',
          lambda: refused_create('NotImplemented', 501, ObjectOwnership='ObjectWriter'))

    def accepted():
        name = f'py-ok-{uuid.uuid4().hex[:8]}'
        s3.create_bucket(Bucket=name, ACL='private', ObjectOwnership='BucketOwnerEnforced', ObjectLockEnabledForBucket=False)
        s3.head_bucket(Bucket=name)
    c.run('bucket_acl_private_ownership_enforced_ok', accepted)
    return c.finish()


# ---------------------------------------------------------------------------------------------------------------
def aws(*args):
    return subprocess.run(['aws', '--endpoint-url', endpoint(), '--output', 'json', *args],
                          capture_output=True, text=True, timeout=90, env=os.environ)


def aws_ok(*args):
    proc = aws(*args)
    if proc.returncode != 0:
        raise CheckFailed(f'`aws {" ".join(args)}` exited {proc.returncode}', {'stderr': proc.stderr[-2000:]})
    return proc


def case_cli():
    c = Checks()
    b = f'cli-refuse-{uuid.uuid4().hex[:8]}'
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'f.txt')
        with open(path, 'wb') as f:
            f.write(b'cli bytes')

        c.run('s3_mb', lambda: aws_ok('s3', 'mb', f's3://{b}') and None)
        c.run('s3_mb_again_ok', lambda: aws_ok('s3', 'mb', f's3://{b}') and None)
        c.run('s3_cp_acl_private', lambda: aws_ok('s3', 'cp', path, f's3://{b}/acl', '--acl', 'private') and None)
        c.run('s3_cp_storage_class_standard',
              lambda: aws_ok('s3', 'cp', path, f's3://{b}/std', '--storage-class', 'STANDARD') and None)

        def glacier():
            proc = aws('s3', 'cp', path, f's3://{b}/glacier', '--storage-class', 'GLACIER')
            check(proc.returncode != 0 and 'InvalidStorageClass' in proc.stderr, 'expected InvalidStorageClass',
                  stderr=proc.stderr[-1000:])
            check('glacier' not in aws_ok('s3', 'ls', f's3://{b}/').stdout, 'the refused object is not listed')
        c.run('s3_cp_storage_class_glacier_refused', glacier)

        def listed():
            out = json.loads(aws_ok('s3api', 'list-objects-v2', '--bucket', b).stdout)
            check_eq(sorted(o['Key'] for o in out['Contents']), ['acl', 'std'], 'stored objects')
            check(all(o['StorageClass'] == 'STANDARD' for o in out['Contents']), 'all STANDARD', contents=out['Contents'])
        c.run('s3api_list_shows_STANDARD', listed)
    return c.finish()


if __name__ == '__main__':
    run({'objects': case_objects, 'buckets': case_buckets, 'cli': case_cli})
