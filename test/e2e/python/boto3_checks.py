"""boto3 (default settings: flexible checksums on) against a Silt endpoint.

Usage: python3 boto3_checks.py <case> [endpoint]   (see common.py for the output contract)
"""

import io
import math
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote_plus
from urllib.request import Request, urlopen
from urllib.error import HTTPError

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from common import CheckFailed, Checks, check, check_eq, crc32_b64, endpoint, expect_error, md5_hex, new_bucket, run, utf8_sorted


def client(**config):
    # Defaults except: no retries (a retried 5xx would hide a Silt bug) and bounded timeouts.
    cfg = {'retries': {'total_max_attempts': 1}, 'connect_timeout': 10, 'read_timeout': 60}
    cfg.update(config)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=Config(**cfg))






def etag_of(data):
    return f'"{md5_hex(data)}"'


# ---------------------------------------------------------------------------------------------------------------
def case_buckets():
    s3 = client()
    c = Checks()
    name = new_bucket(s3, 'py-buckets')
    c.run('head_bucket', lambda: check_eq(s3.head_bucket(Bucket=name)['ResponseMetadata']['HTTPStatusCode'], 200,
                                          'HeadBucket status'))

    def list_buckets():
        resp = s3.list_buckets()
        names = [b['Name'] for b in resp['Buckets']]
        check(name in names, f'{name} not in ListBuckets', buckets=names)
        owner = resp.get('Owner') or {}
        check(owner.get('ID'), 'ListBuckets has no Owner/ID', owner=owner)
        for b in resp['Buckets']:
            check(b.get('CreationDate') is not None, 'bucket without CreationDate', bucket=b)
        return {'owner': owner, 'count': len(names)}
    c.run('list_buckets_owner', list_buckets)

    def location():
        resp = s3.get_bucket_location(Bucket=name)
        # us-east-1 is reported as an empty LocationConstraint (None in boto3).
        check(resp.get('LocationConstraint') in (None, '', 'us-east-1'), 'unexpected LocationConstraint',
              location=resp.get('LocationConstraint'))
        return resp.get('LocationConstraint')
    c.run('get_bucket_location', location)

    def delete_empty():
        other = new_bucket(s3, 'py-buckets-del')
        check_eq(s3.delete_bucket(Bucket=other)['ResponseMetadata']['HTTPStatusCode'], 204, 'DeleteBucket status')
        return expect_error(lambda: s3.head_bucket(Bucket=other), '404', 404)
    c.run('delete_bucket_then_head_404', delete_empty)
    return c.finish()


def case_objects():
    s3 = client()
    c = Checks()
    bucket = new_bucket(s3, 'py-objects')
    key = 'docs/hello wörld+.bin'
    data = os.urandom(300_000) + b'tail'
    meta = {'color': 'blue', 'project': 'silt', 'unicode': 'plain-ascii-value'}
    put = s3.put_object(Bucket=bucket, Key=key, Body=data, Metadata=meta, ContentType='application/x-silt-test')

    def put_result():
        check_eq(put['ETag'], etag_of(data), 'PutObject ETag')
        # boto3 sent x-amz-checksum-crc32; S3 echoes it.
        check_eq(put.get('ChecksumCRC32'), crc32_b64(data), 'PutObject ChecksumCRC32 echoed')
        return {'etag': put['ETag']}
    c.run('put_object_etag_checksum', put_result)

    def get_plain():
        resp = s3.get_object(Bucket=bucket, Key=key)
        body = resp['Body'].read()
        check_eq(len(body), len(data), 'GetObject length')
        check(body == data, 'GetObject body differs')
        check_eq(resp['ContentType'], 'application/x-silt-test', 'GetObject ContentType')
        check_eq(resp['Metadata'], meta, 'GetObject Metadata')
        check_eq(resp['ETag'], etag_of(data), 'GetObject ETag')
        check(resp.get('LastModified') is not None, 'GetObject without Last-Modified')
    c.run('get_object_byte_exact', get_plain)

    def get_checksum_mode():
        resp = s3.get_object(Bucket=bucket, Key=key, ChecksumMode='ENABLED')
        body = resp['Body'].read()  # botocore validates the returned checksum while reading
        check(body == data, 'GetObject (ChecksumMode=ENABLED) body differs')
        check_eq(resp.get('ChecksumCRC32'), crc32_b64(data), 'GetObject ChecksumCRC32')
        return {'checksum': resp.get('ChecksumCRC32'), 'type': resp.get('ChecksumType')}
    c.run('get_object_checksum_mode_enabled', get_checksum_mode)

    def head():
        resp = s3.head_object(Bucket=bucket, Key=key)
        check_eq(resp['ContentLength'], len(data), 'HeadObject ContentLength')
        check_eq(resp['ETag'], etag_of(data), 'HeadObject ETag == quoted MD5')
        check_eq(resp['Metadata'], meta, 'HeadObject Metadata')
        check_eq(resp['ContentType'], 'application/x-silt-test', 'HeadObject ContentType')
        check(resp['ResponseMetadata']['HTTPHeaders'].get('x-amz-request-id'), 'no x-amz-request-id')
        return {'etag': resp['ETag'], 'length': resp['ContentLength']}
    c.run('head_object', head)

    def ranged():
        n = len(data)
        out = {}
        for rng, lo, hi in (('bytes=10-19', 10, 19), ('bytes=-5', n - 5, n - 1), (f'bytes={n - 100}-', n - 100, n - 1),
                            (f'bytes=0-{n + 1000}', 0, n - 1)):
            resp = s3.get_object(Bucket=bucket, Key=key, Range=rng)
            body = resp['Body'].read()
            check_eq(resp['ResponseMetadata']['HTTPStatusCode'], 206, f'{rng} status')
            check_eq(resp.get('ContentRange'), f'bytes {lo}-{hi}/{n}', f'{rng} Content-Range')
            check_eq(resp['ContentLength'], hi - lo + 1, f'{rng} Content-Length')
            check(body == data[lo:hi + 1], f'{rng} body differs')
            out[rng] = resp.get('ContentRange')
        return out
    c.run('ranged_get', ranged)

    def conditional():
        etag = etag_of(data)
        out = {'if_none_match_get': expect_error(lambda: s3.get_object(Bucket=bucket, Key=key, IfNoneMatch=etag),
                                                 '304', 304)}
        out['if_none_match_head'] = expect_error(lambda: s3.head_object(Bucket=bucket, Key=key, IfNoneMatch=etag),
                                                 '304', 304)
        resp = s3.get_object(Bucket=bucket, Key=key, IfNoneMatch='"0123456789abcdef0123456789abcdef"')
        check(resp['Body'].read() == data, 'IfNoneMatch (other ETag) body differs')
        resp = s3.get_object(Bucket=bucket, Key=key, IfMatch=etag)
        check(resp['Body'].read() == data, 'IfMatch (same ETag) body differs')
        out['if_match_other'] = expect_error(
            lambda: s3.get_object(Bucket=bucket, Key=key, IfMatch='"0123456789abcdef0123456789abcdef"'),
            'PreconditionFailed', 412)
        return out
    c.run('conditional_get', conditional)

    def copy_copy():
        dst = 'copies/copied.bin'
        resp = s3.copy_object(Bucket=bucket, Key=dst, CopySource={'Bucket': bucket, 'Key': key})
        check_eq(resp['CopyObjectResult']['ETag'], etag_of(data), 'CopyObject ETag')
        head = s3.head_object(Bucket=bucket, Key=dst)
        check_eq(head['Metadata'], meta, 'COPY directive keeps metadata')
        check_eq(head['ContentType'], 'application/x-silt-test', 'COPY directive keeps Content-Type')
        check(s3.get_object(Bucket=bucket, Key=dst)['Body'].read() == data, 'copied body differs')
    c.run('copy_object_copy_directive', copy_copy)

    def copy_replace():
        dst = 'copies/replaced.bin'
        new_meta = {'color': 'red', 'replaced': 'yes'}
        s3.copy_object(Bucket=bucket, Key=dst, CopySource={'Bucket': bucket, 'Key': key},
                       MetadataDirective='REPLACE', Metadata=new_meta, ContentType='text/plain')
        head = s3.head_object(Bucket=bucket, Key=dst)
        check_eq(head['Metadata'], new_meta, 'REPLACE directive metadata')
        check_eq(head['ContentType'], 'text/plain', 'REPLACE directive Content-Type')
        check_eq(head['ETag'], etag_of(data), 'replaced copy ETag')
        # Copy onto itself with REPLACE is how clients change metadata in place.
        s3.copy_object(Bucket=bucket, Key=dst, CopySource={'Bucket': bucket, 'Key': dst},
                       MetadataDirective='REPLACE', Metadata={'inplace': '1'}, ContentType='text/csv')
        head = s3.head_object(Bucket=bucket, Key=dst)
        check_eq(head['Metadata'], {'inplace': '1'}, 'in-place REPLACE metadata')
        check(s3.get_object(Bucket=bucket, Key=dst)['Body'].read() == data, 'in-place copy body differs')
    c.run('copy_object_replace_directive', copy_replace)

    def delete_one():
        k = 'to-delete.txt'
        s3.put_object(Bucket=bucket, Key=k, Body=b'bye')
        check_eq(s3.delete_object(Bucket=bucket, Key=k)['ResponseMetadata']['HTTPStatusCode'], 204,
                 'DeleteObject status')
        expect_error(lambda: s3.head_object(Bucket=bucket, Key=k), '404', 404)
        check_eq(s3.delete_object(Bucket=bucket, Key='never-existed')['ResponseMetadata']['HTTPStatusCode'], 204,
                 'DeleteObject of a missing key')
    c.run('delete_object', delete_one)

    def delete_many():
        keys = [f'batch/{i:02d} é+.txt' for i in range(6)]
        for k in keys:
            s3.put_object(Bucket=bucket, Key=k, Body=k.encode())
        resp = s3.delete_objects(Bucket=bucket, Delete={'Objects': [{'Key': k} for k in keys[:3]] +
                                                        [{'Key': 'batch/missing'}], 'Quiet': False})
        deleted = sorted(d['Key'] for d in resp.get('Deleted', []))
        check_eq(deleted, sorted(keys[:3] + ['batch/missing']), 'DeleteObjects (not quiet) Deleted keys')
        check_eq(resp.get('Errors', []), [], 'DeleteObjects (not quiet) Errors')
        resp = s3.delete_objects(Bucket=bucket, Delete={'Objects': [{'Key': k} for k in keys[3:]], 'Quiet': True})
        check_eq(resp.get('Deleted', []), [], 'DeleteObjects (quiet) lists no Deleted entries')
        check_eq(resp.get('Errors', []), [], 'DeleteObjects (quiet) Errors')
        left = s3.list_objects_v2(Bucket=bucket, Prefix='batch/').get('Contents', [])
        check_eq([o['Key'] for o in left], [], 'keys left after DeleteObjects')
        return {'deleted': deleted}
    c.run('delete_objects', delete_many)
    return c.finish()


# ---------------------------------------------------------------------------------------------------------------
def listing_keys():
    groups = [
        ('plain/{:04d}', 600), ('deep/x/y/{:04d}', 300), ('sp ace/file {:03d}.txt', 200), ('ünï/é{:03d}', 200),
        ('日本/ファイル{:03d}', 200), ('emoji/😀{:03d}', 150), ('emoji/\uff61{:03d}', 150), ('plus+/a+b={:03d}', 150),
        ('pct/100%25 {:03d}', 100), ('top-{:04d}', 250), ('a/b/c/d/{:03d}', 100), ('dup//double{:03d}', 50),
        ('xml/a&b<c>"q\'{:03d}', 50),
    ]
    keys = [fmt.format(i) for fmt, n in groups for i in range(n)]
    assert len(keys) == len(set(keys)) == 2500
    return keys


def expected_listing(keys, prefix='', delimiter=None, after=None):
    contents, prefixes = [], []
    for k in utf8_sorted(keys):
        if not k.startswith(prefix):
            continue
        if after is not None and k.encode() <= after.encode():
            continue
        if delimiter:
            i = k.find(delimiter, len(prefix))
            if i >= 0:
                cp = k[:i + len(delimiter)]
                if not prefixes or prefixes[-1] != cp:
                    prefixes.append(cp)
                continue
        contents.append(k)
    return contents, prefixes


def compare_lists(actual, expected, what):
    if actual == expected:
        return
    first = next((i for i, (a, e) in enumerate(zip(actual, expected)) if a != e), min(len(actual), len(expected)))
    raise CheckFailed(
        f'{what}: {len(actual)} entries vs {len(expected)} expected; first difference at index {first}',
        {'actual_around': actual[max(0, first - 2):first + 3], 'expected_around': expected[max(0, first - 2):first + 3],
         'missing_sample': [k for k in expected if k not in set(actual)][:5],
         'unexpected_sample': [k for k in actual if k not in set(expected)][:5]})


def paginate(s3, op, **params):
    pages = list(s3.get_paginator(op).paginate(**params))
    keys = [o['Key'] for p in pages for o in p.get('Contents', [])]
    prefixes = [cp['Prefix'] for p in pages for cp in p.get('CommonPrefixes', [])]
    return pages, keys, prefixes


def case_listing():
    s3 = client(max_pool_connections=24)
    bucket = new_bucket(s3, 'py-listing')
    keys = listing_keys()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda k: s3.put_object(Bucket=bucket, Key=k, Body=k.encode()), keys))
    everything = utf8_sorted(keys)
    c = Checks()

    def v2_all():
        pages, got, _ = paginate(s3, 'list_objects_v2', Bucket=bucket)
        compare_lists(got, everything, 'ListObjectsV2 (paginator, 1000 per page)')
        check_eq(len(pages), 3, 'page count')
        for p in pages[:-1]:
            check(p['IsTruncated'] is True and p.get('NextContinuationToken'), 'page not truncated / no token')
            check_eq(p['KeyCount'], 1000, 'KeyCount')
        check(pages[-1]['IsTruncated'] is False, 'last page truncated')
        check_eq(pages[-1]['KeyCount'], 500, 'last KeyCount')
        for o in pages[0]['Contents'][:50]:
            body = o['Key'].encode()
            check_eq(o['Size'], len(body), f'Size of {o["Key"]}')
            check_eq(o.get('ETag'), etag_of(body), f'ETag of {o["Key"]}')
            check(o.get('LastModified') is not None, 'listing entry without LastModified')
            check(o.get('StorageClass'), 'listing entry without StorageClass')
        return {'pages': len(pages)}
    c.run('v2_paginator_all_keys_utf8_order', v2_all)

    def v2_small_pages():
        pages, got, _ = paginate(s3, 'list_objects_v2', Bucket=bucket, PaginationConfig={'PageSize': 317})
        compare_lists(got, everything, 'ListObjectsV2 (PageSize 317)')
        check_eq(len(pages), math.ceil(2500 / 317), 'page count')
        return {'pages': len(pages)}
    c.run('v2_paginator_page_size_317', v2_small_pages)

    def v1_all():
        pages, got, _ = paginate(s3, 'list_objects', Bucket=bucket, PaginationConfig={'PageSize': 400})
        compare_lists(got, everything, 'ListObjects v1 (PageSize 400, marker = last key)')
        check_eq(len(pages), 7, 'page count')
        return {'pages': len(pages)}
    c.run('v1_paginator_all_keys', v1_all)

    def v2_prefix():
        _, got, _ = paginate(s3, 'list_objects_v2', Bucket=bucket, Prefix='emoji/', PaginationConfig={'PageSize': 70})
        compare_lists(got, expected_listing(keys, 'emoji/')[0], 'Prefix=emoji/ (U+FF61 sorts before U+1F600 in UTF-8)')
    c.run('v2_prefix_utf8_vs_utf16_order', v2_prefix)

    def delimited(op, prefix, delimiter, page):
        _, got, prefixes = paginate(s3, op, Bucket=bucket, Prefix=prefix, Delimiter=delimiter,
                                    PaginationConfig={'PageSize': page})
        exp_keys, exp_prefixes = expected_listing(keys, prefix, delimiter)
        compare_lists(got, exp_keys, f'{op} Prefix={prefix!r} Delimiter={delimiter!r} Contents')
        compare_lists(prefixes, exp_prefixes, f'{op} Prefix={prefix!r} Delimiter={delimiter!r} CommonPrefixes')
        return {'contents': len(got), 'prefixes': prefixes[:20]}

    c.run('v2_delimiter_root_pages_of_7', lambda: delimited('list_objects_v2', '', '/', 7))
    c.run('v1_delimiter_root_pages_of_7', lambda: delimited('list_objects', '', '/', 7))
    c.run('v2_prefix_and_delimiter', lambda: delimited('list_objects_v2', 'deep/', '/', 1000))
    c.run('v2_double_slash_prefix', lambda: delimited('list_objects_v2', 'dup/', '/', 1000))
    c.run('v2_delimiter_plus', lambda: delimited('list_objects_v2', 'plus+/', '+', 1000))
    c.run('v1_delimiter_multichar', lambda: delimited('list_objects', '', 'ファ', 500))

    def v2_start_after():
        after = everything[1234]
        _, got, _ = paginate(s3, 'list_objects_v2', Bucket=bucket, StartAfter=after)
        compare_lists(got, everything[1235:], f'StartAfter={after!r}')
        # StartAfter need not be an existing key.
        _, got, _ = paginate(s3, 'list_objects_v2', Bucket=bucket, StartAfter='plain/0599~')
        compare_lists(got, expected_listing(keys, after='plain/0599~')[0], 'StartAfter=plain/0599~')
    c.run('v2_start_after', v2_start_after)

    def v1_marker():
        marker = everything[777]
        _, got, _ = paginate(s3, 'list_objects', Bucket=bucket, Marker=marker)
        compare_lists(got, everything[778:], f'Marker={marker!r}')
    c.run('v1_marker', v1_marker)

    def v2_manual_tokens():
        resp = s3.list_objects_v2(Bucket=bucket, MaxKeys=5)
        check_eq([o['Key'] for o in resp['Contents']], everything[:5], 'MaxKeys=5 keys')
        check_eq(resp['KeyCount'], 5, 'KeyCount')
        check_eq(resp['MaxKeys'], 5, 'MaxKeys echoed')
        check(resp['IsTruncated'] is True, 'MaxKeys=5 not truncated')
        got, token, calls = [], None, 0
        while True:
            params = {'Bucket': bucket, 'MaxKeys': 600}
            if token:
                params['ContinuationToken'] = token
            resp = s3.list_objects_v2(**params)
            calls += 1
            got += [o['Key'] for o in resp.get('Contents', [])]
            if token:
                check_eq(resp.get('ContinuationToken'), token, 'ContinuationToken echoed')
            if not resp['IsTruncated']:
                break
            token = resp['NextContinuationToken']
            check(calls < 20, 'too many pages')
        compare_lists(got, everything, 'manual ContinuationToken loop')
        check_eq(calls, 5, 'calls with MaxKeys=600')
        return {'calls': calls}
    c.run('v2_max_keys_and_continuation_token', v2_manual_tokens)

    def explicit_url_encoding():
        out = {}
        for prefix in ('sp ace/', 'pct/', 'xml/', 'plus+/', '日本/'):
            resp = s3.list_objects_v2(Bucket=bucket, Prefix=prefix, EncodingType='url', MaxKeys=1000)
            check_eq(resp.get('EncodingType'), 'url', f'EncodingType echoed for {prefix!r}')
            raw = [o['Key'] for o in resp.get('Contents', [])]
            exp = expected_listing(keys, prefix)[0]
            compare_lists([unquote_plus(k) for k in raw], exp, f'url-decoded keys under {prefix!r}')
            for k in raw:
                check(all(ch not in k for ch in ' <>&') and all(ord(ch) < 128 for ch in k),
                      f'key not URL-encoded: {k!r}')
            out[prefix] = raw[0]
        resp = s3.list_objects(Bucket=bucket, Prefix='sp ace/', Delimiter=' ', EncodingType='url')
        check_eq(resp.get('EncodingType'), 'url', 'v1 EncodingType echoed')
        check_eq([unquote_plus(p['Prefix']) for p in resp.get('CommonPrefixes', [])],
                 expected_listing(keys, 'sp ace/', ' ')[1], 'v1 url-encoded CommonPrefixes')
        check(all(' ' not in p['Prefix'] for p in resp.get('CommonPrefixes', [])), 'CommonPrefix not URL-encoded',
              prefixes=resp.get('CommonPrefixes'))
        return out
    c.run('explicit_encoding_type_url', explicit_url_encoding)
    return c.finish()


def case_folder_object():
    s3 = client()
    bucket = new_bucket(s3, 'py-folder')
    s3.put_object(Bucket=bucket, Key='dir/', Body=b'')
    s3.put_object(Bucket=bucket, Key='dir/a.txt', Body=b'a')
    s3.put_object(Bucket=bucket, Key='dir/sub/b.txt', Body=b'b')
    c = Checks()

    def head():
        resp = s3.head_object(Bucket=bucket, Key='dir/')
        check_eq(resp['ContentLength'], 0, 'dir/ ContentLength')
        check_eq(resp['ETag'], etag_of(b''), 'dir/ ETag')
    c.run('head_folder_object', head)

    def flat():
        keys = [o['Key'] for o in s3.list_objects_v2(Bucket=bucket).get('Contents', [])]
        check_eq(keys, ['dir/', 'dir/a.txt', 'dir/sub/b.txt'], 'flat listing')
    c.run('flat_listing', flat)

    def root():
        resp = s3.list_objects_v2(Bucket=bucket, Delimiter='/')
        check_eq([o['Key'] for o in resp.get('Contents', [])], [], 'root Contents')
        check_eq([p['Prefix'] for p in resp.get('CommonPrefixes', [])], ['dir/'], 'root CommonPrefixes')
    c.run('root_delimited', root)

    def inside():
        resp = s3.list_objects_v2(Bucket=bucket, Prefix='dir/', Delimiter='/')
        check_eq([o['Key'] for o in resp.get('Contents', [])], ['dir/', 'dir/a.txt'], 'dir/ Contents')
        check_eq([p['Prefix'] for p in resp.get('CommonPrefixes', [])], ['dir/sub/'], 'dir/ CommonPrefixes')
        resp = s3.list_objects(Bucket=bucket, Prefix='dir/', Delimiter='/')
        check_eq([o['Key'] for o in resp.get('Contents', [])], ['dir/', 'dir/a.txt'], 'v1 dir/ Contents')
    c.run('prefix_delimited', inside)

    def delete_folder_keeps_children():
        s3.delete_object(Bucket=bucket, Key='dir/')
        keys = [o['Key'] for o in s3.list_objects_v2(Bucket=bucket).get('Contents', [])]
        check_eq(keys, ['dir/a.txt', 'dir/sub/b.txt'], 'listing after deleting dir/')
    c.run('delete_folder_object_keeps_children', delete_folder_keeps_children)
    return c.finish()


def case_errors():
    s3 = client()
    c = Checks()
    bucket = new_bucket(s3, 'py-errors')
    s3.put_object(Bucket=bucket, Key='ten', Body=b'0123456789')
    missing_bucket = f'py-missing-{uuid.uuid4().hex[:10]}'
    c.run('get_missing_key_NoSuchKey', lambda: expect_error(
        lambda: s3.get_object(Bucket=bucket, Key='nope/missing.txt'), 'NoSuchKey', 404))
    c.run('head_missing_key_404', lambda: expect_error(
        lambda: s3.head_object(Bucket=bucket, Key='nope/missing.txt'), '404', 404))
    c.run('get_object_missing_bucket_NoSuchBucket', lambda: expect_error(
        lambda: s3.get_object(Bucket=missing_bucket, Key='k'), 'NoSuchBucket', 404))
    c.run('list_missing_bucket_NoSuchBucket', lambda: expect_error(
        lambda: s3.list_objects_v2(Bucket=missing_bucket), 'NoSuchBucket', 404))
    c.run('put_missing_bucket_NoSuchBucket', lambda: expect_error(
        lambda: s3.put_object(Bucket=missing_bucket, Key='k', Body=b'x'), 'NoSuchBucket', 404))
    c.run('head_missing_bucket_404', lambda: expect_error(lambda: s3.head_bucket(Bucket=missing_bucket), '404', 404))
    c.run('delete_missing_bucket_NoSuchBucket', lambda: expect_error(
        lambda: s3.delete_bucket(Bucket=missing_bucket), 'NoSuchBucket', 404))
    c.run('delete_non_empty_BucketNotEmpty', lambda: expect_error(
        lambda: s3.delete_bucket(Bucket=bucket), 'BucketNotEmpty', 409))
    # botocore rejects names outside [a-zA-Z0-9.\-_]{1,255} itself; these pass that filter but break S3's rules.
    for name in ('ab', 'Upper-Case-Bucket', 'under_score', 'a' * 64, '-leading-dash', 'double..dot'):
        c.run(f'create_bucket_InvalidBucketName[{name[:16]}]', lambda name=name: expect_error(
            lambda: s3.create_bucket(Bucket=name), 'InvalidBucketName', 400))
    c.run('range_past_end_InvalidRange', lambda: expect_error(
        lambda: s3.get_object(Bucket=bucket, Key='ten', Range='bytes=100-200'), 'InvalidRange', 416))

    def unparseable_range():
        resp = s3.get_object(Bucket=bucket, Key='ten', Range='bytes=abc')
        check_eq(resp['ResponseMetadata']['HTTPStatusCode'], 200, 'unparseable Range status')
        check_eq(resp['Body'].read(), b'0123456789', 'unparseable Range body')
    c.run('unparseable_range_whole_object', unparseable_range)

    def error_body_has_request_id():
        try:
            s3.get_object(Bucket=bucket, Key='nope')
        except ClientError as err:
            check(err.response.get('Error', {}).get('Message'), 'error without Message', error=err.response)
            rid = err.response['ResponseMetadata'].get('RequestId')
            check(rid, 'error without RequestId', error=err.response)
            return {'request_id': rid}
        raise CheckFailed('GetObject of a missing key succeeded')
    c.run('error_body_message_and_request_id', error_body_has_request_id)
    return c.finish()


def case_transfer():
    s3 = client()
    bucket = new_bucket(s3, 'py-transfer')
    data = os.urandom(7 * 1024 * 1024)
    c = Checks()
    s3.upload_fileobj(io.BytesIO(data), bucket, 'big/seven-mib.bin')

    def head():
        resp = s3.head_object(Bucket=bucket, Key='big/seven-mib.bin')
        check_eq(resp['ContentLength'], len(data), 'ContentLength')
        check_eq(resp['ETag'], etag_of(data), 'single-part ETag == MD5')
    c.run('head_after_upload_fileobj', head)

    def download():
        out = io.BytesIO()
        s3.download_fileobj(bucket, 'big/seven-mib.bin', out)
        check_eq(len(out.getvalue()), len(data), 'downloaded length')
        check(out.getvalue() == data, 'download_fileobj bytes differ')
        return {'md5': md5_hex(out.getvalue())}
    c.run('download_fileobj_byte_exact', download)
    return c.finish()


def fetch(url, method='GET', body=None):
    req = Request(url, data=body, method=method)
    if body is not None:
        req.add_header('Content-Type', 'application/octet-stream')  # urllib would send a form content type
    try:
        with urlopen(req, timeout=30) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def case_presign():
    s3 = client()
    bucket = new_bucket(s3, 'py-presign')
    c = Checks()
    objects = {'presigned/plain.bin': os.urandom(70_000), 'presigned/with space é+.txt': b'hello presigned world'}
    for k, v in objects.items():
        s3.put_object(Bucket=bucket, Key=k, Body=v)

    def presign_get(signer_client, marker):
        out = {}
        for k, v in objects.items():
            url = signer_client.generate_presigned_url('get_object', Params={'Bucket': bucket, 'Key': k},
                                                       ExpiresIn=300)
            check(marker in url, f'presigned URL lacks {marker}', url=url)
            status, body, headers = fetch(url)
            check_eq(status, 200, f'GET {url}')
            check(body == v, f'presigned GET of {k!r} bytes differ', got=body[:200].decode('latin-1'))
            out[k] = url.split('?')[0]
        return out

    c.run('presigned_get_default_sigv2', lambda: presign_get(s3, 'AWSAccessKeyId='))
    s3v4 = client(signature_version='s3v4')
    c.run('presigned_get_sigv4', lambda: presign_get(s3v4, 'X-Amz-Signature='))

    def presign_put():
        url = s3v4.generate_presigned_url('put_object', Params={'Bucket': bucket, 'Key': 'presigned/put.bin'},
                                          ExpiresIn=300)
        payload = os.urandom(10_000)
        status, body, _ = fetch(url, 'PUT', payload)
        check_eq(status, 200, f'presigned PUT ({body[:300]!r})')
        check(s3.get_object(Bucket=bucket, Key='presigned/put.bin')['Body'].read() == payload, 'PUT bytes differ')
    c.run('presigned_put_sigv4', presign_put)

    def presign_missing():
        url = s3v4.generate_presigned_url('get_object', Params={'Bucket': bucket, 'Key': 'presigned/missing'})
        status, body, _ = fetch(url)
        check_eq(status, 404, 'presigned GET of a missing key')
        check(b'<Code>NoSuchKey</Code>' in body, 'no NoSuchKey error body', body=body.decode('utf-8', 'replace'))
    c.run('presigned_get_missing_404', presign_missing)
    return c.finish()


if __name__ == '__main__':
    run({
        'buckets': case_buckets,
        'objects': case_objects,
        'listing': case_listing,
        'folder_object': case_folder_object,
        'errors': case_errors,
        'transfer': case_transfer,
        'presign': case_presign,
    })
