"""boto3 reading and writing without pause while the spec SIGKILLs one Silt process after another under `npm start`.

Usage: python3 supervision_workload.py mixed [endpoint]   (see common.py for the output contract)

Protocol with the driving spec (test/e2e/npm-start-supervision.e2e-spec.ts), beside common.py's final JSON line:
- `SILT-EVENT bucket <name>` once the bucket and the seed objects are written;
- `SILT-EVENT ok <n>` every PROGRESS completed operations (n = operations completed so far);
- the workload stops when the spec writes `stop` on stdin (or after DEADLINE_S, so it always ends by itself), then
  reads back every acknowledged write and checks its bytes.
boto3's standard retries are on (a killed process is expected to cost retries, not errors): the retries are counted
(ResponseMetadata.RetryAttempts), and an operation that still fails after them is a failure.
"""

import random
import sys
import threading
import time

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from common import CheckFailed, client_error_details, endpoint, md5_hex, run

THREADS = 3
SEED = 20            # objects written before the kills start
PUT_SHARE = 0.3      # the rest of the operations are GETs of acknowledged keys
PROGRESS = 10
DEADLINE_S = 150     # the spec stops the workload long before; this only bounds a run whose spec went away


def client():
    cfg = Config(retries={'mode': 'standard', 'max_attempts': 12}, connect_timeout=5, read_timeout=20,
                 max_pool_connections=THREADS * 2)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)


def event(text):
    sys.stdout.write(f'SILT-EVENT {text}\n')
    sys.stdout.flush()


def case_mixed():
    s3 = client()
    bucket = f'supervision-{random.randrange(16 ** 8):08x}'
    s3.create_bucket(Bucket=bucket)
    lock = threading.Lock()
    acked = {}  # key -> md5 of what a PUT that succeeded wrote
    stats = {'gets': 0, 'puts': 0, 'ops': 0, 'retries': 0, 'retried_ops': 0, 'max_retries': 0}
    failures = []
    mismatches = []
    rng = random.Random(7)

    def note(meta):
        n = meta.get('RetryAttempts', 0)
        with lock:
            stats['retries'] += n
            stats['retried_ops'] += 1 if n else 0
            stats['max_retries'] = max(stats['max_retries'], n)

    def put(c, key, body):
        r = c.put_object(Bucket=bucket, Key=key, Body=body)
        note(r['ResponseMetadata'])
        with lock:
            acked[key] = md5_hex(body)
            stats['puts'] += 1

    for i in range(SEED):
        put(s3, f'seed/{i:03d}', rng.randbytes(rng.randint(1024, 64 * 1024)))
    event(f'bucket {bucket}')

    stop = threading.Event()
    deadline = time.monotonic() + DEADLINE_S

    def worker(n):
        c = client()
        r = random.Random(100 + n)
        i = 0
        while not stop.is_set() and time.monotonic() < deadline:
            i += 1
            with lock:
                keys = list(acked)
            writing = r.random() < PUT_SHARE
            key = f'w{n}/{i:05d}' if writing else r.choice(keys)
            try:
                if writing:
                    put(c, key, r.randbytes(r.randint(1024, 256 * 1024)))
                else:
                    resp = c.get_object(Bucket=bucket, Key=key)
                    body = resp['Body'].read()
                    note(resp['ResponseMetadata'])
                    with lock:
                        stats['gets'] += 1
                        if md5_hex(body) != acked[key]:
                            mismatches.append(key)
            except (ClientError, BotoCoreError) as err:
                with lock:
                    failures.append({'op': 'put' if writing else 'get', 'key': key, 'at': time.time(),
                                     'error': f'{type(err).__name__}: {err}',
                                     'response': client_error_details(err) if isinstance(err, ClientError) else None})
            with lock:
                stats['ops'] += 1
                if stats['ops'] % PROGRESS == 0:
                    event(f"ok {stats['ops'] - len(failures)}")

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(THREADS)]
    for t in threads:
        t.start()

    def wait_for_stop():
        for line in sys.stdin:
            if line.strip() == 'stop':
                break
        stop.set()

    threading.Thread(target=wait_for_stop, daemon=True).start()
    while not stop.is_set() and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join(60)

    # Every acknowledged write is readable, byte for byte, after all the kills.
    unreadable = []
    for key, digest in sorted(acked.items()):
        try:
            body = s3.get_object(Bucket=bucket, Key=key)['Body'].read()
            if md5_hex(body) != digest:
                mismatches.append(key)
        except (ClientError, BotoCoreError) as err:
            unreadable.append({'key': key, 'error': f'{type(err).__name__}: {err}'})
    result = {'bucket': bucket, 'acked': len(acked), 'stats': stats, 'failures': failures[:20],
              'failed': len(failures), 'mismatches': mismatches[:20], 'unreadable': unreadable[:20]}
    if failures or mismatches or unreadable:
        raise CheckFailed(f'{len(failures)} failed operations, {len(mismatches)} wrong bodies, '
                          f'{len(unreadable)} acknowledged writes unreadable', result)
    return result


if __name__ == '__main__':
    run({'mixed': case_mixed})
