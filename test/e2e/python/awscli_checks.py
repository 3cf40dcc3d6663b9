"""The AWS CLI (v1, `aws`) against a Silt endpoint: `aws s3` high-level commands and `aws s3api`.

Usage: python3 awscli_checks.py <case> [endpoint]   (see common.py for the output contract)
The CLI runs as a subprocess with the environment of this script (credentials, region, no config files).
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid

from common import CheckFailed, Checks, check, check_eq, endpoint, md5_hex, run

MIB = 1024 * 1024


def aws(*args, check_rc=True, timeout=90):
    cmd = ['aws', '--endpoint-url', endpoint(), *args]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=os.environ)
    proc.elapsed = round(time.monotonic() - started, 2)
    if check_rc and proc.returncode != 0:
        raise CheckFailed(f'`aws {" ".join(args)}` exited {proc.returncode}',
                          {'stdout': proc.stdout[-3000:], 'stderr': proc.stderr[-3000:]})
    return proc


def lines_starting(text, word):
    return [line for line in text.splitlines() if line.startswith(word)]


def ls_entries(text):
    """`aws s3 ls` object lines: (size, key); `PRE x/` lines: ('PRE', 'x/')."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith('PRE '):
            out.append(('PRE', stripped[4:]))
        elif stripped:
            parts = line.split(None, 3)
            check(len(parts) == 4, f'unexpected ls line: {line!r}')
            out.append((int(parts[2]), parts[3]))
    return out


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def tree(root):
    files = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            full = os.path.join(dirpath, n)
            files[os.path.relpath(full, root).replace(os.sep, '/')] = read(full)
    return files


def case_s3_commands():
    tmp = tempfile.mkdtemp(prefix='silt-awscli-')
    bucket = f'cli-{uuid.uuid4().hex[:10]}'
    c = Checks()
    try:
        def mb():
            proc = aws('s3', 'mb', f's3://{bucket}')
            check(f'make_bucket: {bucket}' in proc.stdout, 'no make_bucket line', stdout=proc.stdout)
            proc = aws('s3', 'ls')
            check(any(line.endswith(f' {bucket}') for line in proc.stdout.splitlines()),
                  'bucket missing from `aws s3 ls`', stdout=proc.stdout)
        c.run('s3_mb_and_ls_buckets', mb)

        five = os.urandom(5 * MIB)
        write(os.path.join(tmp, 'five.bin'), five)

        def cp_up():
            proc = aws('s3', 'cp', os.path.join(tmp, 'five.bin'), f's3://{bucket}/files/five.bin', '--no-progress')
            check(lines_starting(proc.stdout, 'upload:'), 'no upload: line', stdout=proc.stdout)
            return {'seconds': proc.elapsed}
        c.run('s3_cp_upload_5mib', cp_up)

        def cp_down():
            dst = os.path.join(tmp, 'five.down.bin')
            proc = aws('s3', 'cp', f's3://{bucket}/files/five.bin', dst, '--no-progress')
            check(lines_starting(proc.stdout, 'download:'), 'no download: line', stdout=proc.stdout)
            got = read(dst)
            check_eq(len(got), len(five), 'downloaded length')
            check(got == five, 'downloaded bytes differ')
            return {'seconds': proc.elapsed}
        c.run('s3_cp_download_byte_exact', cp_down)

        def ls_bucket_and_prefix():
            entries = ls_entries(aws('s3', 'ls', f's3://{bucket}/').stdout)
            check_eq(entries, [('PRE', 'files/')], '`aws s3 ls s3://bucket/`')
            entries = ls_entries(aws('s3', 'ls', f's3://{bucket}/files/').stdout)
            check_eq(entries, [(5 * MIB, 'five.bin')], '`aws s3 ls s3://bucket/files/`')
        c.run('s3_ls_bucket_and_prefix', ls_bucket_and_prefix)

        # A local tree of 50 files in nested directories, mtimes an hour back (S3's LastModified is whole seconds:
        # a file written within the second of its upload would otherwise look newer and be re-sent, on S3 too).
        src = os.path.join(tmp, 'src')
        local = {}
        for i in range(50):
            rel = (f'root-{i}.txt' if i < 5 else
                   f'd{i % 4}/sub {i % 3}/file-{i}.dat' if i < 40 else f'd{i % 4}/deeper/x/y/é-{i}.bin')
            local[rel] = os.urandom(100 + i * 37)
            write(os.path.join(src, rel), local[rel])
        old = time.time() - 3600
        for rel in local:
            os.utime(os.path.join(src, rel), (old, old))

        def sync_up():
            proc = aws('s3', 'sync', src, f's3://{bucket}/tree/', '--no-progress')
            uploads = lines_starting(proc.stdout, 'upload:')
            check_eq(len(uploads), 50, 'upload: lines of the first sync')
            return {'seconds': proc.elapsed}
        c.run('s3_sync_up_50_files', sync_up)

        def ls_recursive():
            entries = ls_entries(aws('s3', 'ls', f's3://{bucket}/tree/', '--recursive').stdout)
            expected = sorted((len(v), f'tree/{k}') for k, v in local.items())
            check_eq(sorted(entries), expected, '`aws s3 ls --recursive` (size, key)')
            return {'objects': len(entries)}
        c.run('s3_ls_recursive', ls_recursive)

        def sync_noop():
            proc = aws('s3', 'sync', src, f's3://{bucket}/tree/', '--no-progress')
            check_eq(lines_starting(proc.stdout, 'upload:'), [], 'uploads of an unchanged sync')
        c.run('s3_sync_unchanged_uploads_nothing', sync_noop)

        def sync_changed():
            rel = 'd1/sub 2/file-5.dat'
            check(rel in local, 'test setup: file to modify missing')
            local[rel] = b'modified contents, a different size ' + os.urandom(500)
            write(os.path.join(src, rel), local[rel])
            proc = aws('s3', 'sync', src, f's3://{bucket}/tree/', '--no-progress')
            uploads = lines_starting(proc.stdout, 'upload:')
            check_eq(len(uploads), 1, 'upload: lines after modifying one file')
            check(uploads[0].endswith(f's3://{bucket}/tree/{rel}'), 'wrong file uploaded', line=uploads[0])
            return {'line': uploads[0]}
        c.run('s3_sync_only_modified_file', sync_changed)

        def sync_down():
            dst = os.path.join(tmp, 'dst')
            proc = aws('s3', 'sync', f's3://{bucket}/tree/', dst, '--no-progress')
            check_eq(len(lines_starting(proc.stdout, 'download:')), 50, 'download: lines')
            got = tree(dst)
            check_eq(sorted(got), sorted(local), 'downloaded file names')
            differing = [k for k in local if got.get(k) != local[k]]
            check_eq(differing, [], 'files whose bytes differ')
        c.run('s3_sync_down_and_diff', sync_down)

        def s3api():
            body = json.dumps({'hello': 'silt', 'n': list(range(100))}).encode()
            write(os.path.join(tmp, 'obj.json'), body)
            put = json.loads(aws('s3api', 'put-object', '--bucket', bucket, '--key', 'api/obj.json', '--body',
                                 os.path.join(tmp, 'obj.json'), '--content-type', 'application/json', '--metadata',
                                 'team=silt,env=e2e', '--output', 'json').stdout)
            check_eq(put.get('ETag'), f'"{md5_hex(body)}"', 'put-object ETag')
            head = json.loads(aws('s3api', 'head-object', '--bucket', bucket, '--key', 'api/obj.json',
                                  '--output', 'json').stdout)
            check_eq(head.get('ContentLength'), len(body), 'head-object ContentLength')
            check_eq(head.get('ContentType'), 'application/json', 'head-object ContentType')
            check_eq(head.get('Metadata'), {'team': 'silt', 'env': 'e2e'}, 'head-object Metadata')
            check_eq(head.get('ETag'), put.get('ETag'), 'head-object ETag')
            out = os.path.join(tmp, 'obj.down.json')
            got = json.loads(aws('s3api', 'get-object', '--bucket', bucket, '--key', 'api/obj.json', out,
                                 '--output', 'json').stdout)
            check_eq(got.get('ContentLength'), len(body), 'get-object ContentLength')
            check_eq(got.get('Metadata'), {'team': 'silt', 'env': 'e2e'}, 'get-object Metadata')
            check(read(out) == body, 'get-object bytes differ')
            listed = json.loads(aws('s3api', 'list-objects-v2', '--bucket', bucket, '--prefix', 'api/',
                                    '--output', 'json').stdout)
            contents = listed.get('Contents', [])
            check_eq([(o['Key'], o['Size'], o.get('ETag')) for o in contents],
                     [('api/obj.json', len(body), put.get('ETag'))], 'list-objects-v2 Contents')
            everything = json.loads(aws('s3api', 'list-objects-v2', '--bucket', bucket, '--page-size', '20',
                                        '--output', 'json').stdout)
            check_eq(len(everything.get('Contents', [])), 52, 'list-objects-v2 --page-size 20 (auto-paginated)')
            return {'put': put, 'head_keys': sorted(head)}
        c.run('s3api_put_head_get_list_json', s3api)

        def rb_non_empty():
            proc = aws('s3', 'rb', f's3://{bucket}', check_rc=False)
            check(proc.returncode != 0, '`aws s3 rb` of a non-empty bucket succeeded')
            check('BucketNotEmpty' in proc.stderr, 'no BucketNotEmpty in the error', stderr=proc.stderr)
        c.run('s3_rb_non_empty_fails', rb_non_empty)

        def rm_recursive():
            proc = aws('s3', 'rm', f's3://{bucket}/', '--recursive')
            check_eq(len(lines_starting(proc.stdout, 'delete:')), 52, 'delete: lines')
            proc = aws('s3', 'ls', f's3://{bucket}/', '--recursive', check_rc=False)
            check_eq(proc.stdout.strip(), '', 'listing after rm --recursive')
        c.run('s3_rm_recursive', rm_recursive)

        def rb():
            proc = aws('s3', 'rb', f's3://{bucket}')
            check(f'remove_bucket: {bucket}' in proc.stdout, 'no remove_bucket line', stdout=proc.stdout)
            proc = aws('s3', 'ls')
            check(not any(line.endswith(f' {bucket}') for line in proc.stdout.splitlines()),
                  'bucket still listed after rb', stdout=proc.stdout)
        c.run('s3_rb', rb)
        return c.finish()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    run({'s3_commands': case_s3_commands})
