"""Object and bucket tagging, tag limits and the user-metadata cap, with boto3 and the AWS CLI.

Usage: python3 tagging_checks.py <case> [endpoint]   (see common.py for the output contract)
Cases: objects, limits, buckets (boto3); cli (the AWS CLI's s3api tagging commands).
"""

import json
import os
import subprocess
import tempfile
import uuid
from urllib.parse import quote, urlencode

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from common import CheckFailed, Checks, check, check_eq, endpoint, expect_error, new_bucket, run


def client():
    cfg = Config(retries={'total_max_attempts': 1}, connect_timeout=10, read_timeout=60)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)






def tag_set(pairs):
    return {'TagSet': [{'Key': k, 'Value': v} for k, v in pairs]}


def by_key(pairs):
    """A tag set as S3's GetObjectTagging/GetBucketTagging return it: sorted by key (UTF-8 byte order)."""
    return sorted(pairs, key=lambda p: p[0].encode('utf-8'))


def pairs_of(resp):
    return [(t['Key'], t['Value']) for t in resp['TagSet']]


def header_of(pairs):
    """x-amz-tagging as S3 documents it: URL query encoding (boto3 sends Tagging= as given)."""
    return urlencode(pairs, quote_via=quote)


def tag_count_header(resp):
    return resp['ResponseMetadata']['HTTPHeaders'].get('x-amz-tagging-count')


def absent(s3, bucket, key):
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except ClientError as err:
        check_eq(err.response['ResponseMetadata']['HTTPStatusCode'], 404, 'HEAD of an object that must not exist')
        return
    raise CheckFailed(f'{key} was stored although its request was refused')


# ---------------------------------------------------------------------------------------------------------------
def case_objects():
    s3 = client()
    c = Checks()
    b = new_bucket(s3, 'py-tags')
    s3.put_object(Bucket=b, Key='k', Body=b'data')

    def put_get_delete():
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='k')), [], 'untagged object: empty TagSet')
        tags = [('project', 'silt'), ('Cost Center', 'a+b-c=d.e_f:g/h@i'), ('日本語', 'données')]
        resp = s3.put_object_tagging(Bucket=b, Key='k', Tagging=tag_set(tags))
        check_eq(resp['ResponseMetadata']['HTTPStatusCode'], 200, 'PutObjectTagging status')
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='k')), by_key(tags), 'tags read back, sorted by key')
        check_eq(tag_count_header(s3.head_object(Bucket=b, Key='k')), '3', 'x-amz-tagging-count on HEAD')
        check_eq(s3.get_object(Bucket=b, Key='k').get('TagCount'), 3, 'TagCount on GET')
        resp = s3.delete_object_tagging(Bucket=b, Key='k')
        check_eq(resp['ResponseMetadata']['HTTPStatusCode'], 204, 'DeleteObjectTagging status')
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='k')), [], 'tags after delete')
        check_eq(tag_count_header(s3.head_object(Bucket=b, Key='k')), None, 'no x-amz-tagging-count once untagged')
    c.run('put_get_delete_object_tagging', put_get_delete)

    def replaced_not_merged():
        s3.put_object_tagging(Bucket=b, Key='k', Tagging=tag_set([('a', '1'), ('b', '2')]))
        s3.put_object_tagging(Bucket=b, Key='k', Tagging=tag_set([('c', '3')]))
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='k')), [('c', '3')], 'second put replaces the set')
        s3.put_object_tagging(Bucket=b, Key='k', Tagging={'TagSet': []})
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='k')), [], 'an empty TagSet clears the tags')
    c.run('put_replaces_not_merges', replaced_not_merged)

    def etag_unchanged():
        before = s3.head_object(Bucket=b, Key='k')
        s3.put_object_tagging(Bucket=b, Key='k', Tagging=tag_set([('x', 'y')]))
        after = s3.head_object(Bucket=b, Key='k')
        check_eq(after['ETag'], before['ETag'], 'ETag unchanged by tagging')
        check_eq(after['LastModified'], before['LastModified'], 'Last-Modified unchanged by tagging')
        check_eq(s3.get_object(Bucket=b, Key='k')['Body'].read(), b'data', 'bytes unchanged by tagging')
    c.run('tagging_leaves_object_unchanged', etag_unchanged)

    def put_object_with_tagging():
        tags = [('project', 'silt'), ('with space', 'a+b'), ('unicode', 'é日')]
        s3.put_object(Bucket=b, Key='tagged', Body=b'x', Tagging=header_of(tags))
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='tagged')), by_key(tags), 'x-amz-tagging applied, decoded')
        check_eq(tag_count_header(s3.head_object(Bucket=b, Key='tagged')), '3', 'x-amz-tagging-count')
        # A raw '+' in the header is a space, as in any URL query.
        s3.put_object(Bucket=b, Key='plus', Body=b'x', Tagging='a+b=c+d')
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='plus')), [('a b', 'c d')], "'+' decoded as a space")
    c.run('put_object_with_tagging_header', put_object_with_tagging)

    def overwrite_clears():
        s3.put_object(Bucket=b, Key='ow', Body=b'1', Tagging='a=1')
        s3.put_object(Bucket=b, Key='ow', Body=b'2')
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='ow')), [], 'overwrite without Tagging clears tags')
    c.run('overwrite_without_tagging_clears_tags', overwrite_clears)

    def copy_directives():
        s3.put_object(Bucket=b, Key='src', Body=b'src', Tagging='s=1&t=2')
        s3.copy_object(Bucket=b, Key='copy-default', CopySource={'Bucket': b, 'Key': 'src'}, Tagging='ignored=1')
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='copy-default')), [('s', '1'), ('t', '2')],
                 'COPY (default) keeps the source tags, ignores Tagging')
        s3.copy_object(Bucket=b, Key='copy-replace', CopySource={'Bucket': b, 'Key': 'src'},
                       TaggingDirective='REPLACE', Tagging='n=9')
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='copy-replace')), [('n', '9')], 'REPLACE uses Tagging')
        s3.copy_object(Bucket=b, Key='copy-none', CopySource={'Bucket': b, 'Key': 'src'}, TaggingDirective='REPLACE')
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='copy-none')), [], 'REPLACE without Tagging: none')
        expect_error(lambda: s3.copy_object(Bucket=b, Key='copy-bad', CopySource={'Bucket': b, 'Key': 'src'},
                                            TaggingDirective='REPLACE', Tagging='aws:x=1'), 'InvalidTag', 400)
        absent(s3, b, 'copy-bad')
    c.run('copy_object_tagging_directive', copy_directives)

    def multipart_tags():
        up = s3.create_multipart_upload(Bucket=b, Key='mpu', Tagging='stage=raw&owner=ml')
        part = s3.upload_part(Bucket=b, Key='mpu', UploadId=up['UploadId'], PartNumber=1, Body=b'p' * 1024)
        s3.complete_multipart_upload(Bucket=b, Key='mpu', UploadId=up['UploadId'],
                                     MultipartUpload={'Parts': [{'PartNumber': 1, 'ETag': part['ETag']}]})
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='mpu')), by_key([('stage', 'raw'), ('owner', 'ml')]),
                 'tags of CreateMultipartUpload applied at Complete')
        check_eq(tag_count_header(s3.head_object(Bucket=b, Key='mpu')), '2', 'x-amz-tagging-count')
    c.run('create_multipart_upload_with_tagging', multipart_tags)

    def missing():
        expect_error(lambda: s3.get_object_tagging(Bucket=b, Key='nope'), 'NoSuchKey', 404)
        expect_error(lambda: s3.put_object_tagging(Bucket=b, Key='nope', Tagging=tag_set([('a', '1')])), 'NoSuchKey', 404)
        expect_error(lambda: s3.get_object_tagging(Bucket=f'{b}-none', Key='k'), 'NoSuchBucket', 404)
        s3.put_object(Bucket=b, Key='gone', Body=b'1', Tagging='a=1')
        s3.delete_object(Bucket=b, Key='gone')
        expect_error(lambda: s3.get_object_tagging(Bucket=b, Key='gone'), 'NoSuchKey', 404)
        s3.put_object(Bucket=b, Key='gone', Body=b'2')
        check_eq(pairs_of(s3.get_object_tagging(Bucket=b, Key='gone')), [], 'tags died with the deleted object')
    c.run('missing_object_NoSuchKey_and_tags_die_with_object', missing)
    return c.finish()


# ---------------------------------------------------------------------------------------------------------------
def case_limits():
    s3 = client()
    c = Checks()
    b = new_bucket(s3, 'py-limits')
    s3.put_object(Bucket=b, Key='k', Body=b'data')
    put = lambda pairs: s3.put_object_tagging(Bucket=b, Key='k', Tagging=tag_set(pairs))  # noqa: E731

    def ten_vs_eleven():
        put([(f'k{i}', 'v') for i in range(10)])
        r = expect_error(lambda: put([(f'k{i}', 'v') for i in range(11)]), 'InvalidTag', 400)
        check_eq(len(pairs_of(s3.get_object_tagging(Bucket=b, Key='k'))), 10, 'refused put stored nothing')
        return r
    c.run('ten_tags_ok_eleven_InvalidTag', ten_vs_eleven)

    def key_lengths():
        put([('k' * 128, 'v')])
        put([('日' * 128, 'v')])  # 128 characters, 384 UTF-8 bytes
        expect_error(lambda: put([('k' * 129, 'v')]), 'InvalidTag', 400)
        expect_error(lambda: put([('日' * 129, 'v')]), 'InvalidTag', 400)
        # boto3 refuses an empty Key in a TagSet itself; the header can carry one.
        r = expect_error(lambda: s3.put_object(Bucket=b, Key='empty-key', Body=b'x', Tagging='=v'), 'InvalidTag', 400)
        absent(s3, b, 'empty-key')
        return r
    c.run('key_128_ok_129_and_empty_InvalidTag', key_lengths)

    def value_lengths():
        put([('k', 'v' * 256)])
        put([('k', 'é' * 256)])
        put([('k', '')])
        return expect_error(lambda: put([('k', 'v' * 257)]), 'InvalidTag', 400)
    c.run('value_256_ok_257_InvalidTag', value_lengths)

    c.run('aws_prefix_InvalidTag', lambda: expect_error(lambda: put([('aws:createdBy', 'me')]), 'InvalidTag', 400))
    c.run('duplicate_keys_InvalidTag', lambda: expect_error(lambda: put([('a', '1'), ('a', '2')]), 'InvalidTag', 400))
    c.run('bad_characters_InvalidTag', lambda: [expect_error(lambda: put([('a*b', 'v')]), 'InvalidTag', 400),
                                                 expect_error(lambda: put([('k', 'v#!')]), 'InvalidTag', 400)])

    def header_limits():
        eleven = header_of([(f'k{i}', 'v') for i in range(11)])
        r = expect_error(lambda: s3.put_object(Bucket=b, Key='h11', Body=b'x', Tagging=eleven), 'InvalidTag', 400)
        absent(s3, b, 'h11')
        expect_error(lambda: s3.put_object(Bucket=b, Key='hdup', Body=b'x', Tagging='a=1&a=2'), 'InvalidTag', 400)
        absent(s3, b, 'hdup')
        expect_error(lambda: s3.create_multipart_upload(Bucket=b, Key='hmpu', Tagging=eleven), 'InvalidTag', 400)
        check_eq(s3.list_multipart_uploads(Bucket=b).get('Uploads', []), [], 'no upload created')
        return r
    c.run('x_amz_tagging_limits_InvalidTag_nothing_stored', header_limits)

    def metadata_cap():
        # 2 KB = names (without x-amz-meta-) + values, in UTF-8 bytes.
        s3.put_object(Bucket=b, Key='m2048', Body=b'x', Metadata={'k': 'v' * 2047})
        check_eq(len(s3.head_object(Bucket=b, Key='m2048')['Metadata']['k']), 2047, 'metadata of 2048 bytes stored')
        r = expect_error(lambda: s3.put_object(Bucket=b, Key='m2049', Body=b'x', Metadata={'k': 'v' * 2048}),
                         'MetadataTooLarge', 400)
        absent(s3, b, 'm2049')
        # Several names count together (boto3 sends ASCII metadata only: multi-byte values are in the JS spec).
        expect_error(lambda: s3.put_object(Bucket=b, Key='mmany', Body=b'x',
                                           Metadata={f'n{i}': 'v' * 255 for i in range(8)}), 'MetadataTooLarge', 400)
        absent(s3, b, 'mmany')
        expect_error(lambda: s3.copy_object(Bucket=b, Key='mcopy', CopySource={'Bucket': b, 'Key': 'k'},
                                            MetadataDirective='REPLACE', Metadata={'k': 'v' * 2048}),
                     'MetadataTooLarge', 400)
        absent(s3, b, 'mcopy')
        expect_error(lambda: s3.create_multipart_upload(Bucket=b, Key='mmpu', Metadata={'k': 'v' * 2048}),
                     'MetadataTooLarge', 400)
        return r
    c.run('metadata_2048_ok_2049_MetadataTooLarge', metadata_cap)
    return c.finish()


# ---------------------------------------------------------------------------------------------------------------
def case_buckets():
    s3 = client()
    c = Checks()
    b = new_bucket(s3, 'py-btags')

    c.run('untagged_bucket_NoSuchTagSet', lambda: expect_error(lambda: s3.get_bucket_tagging(Bucket=b), 'NoSuchTagSet', 404))

    def put_get_replace_delete():
        resp = s3.put_bucket_tagging(Bucket=b, Tagging=tag_set([('team', 'data'), ('cost', 'ml')]))
        check_eq(resp['ResponseMetadata']['HTTPStatusCode'], 204, 'PutBucketTagging status')
        check_eq(pairs_of(s3.get_bucket_tagging(Bucket=b)), by_key([('team', 'data'), ('cost', 'ml')]), 'bucket tags')
        s3.put_bucket_tagging(Bucket=b, Tagging=tag_set([('only', 'one')]))
        check_eq(pairs_of(s3.get_bucket_tagging(Bucket=b)), [('only', 'one')], 'replaced, not merged')
        resp = s3.delete_bucket_tagging(Bucket=b)
        check_eq(resp['ResponseMetadata']['HTTPStatusCode'], 204, 'DeleteBucketTagging status')
        expect_error(lambda: s3.get_bucket_tagging(Bucket=b), 'NoSuchTagSet', 404)
    c.run('put_get_replace_delete_bucket_tagging', put_get_replace_delete)

    def limits():
        s3.put_bucket_tagging(Bucket=b, Tagging=tag_set([(f'k{i}', 'v') for i in range(10)]))
        r = expect_error(lambda: s3.put_bucket_tagging(Bucket=b, Tagging=tag_set([(f'k{i}', 'v') for i in range(11)])),
                         'InvalidTag', 400)
        expect_error(lambda: s3.put_bucket_tagging(Bucket=b, Tagging=tag_set([('aws:x', 'v')])), 'InvalidTag', 400)
        check_eq(len(pairs_of(s3.get_bucket_tagging(Bucket=b))), 10, 'refused puts stored nothing')
        return r
    c.run('bucket_limits_InvalidTag', limits)

    def missing_bucket():
        expect_error(lambda: s3.get_bucket_tagging(Bucket=f'{b}-none'), 'NoSuchBucket', 404)
        expect_error(lambda: s3.put_bucket_tagging(Bucket=f'{b}-none', Tagging=tag_set([('a', '1')])), 'NoSuchBucket', 404)
    c.run('missing_bucket_NoSuchBucket', missing_bucket)

    def die_with_bucket():
        s3.delete_bucket(Bucket=b)
        s3.create_bucket(Bucket=b)
        expect_error(lambda: s3.get_bucket_tagging(Bucket=b), 'NoSuchTagSet', 404)
    c.run('tags_die_with_bucket', die_with_bucket)
    return c.finish()


# ---------------------------------------------------------------------------------------------------------------
def aws(*args):
    proc = subprocess.run(['aws', '--endpoint-url', endpoint(), '--output', 'json', *args],
                          capture_output=True, text=True, timeout=90, env=os.environ)
    return proc


def aws_ok(*args):
    proc = aws(*args)
    if proc.returncode != 0:
        raise CheckFailed(f'`aws {" ".join(args)}` exited {proc.returncode}', {'stderr': proc.stderr[-2000:]})
    return json.loads(proc.stdout) if proc.stdout.strip() else None


def case_cli():
    s3 = client()
    c = Checks()
    b = new_bucket(s3, 'cli-tags')
    s3.put_object(Bucket=b, Key='k', Body=b'data')

    def object_tagging():
        aws_ok('s3api', 'put-object-tagging', '--bucket', b, '--key', 'k',
               '--tagging', 'TagSet=[{Key=project,Value=silt},{Key=stage,Value=raw}]')
        got = aws_ok('s3api', 'get-object-tagging', '--bucket', b, '--key', 'k')
        check_eq(got['TagSet'], [{'Key': 'project', 'Value': 'silt'}, {'Key': 'stage', 'Value': 'raw'}], 'CLI tags')
        aws_ok('s3api', 'delete-object-tagging', '--bucket', b, '--key', 'k')
        check_eq(aws_ok('s3api', 'get-object-tagging', '--bucket', b, '--key', 'k')['TagSet'], [], 'after delete')
    c.run('s3api_put_get_delete_object_tagging', object_tagging)

    def put_object_tagging_header():
        with tempfile.NamedTemporaryFile(suffix='.txt') as f:
            f.write(b'body')
            f.flush()
            aws_ok('s3api', 'put-object', '--bucket', b, '--key', 'h', '--body', f.name, '--tagging', 'a=1&b=two%20words')
        got = aws_ok('s3api', 'get-object-tagging', '--bucket', b, '--key', 'h')
        check_eq(got['TagSet'], [{'Key': 'a', 'Value': '1'}, {'Key': 'b', 'Value': 'two words'}], 'put-object --tagging')
    c.run('s3api_put_object_tagging', put_object_tagging_header)

    def invalid():
        proc = aws('s3api', 'put-object-tagging', '--bucket', b, '--key', 'k',
                   '--tagging', 'TagSet=[{Key=aws:x,Value=1}]')
        check(proc.returncode != 0 and 'InvalidTag' in proc.stderr, 'expected InvalidTag', stderr=proc.stderr[-1000:])
    c.run('s3api_invalid_tag', invalid)

    def bucket_tagging():
        aws_ok('s3api', 'put-bucket-tagging', '--bucket', b, '--tagging', 'TagSet=[{Key=team,Value=data}]')
        got = aws_ok('s3api', 'get-bucket-tagging', '--bucket', b)
        check_eq(got['TagSet'], [{'Key': 'team', 'Value': 'data'}], 'bucket tags')
        aws_ok('s3api', 'delete-bucket-tagging', '--bucket', b)
        proc = aws('s3api', 'get-bucket-tagging', '--bucket', b)
        check(proc.returncode != 0 and 'NoSuchTagSet' in proc.stderr, 'expected NoSuchTagSet', stderr=proc.stderr[-1000:])
    c.run('s3api_bucket_tagging', bucket_tagging)
    return c.finish()


if __name__ == '__main__':
    run({'objects': case_objects, 'limits': case_limits, 'buckets': case_buckets, 'cli': case_cli})
