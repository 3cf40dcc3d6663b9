"""boto3 reading a stream of small objects while the test kills a block-cache worker with SIGKILL.

Usage: python3 failover_checks.py <case> [endpoint]   (see common.py for the output contract)

Protocol with the driving spec (test/e2e/cache-failover.e2e-spec.ts), beside common.py's final JSON line:
- the script prints `SILT-EVENT midway` on stdout (flushed) once MIDWAY GETs have completed, and keeps reading;
- the spec kills a worker and writes `killed` on the script's stdin;
- the script goes on until the planned GETs are done *and* at least AFTER_KILL GETs were started after `killed`
  arrived, so requests run before, during and after the kill (and while the dead worker is still on the ring).
Every GET is byte-checked against the MD5 of what was PUT; boto3 retries are off, so any failed request counts.
"""

import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

from common import Checks, check, check_eq, endpoint, md5_hex, new_bucket, run

OBJECTS = 200        # distinct keys, 4-64 KiB each; the first read of each is cold (a miss on its owner)
PLANNED_GETS = 300   # the first OBJECTS are those cold reads, then re-reads
MIDWAY = 80          # completed GETs before the spec is asked to kill a worker
AFTER_KILL = 100     # GETs that must start after the kill
THREADS = 4


def client():
    # No retries (a retried failure would hide the very errors this case looks for) and bounded timeouts.
    cfg = Config(retries={'total_max_attempts': 1}, connect_timeout=10, read_timeout=30,
                 max_pool_connections=THREADS * 2)
    return boto3.session.Session().client('s3', endpoint_url=endpoint(), config=cfg)


def case_small_gets_during_kill():
    s3 = client()
    bucket = new_bucket(s3, 'py-failover')
    rng = random.Random(5)
    bodies = {}
    for i in range(OBJECTS):
        size = rng.randint(4 * 1024, 64 * 1024)
        bodies[f'small/{i:03d}'] = rng.randbytes(size)
    keys = list(bodies)
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(lambda k: s3.put_object(Bucket=bucket, Key=k, Body=bodies[k]), keys))
    digests = {k: md5_hex(v) for k, v in bodies.items()}

    order = keys[:]
    rng.shuffle(order)
    plan = order + [rng.choice(keys) for _ in range(PLANNED_GETS - OBJECTS)]

    lock = threading.Lock()
    state = {'next': 0, 'done': 0, 'midway_sent': False, 'kill_at_start': None, 'after_kill': 0,
             'cold_after_kill': 0}
    killed = threading.Event()
    errors = []
    mismatches = []
    latencies = []

    def listen():
        for line in sys.stdin:
            if line.strip() == 'killed':
                with lock:
                    state['kill_at_start'] = state['next']
                killed.set()
                return
    threading.Thread(target=listen, daemon=True).start()

    def take():
        """The next key to GET, or None when the stream is over."""
        deadline = time.monotonic() + 60
        while True:
            with lock:
                i = state['next']
                if i < len(plan) or (killed.is_set() and state['after_kill'] < AFTER_KILL):
                    state['next'] += 1
                    if killed.is_set():
                        state['after_kill'] += 1
                        if i < OBJECTS:
                            state['cold_after_kill'] += 1
                    return plan[i] if i < len(plan) else rng.choice(keys)
                if killed.is_set():
                    return None
            # Planned GETs done before the kill arrived: wait for it (bounded), then do the post-kill GETs.
            if time.monotonic() > deadline:
                return None
            killed.wait(0.05)

    def loop():
        while True:
            key = take()
            if key is None:
                return
            started = time.monotonic()
            try:
                body = s3.get_object(Bucket=bucket, Key=key)['Body'].read()
                if md5_hex(body) != digests[key]:
                    mismatches.append({'key': key, 'size': len(body), 'expected_size': len(bodies[key])})
            except Exception as err:  # noqa: BLE001 - every failure is what this case counts
                errors.append({'key': key, 'error': f'{type(err).__name__}: {err}'[:500]})
            latencies.append(time.monotonic() - started)
            with lock:
                state['done'] += 1
                if state['done'] >= MIDWAY and not state['midway_sent']:
                    state['midway_sent'] = True
                    print('SILT-EVENT midway', flush=True)

    started = time.monotonic()
    threads = [threading.Thread(target=loop) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    c = Checks()
    c.run('kill_signal_arrived', lambda: check(killed.is_set(), 'the spec never said killed', state=dict(state)))
    c.run('gets_after_kill', lambda: (check(state['after_kill'] >= AFTER_KILL and state['kill_at_start'] < len(plan),
                                            'too few GETs after the kill', state=dict(state)),
                                      {'killed_at_get': state['kill_at_start'], 'after_kill': state['after_kill'],
                                       'cold_after_kill': state['cold_after_kill']})[1])
    c.run('no_errors', lambda: (check_eq(errors[:5], [], f'{len(errors)} GETs failed'), len(errors))[1])
    c.run('every_byte_right', lambda: (check_eq(mismatches[:5], [], f'{len(mismatches)} GETs had wrong bytes'),
                                       {'gets': state['done'], 'seconds': round(elapsed, 2),
                                        'max_latency_s': round(max(latencies), 3)})[1])
    return c.finish()


if __name__ == '__main__':
    run({'small_gets_during_kill': case_small_gets_during_kill})
