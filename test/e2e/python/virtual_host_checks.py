"""Virtual-hosted-style addressing with boto3 (addressing_style='virtual') against a gateway with s3.domain set.

Usage: python3 virtual_host_checks.py <case> <endpoint>   (endpoint: http://<s3.domain>:<port>; see common.py)
The endpoint's names (`s3.silt.test` and `<bucket>.s3.silt.test`) resolve to 127.0.0.1 inside this process only:
getaddrinfo is wrapped here, nothing on the machine (/etc/hosts, DNS) is touched.
Cases: virtual (put/get/list/delete/presigned GET through <bucket>.<domain>).
"""

import socket
import urllib.request
import uuid
from urllib.parse import urlparse

import boto3
from botocore.config import Config

from common import Checks, check, check_eq, endpoint, expect_error, run

_real_getaddrinfo = socket.getaddrinfo


def _local_getaddrinfo(host, *args, **kwargs):
    domain = urlparse(endpoint()).hostname
    if isinstance(host, str) and (host == domain or host.endswith('.' + domain)):
        host = '127.0.0.1'
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _local_getaddrinfo


def client():
    cfg = Config(retries={'total_max_attempts': 1}, connect_timeout=10, read_timeout=60,
                 s3={'addressing_style': 'virtual'})
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)


def case_virtual():
    s3 = client()
    bucket = f'vhost-{uuid.uuid4().hex[:10]}'
    checks = Checks()
    hosts = []
    s3.meta.events.register('before-send.s3', lambda request, **_: hosts.append(urlparse(request.url).hostname))
    checks.run('create_bucket', lambda: s3.create_bucket(Bucket=bucket))
    checks.run('sent virtual-hosted', lambda: check_eq(hosts[0], f'{bucket}.{urlparse(endpoint()).hostname}', 'host'))
    checks.run('put_object', lambda: s3.put_object(Bucket=bucket, Key='dir/obj.txt', Body=b'hello'))
    checks.run('get_object', lambda: check_eq(s3.get_object(Bucket=bucket, Key='dir/obj.txt')['Body'].read(), b'hello', 'body'))
    checks.run('list_objects_v2', lambda: check_eq(
        [o['Key'] for o in s3.list_objects_v2(Bucket=bucket)['Contents']], ['dir/obj.txt'], 'keys'))
    checks.run('list_objects_v2 delimiter', lambda: check_eq(
        [p['Prefix'] for p in s3.list_objects_v2(Bucket=bucket, Delimiter='/')['CommonPrefixes']], ['dir/'], 'prefixes'))
    checks.run('get_bucket_versioning', lambda: check('Status' not in s3.get_bucket_versioning(Bucket=bucket), 'no status'))
    checks.run('no bucket made from the key', lambda: check(
        'obj.txt' not in [b['Name'] for b in s3.list_buckets()['Buckets']] and
        bucket in [b['Name'] for b in s3.list_buckets()['Buckets']], 'buckets'))

    def presigned():
        url = s3.generate_presigned_url('get_object', Params={'Bucket': bucket, 'Key': 'dir/obj.txt'}, ExpiresIn=60)
        check(urlparse(url).hostname.startswith(bucket + '.'), 'presigned URL is virtual-hosted', url=url)
        with urllib.request.urlopen(url, timeout=30) as resp:
            check_eq(resp.read(), b'hello', 'presigned body')
    checks.run('presigned get', presigned)
    checks.run('missing key', lambda: expect_error(lambda: s3.get_object(Bucket=bucket, Key='nope'), 'NoSuchKey', 404))
    checks.run('delete_object', lambda: s3.delete_object(Bucket=bucket, Key='dir/obj.txt'))
    checks.run('gone', lambda: expect_error(lambda: s3.head_object(Bucket=bucket, Key='dir/obj.txt'), '404', 404))
    checks.run('delete_bucket', lambda: s3.delete_bucket(Bucket=bucket))
    return checks.finish()


if __name__ == '__main__':
    run({'virtual': case_virtual})
