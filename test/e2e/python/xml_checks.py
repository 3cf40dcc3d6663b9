"""Keys with control characters and hostile request documents, through boto3.

Usage: python3 xml_checks.py <case> [endpoint]   (see common.py for the output contract)
Cases: control_keys (listings round-trip such keys byte-exact), hostile (deep / lax documents are MalformedXML).
"""

import json
import os
import subprocess

import boto3
from botocore.config import Config

from common import CheckFailed, Checks, check, check_eq, endpoint, expect_error, new_bucket, run

# Every C0 control character but NUL (Silt refuses it in keys), plus DEL, in one key, and CR/LF/tab alone.
CONTROL_KEYS = [
    'ctl/' + ''.join(chr(c) for c in range(1, 32)) + '\x7f end',
    'ctl/cr\r',
    'ctl/crlf\r\nx',
    'ctl/tab\tx',
    'ctl/amp&<lt>"q"\'a\'',
]


def client():
    cfg = Config(retries={'total_max_attempts': 1}, connect_timeout=10, read_timeout=60)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)


def case_control_keys():
    s3 = client()
    c = Checks()
    b = new_bucket(s3, 'py-xml')
    for k in CONTROL_KEYS:
        s3.put_object(Bucket=b, Key=k, Body=k.encode())
    expected = sorted(CONTROL_KEYS, key=lambda k: k.encode())

    # botocore asks for encoding-type=url on every listing and decodes the answer, so raw control characters
    # never reach its (expat) XML parser; the keys must come back byte-exact either way.
    def v2():
        keys = [o['Key'] for o in s3.list_objects_v2(Bucket=b, Prefix='ctl/')['Contents']]
        check_eq(keys, expected, 'ListObjectsV2 keys')
    c.run('list_objects_v2_round_trips', v2)

    def v2_paginated():
        pages = s3.get_paginator('list_objects_v2').paginate(Bucket=b, Prefix='ctl/', PaginationConfig={'PageSize': 2})
        check_eq([o['Key'] for p in pages for o in p.get('Contents', [])], expected, 'paginated keys')
    c.run('list_objects_v2_paginated', v2_paginated)

    def v1():
        resp = s3.list_objects(Bucket=b, Prefix='ctl/', Marker=expected[0], MaxKeys=2)
        check_eq([o['Key'] for o in resp['Contents']], expected[1:3], 'ListObjects keys after the marker')
        check_eq(resp['Marker'], expected[0], 'Marker echoed and decoded')
    c.run('list_objects_v1_round_trips', v1)

    def delimiter():
        resp = s3.list_objects_v2(Bucket=b, Prefix='ctl/', Delimiter='\r')
        want = sorted({k[:k.index('\r', 4) + 1] for k in CONTROL_KEYS if '\r' in k[4:]}, key=lambda k: k.encode())
        check_eq([p['Prefix'] for p in resp.get('CommonPrefixes', [])], want, 'common prefixes ending in CR')
        check_eq(resp['Delimiter'], '\r', 'Delimiter echoed')
    c.run('delimiter_control_character', delimiter)

    def cli_listing():
        # The AWS CLI lists through botocore as well (encoding-type=url); its JSON output carries the decoded keys.
        proc = subprocess.run(['aws', '--endpoint-url', endpoint(), '--output', 'json', 's3api', 'list-objects-v2',
                               '--bucket', b, '--prefix', 'ctl/'], capture_output=True, text=True, timeout=90,
                              env=os.environ)
        if proc.returncode != 0:
            raise CheckFailed(f'aws s3api list-objects-v2 exited {proc.returncode}', {'stderr': proc.stderr[-2000:]})
        check_eq([o['Key'] for o in json.loads(proc.stdout)['Contents']], expected, 'AWS CLI keys')
    c.run('aws_cli_list_objects_v2', cli_listing)

    def get_back():
        for k in CONTROL_KEYS:
            check_eq(s3.get_object(Bucket=b, Key=k)['Body'].read(), k.encode(), f'GET {k!r}')
    c.run('get_each_key', get_back)

    # Create's answer and ListMultipartUploads carry the key as XML text (botocore asks no encoding-type there):
    # CR, LF and tab are legal XML 1.0 as references, the other controls are not, for expat as for S3's answers.
    def uploads():
        k = 'ctl/crlf\r\nx'
        up = s3.create_multipart_upload(Bucket=b, Key=k)
        check_eq(up['Key'], k, 'CreateMultipartUpload Key')
        listed = s3.list_multipart_uploads(Bucket=b)['Uploads']
        check_eq([u['Key'] for u in listed], [k], 'ListMultipartUploads Key')
        s3.abort_multipart_upload(Bucket=b, Key=k, UploadId=up['UploadId'])
    c.run('multipart_upload_keys', uploads)

    def delete_quiet():
        resp = s3.delete_objects(Bucket=b, Delete={'Objects': [{'Key': k} for k in CONTROL_KEYS], 'Quiet': True})
        check('Errors' not in resp and 'Deleted' not in resp, 'quiet delete answers nothing', resp=str(resp))
        check_eq(s3.list_objects_v2(Bucket=b).get('KeyCount'), 0, 'all deleted')
    c.run('delete_objects_quiet', delete_quiet)
    return c.finish()


def case_hostile():
    s3 = client()
    c = Checks()
    b = new_bucket(s3, 'py-xml-h')
    s3.put_object(Bucket=b, Key='keep', Body=b'k')

    def too_many_keys():
        expect_error(lambda: s3.delete_objects(Bucket=b, Delete={'Objects': [{'Key': f'k{i}'} for i in range(1001)]}),
                     'MalformedXML', 400)
    c.run('delete_1001_keys', too_many_keys)

    def empty_token():
        resp = s3.list_objects_v2(Bucket=b, ContinuationToken='')
        check_eq([o['Key'] for o in resp['Contents']], ['keep'], 'listed from the start')
    c.run('empty_continuation_token', empty_token)

    def sorted_tags():
        put = [{'Key': k, 'Value': k.lower()} for k in ['b', 'a', 'C', '\u00e9', 'A']]
        s3.put_object_tagging(Bucket=b, Key='keep', Tagging={'TagSet': put})
        got = s3.get_object_tagging(Bucket=b, Key='keep')['TagSet']
        check_eq([t['Key'] for t in got], ['A', 'C', 'a', 'b', '\u00e9'], 'object tags sorted by key')
        s3.put_bucket_tagging(Bucket=b, Tagging={'TagSet': put})
        got = s3.get_bucket_tagging(Bucket=b)['TagSet']
        check_eq([t['Key'] for t in got], ['A', 'C', 'a', 'b', '\u00e9'], 'bucket tags sorted by key')
    c.run('tags_sorted', sorted_tags)

    def still_there():
        check_eq(s3.get_object(Bucket=b, Key='keep')['Body'].read(), b'k', 'keep is intact')
    c.run('object_intact', still_there)
    return c.finish()


if __name__ == '__main__':
    run({'control_keys': case_control_keys, 'hostile': case_hostile})
