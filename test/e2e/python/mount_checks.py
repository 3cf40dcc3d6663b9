"""boto3 reading through an S3 mount: a training epoch over many small files, and a Triton-like model repository.

Usage: python3 mount_checks.py <case> [endpoint]   (see common.py for the output contract)

The driving spec (test/e2e/ufs-mounts.e2e-spec.ts) puts the objects straight into the upstream bucket (moto) and
describes them in a manifest, a JSON file named by MOUNT_MANIFEST: {"<key in the mount>": [size, md5, etag], ...}.
MOUNT_BUCKET is the mount point's bucket, MOUNT_PREFIX the prefix the case reads. Clients use boto3's default
configuration (retries, checksums) but for path-style addressing, as a training job pointed at Silt would.
"""

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

from common import Checks, check, check_eq, endpoint, md5_hex, run, utf8_sorted

THREADS = 8


def client():
    cfg = Config(s3={'addressing_style': 'path'}, max_pool_connections=THREADS * 2)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)


def manifest():
    with open(os.environ['MOUNT_MANIFEST'], encoding='utf-8') as f:
        return json.load(f)


def list_all(s3, bucket, prefix, page_size=None):
    """Every key and size under prefix, by the ListObjectsV2 paginator (no delimiter), in the order listed."""
    paginator = s3.get_paginator('list_objects_v2')
    config = {'PageSize': page_size} if page_size else {}
    out = []
    pages = 0
    for page in paginator.paginate(Bucket=bucket, Prefix=prefix, PaginationConfig=config):
        pages += 1
        for c in page.get('Contents', []):
            out.append((c['Key'], c['Size'], c['ETag']))
    return out, pages


def get_all(s3, bucket, keys, expected):
    """GETs every key from THREADS threads; returns (bytes read, mismatches)."""
    def one(key):
        body = s3.get_object(Bucket=bucket, Key=key)['Body'].read()
        size, digest = expected[key][0], expected[key][1]
        if len(body) != size or md5_hex(body) != digest:
            return key, len(body), size
        return key, len(body), None

    mismatches = []
    total = 0
    with ThreadPoolExecutor(THREADS) as pool:
        for key, got, bad in pool.map(one, keys):
            total += got
            if bad is not None:
                mismatches.append({'key': key, 'got_bytes': got, 'expected_bytes': bad})
    return total, mismatches


def case_epoch():
    """One training epoch: list the dataset's prefix, then read every file from 8 threads, MD5 of each checked."""
    s3 = client()
    bucket = os.environ['MOUNT_BUCKET']
    prefix = os.environ['MOUNT_PREFIX']
    expected = manifest()
    started = time.monotonic()
    listed, pages = list_all(s3, bucket, prefix)
    list_seconds = time.monotonic() - started
    keys = [k for k, _, _ in listed]
    check_eq(len(keys), len(expected), 'number of keys listed')
    check_eq(keys, utf8_sorted(expected), 'keys listed, in order')
    wrong_sizes = [(k, s, expected[k][0]) for k, s, _ in listed if s != expected[k][0]]
    check(not wrong_sizes, f'{len(wrong_sizes)} listed sizes differ', first=wrong_sizes[:5])
    total, mismatches = get_all(s3, bucket, keys, expected)
    seconds = time.monotonic() - started
    check(not mismatches, f'{len(mismatches)} of {len(keys)} objects came back with other bytes', first=mismatches[:5])
    return {'objects': len(keys), 'bytes': total, 'pages': pages, 'list_seconds': round(list_seconds, 3),
            'seconds': round(seconds, 3)}


def case_models():
    """A model repository read the way Triton's S3 repository agent does it: discover the models, then read them."""
    s3 = client()
    bucket = os.environ['MOUNT_BUCKET']
    prefix = os.environ['MOUNT_PREFIX']  # "models/"
    expected = manifest()
    names = sorted({k[len(prefix):].split('/')[0] for k in expected})
    checks = Checks()

    def recursive():
        # Small pages, so the paginator's continuation tokens are used too.
        listed, pages = list_all(s3, bucket, prefix, page_size=2)
        check_eq([k for k, _, _ in listed], utf8_sorted(expected), 'keys of the recursive listing')
        check_eq({k: s for k, s, _ in listed}, {k: v[0] for k, v in expected.items()}, 'sizes of the recursive listing')
        check_eq({k: e for k, _, e in listed}, {k: v[2] for k, v in expected.items()}, 'ETags (the upstream ones)')
        check(pages >= 3, f'expected several pages, got {pages}')
        return {'keys': len(listed), 'pages': pages}

    def by_delimiter():
        r = s3.list_objects_v2(Bucket=bucket, Prefix=prefix, Delimiter='/')
        check_eq([p['Prefix'] for p in r.get('CommonPrefixes', [])], [f'{prefix}{n}/' for n in names], 'CommonPrefixes (the model names)')
        check_eq(r.get('Contents', []), [], 'Contents of the delimiter listing')
        check_eq(r['KeyCount'], len(names), 'KeyCount')
        return [p['Prefix'] for p in r['CommonPrefixes']]

    def per_model():
        # Triton then lists each model's directory: its config and its version directories.
        out = {}
        for n in names:
            r = s3.list_objects_v2(Bucket=bucket, Prefix=f'{prefix}{n}/', Delimiter='/')
            files = [c['Key'] for c in r.get('Contents', [])]
            dirs = [p['Prefix'] for p in r.get('CommonPrefixes', [])]
            check_eq(files, [f'{prefix}{n}/config.pbtxt'], f'files of {n}')
            check_eq(dirs, [f'{prefix}{n}/1/'], f'version directories of {n}')
            out[n] = dirs
        return out

    def heads():
        for key, (size, _, etag) in expected.items():
            h = s3.head_object(Bucket=bucket, Key=key)
            check_eq(h['ContentLength'], size, f'HeadObject size of {key}')
            check_eq(h['ETag'], etag, f'HeadObject ETag of {key}')

    def gets():
        total, mismatches = get_all(s3, bucket, sorted(expected), expected)
        check(not mismatches, f'{len(mismatches)} files came back with other bytes', first=mismatches)
        return {'bytes': total}

    checks.run('recursive_listing', recursive)
    checks.run('delimiter_listing', by_delimiter)
    checks.run('per_model_listing', per_model)
    checks.run('head_every_file', heads)
    checks.run('get_every_file', gets)
    return checks.finish()


if __name__ == '__main__':
    run({'epoch': case_epoch, 'models': case_models})
