"""Errors about non-ASCII keys, upload ids, tags and metadata, with boto3 and the AWS CLI: each answered promptly with
S3's code.

Usage: python3 non_ascii_checks.py all [endpoint]   (see common.py for the output contract)
SILT_MOUNT_BUCKET names a bucket mounted from another S3 service (its misses go to that service); optional.
"""

import base64
import os
import subprocess
import tempfile
import time

import boto3
from botocore.config import Config

from common import Checks, check, check_eq, endpoint, expect_error, new_bucket, run

KEYS = ['café', '数据/1.bin', '®', 'emoji-😀']
# Missing keys are answered well under a second; 5 s is far from the 30 s gRPC deadline the bug waited for.
PROMPT_S = 5.0


def client():
    # One attempt: a retried 503 would hide a call that was never answered.
    cfg = Config(retries={'total_max_attempts': 1}, connect_timeout=10, read_timeout=60)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)


def prompt_error(fn, code, status):
    started = time.monotonic()
    got = expect_error(fn, code, status)
    elapsed = time.monotonic() - started
    check(elapsed < PROMPT_S, f'{code} took {elapsed:.1f} s', seconds=elapsed)
    return got


def misses(s3, bucket):
    def go():
        for key in KEYS:
            prompt_error(lambda: s3.head_object(Bucket=bucket, Key=key), '404', 404)
            prompt_error(lambda: s3.get_object(Bucket=bucket, Key=key), 'NoSuchKey', 404)
            started = time.monotonic()
            check_eq(s3.delete_object(Bucket=bucket, Key=key)['ResponseMetadata']['HTTPStatusCode'], 204, f'DELETE {key!r}')
            check(time.monotonic() - started < PROMPT_S, f'DELETE {key!r} was slow')
            prompt_error(lambda: s3.get_object_tagging(Bucket=bucket, Key=key), 'NoSuchKey', 404)
            tags = {'TagSet': [{'Key': 'ünï', 'Value': '值'}]}
            prompt_error(lambda: s3.put_object_tagging(Bucket=bucket, Key=key, Tagging=tags), 'NoSuchKey', 404)
            prompt_error(lambda: s3.copy_object(Bucket=bucket, Key=f'copy/{key}', CopySource={'Bucket': bucket, 'Key': key}),
                         'NoSuchKey', 404)
    return go


def uploads(s3, bucket):
    def go():
        key = 'café/multi'
        for upload_id in ['ü-bogus', '数据', 'bogus-upload-id']:
            prompt_error(lambda: s3.list_parts(Bucket=bucket, Key=key, UploadId=upload_id), 'NoSuchUpload', 404)
            prompt_error(lambda: s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=1, Body=b'part'),
                         'NoSuchUpload', 404)
            parts = {'Parts': [{'PartNumber': 1, 'ETag': '"0123456789abcdef0123456789abcdef"'}]}
            prompt_error(lambda: s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload=parts),
                         'NoSuchUpload', 404)
            prompt_error(lambda: s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id), 'NoSuchUpload', 404)
    return go


def invalid_tags(s3, bucket):
    def go():
        s3.put_object(Bucket=bucket, Key='tagged/café', Body=b'x')
        for value in ['€uro', 'emoji-😀', '数据™']:
            tags = {'TagSet': [{'Key': 'k', 'Value': value}]}
            prompt_error(lambda: s3.put_object_tagging(Bucket=bucket, Key='tagged/café', Tagging=tags), 'InvalidTag', 400)
            prompt_error(lambda: s3.put_object(Bucket=bucket, Key='tagged/数据', Body=b'x', Tagging=f'k={value}'),
                         'InvalidTag', 400)
        prompt_error(lambda: s3.head_object(Bucket=bucket, Key='tagged/数据'), '404', 404)
    return go


def metadata_too_large(s3, bucket):
    def go():
        # botocore refuses non-ASCII metadata itself; S3 takes RFC 2047 encoded words, and counts the decoded UTF-8.
        big = '=?UTF-8?B?' + base64.b64encode(('数据' * 400).encode()).decode() + '?='
        prompt_error(lambda: s3.put_object(Bucket=bucket, Key='meta/café', Body=b'x', Metadata={'note': big}),
                     'MetadataTooLarge', 400)
        prompt_error(lambda: s3.head_object(Bucket=bucket, Key='meta/café'), '404', 404)
        small = '=?UTF-8?B?' + base64.b64encode('数据 café'.encode()).decode() + '?='
        s3.put_object(Bucket=bucket, Key='meta/数据', Body=b'x', Metadata={'note': small})
        check_eq(s3.head_object(Bucket=bucket, Key='meta/数据')['Metadata'], {'note': small}, 'metadata returned RFC 2047-encoded')
    return go


def round_trip(s3, bucket):
    def go():
        for key in KEYS:
            body = f'the bytes of {key}'.encode()
            s3.put_object(Bucket=bucket, Key=key, Body=body)
            check_eq(s3.head_object(Bucket=bucket, Key=key)['ContentLength'], len(body), f'HEAD {key!r}')
            check_eq(s3.get_object(Bucket=bucket, Key=key)['Body'].read(), body, f'GET {key!r}')
            s3.put_object_tagging(Bucket=bucket, Key=key, Tagging={'TagSet': [{'Key': 'ünï', 'Value': '数据'}]})
            check_eq(s3.get_object_tagging(Bucket=bucket, Key=key)['TagSet'], [{'Key': 'ünï', 'Value': '数据'}], f'tags of {key!r}')
            s3.copy_object(Bucket=bucket, Key=f'copy/{key}', CopySource={'Bucket': bucket, 'Key': key})
            check_eq(s3.get_object(Bucket=bucket, Key=f'copy/{key}')['Body'].read(), body, f'copy of {key!r}')
            listed = [o['Key'] for o in s3.list_objects_v2(Bucket=bucket, Prefix=key).get('Contents', [])]
            check(key in listed, f'{key!r} not listed', listed=listed)
            s3.delete_object(Bucket=bucket, Key=key)
            s3.delete_object(Bucket=bucket, Key=f'copy/{key}')
            prompt_error(lambda: s3.head_object(Bucket=bucket, Key=key), '404', 404)
        key = 'multi/数据.bin'
        upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)['UploadId']
        etag = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=1, Body=b'only part')['ETag']
        s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                     MultipartUpload={'Parts': [{'PartNumber': 1, 'ETag': etag}]})
        check_eq(s3.get_object(Bucket=bucket, Key=key)['Body'].read(), b'only part', 'multipart object')
    return go


def aws(*args):
    started = time.monotonic()
    proc = subprocess.run(['aws', '--endpoint-url', endpoint(), '--cli-read-timeout', '60', *args],
                          capture_output=True, text=True, timeout=90, env={**os.environ, 'AWS_MAX_ATTEMPTS': '1'})
    return proc, time.monotonic() - started


def awscli_misses(bucket):
    """The AWS CLI on missing non-ASCII keys: an S3 404 at once, and the whole round trip with the same keys."""
    def go():
        for key in KEYS:
            proc, seconds = aws('s3api', 'head-object', '--bucket', bucket, '--key', key)
            check(proc.returncode != 0 and '404' in proc.stderr, f'head-object {key!r}', stderr=proc.stderr[-500:])
            check(seconds < PROMPT_S + 5, f'head-object {key!r} took {seconds:.1f} s')  # + the CLI's own start-up
            proc, _ = aws('s3api', 'get-object-tagging', '--bucket', bucket, '--key', key)
            check('NoSuchKey' in proc.stderr, f'get-object-tagging {key!r}', stderr=proc.stderr[-500:])
            proc, _ = aws('s3api', 'list-parts', '--bucket', bucket, '--key', key, '--upload-id', 'ü-bogus')
            check('NoSuchUpload' in proc.stderr, f'list-parts {key!r}', stderr=proc.stderr[-500:])
        with tempfile.NamedTemporaryFile() as f:
            f.write(b'cli body')
            f.flush()
            for key in KEYS:
                proc, _ = aws('s3', 'cp', f.name, f's3://{bucket}/cli/{key}')
                check(proc.returncode == 0, f's3 cp to {key!r}', stderr=proc.stderr[-500:])
                proc, _ = aws('s3', 'cp', f's3://{bucket}/cli/{key}', '-')
                check_eq(proc.stdout, 'cli body', f's3 cp from {key!r}')
    return go


def case_all():
    s3 = client()
    bucket = new_bucket(s3, 'non-ascii-boto3')
    checks = Checks()
    checks.run('misses', misses(s3, bucket))
    checks.run('uploads', uploads(s3, bucket))
    checks.run('invalid_tags', invalid_tags(s3, bucket))
    checks.run('metadata_too_large', metadata_too_large(s3, bucket))
    checks.run('round_trip', round_trip(s3, bucket))
    checks.run('awscli', awscli_misses(bucket))
    mount = os.environ.get('SILT_MOUNT_BUCKET')
    if mount:
        checks.run('mount_misses', misses(s3, mount))
        checks.run('mount_round_trip', round_trip(s3, mount))
    return checks.finish()


if __name__ == '__main__':
    run({'all': case_all})
