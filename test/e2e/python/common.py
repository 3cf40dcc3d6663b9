"""Shared helpers for the Silt end-to-end checks driven by real Python clients.

Every script is called as `python3 <script> <case> [endpoint]` (the endpoint may also come from SILT_ENDPOINT).
A case is a function returning a JSON-serialisable dict. On success the script prints one JSON line
`{"ok": true, "case": ..., "result": {...}}` and exits 0; on failure it prints `{"ok": false, "case": ...,
"error": "...", "details": {...}}` (with the failing request's status, error code and headers when a client
error caused it) and exits 1.
"""

import base64
import hashlib
import json
import os
import sys
import time
import traceback
import zlib


# The clients' environment when a script is run by hand (the spec sets the same values explicitly).
for _name, _value in (('AWS_ACCESS_KEY_ID', 'testuser'), ('AWS_SECRET_ACCESS_KEY', 'secret'),
                      ('AWS_DEFAULT_REGION', 'us-east-1'), ('AWS_EC2_METADATA_DISABLED', 'true'),
                      ('AWS_CONFIG_FILE', '/nonexistent/silt-e2e/aws-config'),
                      ('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/silt-e2e/aws-credentials')):
    os.environ.setdefault(_name, _value)


class CheckFailed(Exception):
    def __init__(self, message, details=None):
        super().__init__(message)
        self.details = details or {}


def check(cond, message, **details):
    if not cond:
        raise CheckFailed(message, details)


def check_eq(actual, expected, message):
    if actual != expected:
        raise CheckFailed(f'{message}: expected {expected!r}, got {actual!r}',
                          {'expected': _jsonable(expected), 'actual': _jsonable(actual)})


def endpoint():
    if len(sys.argv) > 2 and sys.argv[2]:
        return sys.argv[2]
    ep = os.environ.get('SILT_ENDPOINT')
    if not ep:
        raise SystemExit('no endpoint: pass it as the second argument or set SILT_ENDPOINT')
    return ep


def md5_hex(data):
    return hashlib.md5(data).hexdigest()


def crc32_b64(data):
    return base64.b64encode((zlib.crc32(data) & 0xFFFFFFFF).to_bytes(4, 'big')).decode()


def utf8_sorted(keys):
    """S3 lists keys in UTF-8 byte order (not Python's code-point order, not UTF-16 order)."""
    return sorted(keys, key=lambda k: k.encode('utf-8'))


def _jsonable(value):
    try:
        json.dumps(value)
        return value
    except TypeError:
        if isinstance(value, (list, tuple)):
            return [_jsonable(v) for v in value]
        if isinstance(value, dict):
            return {str(k): _jsonable(v) for k, v in value.items()}
        return repr(value)


def client_error_details(err):
    """What the server answered, for a botocore ClientError."""
    resp = getattr(err, 'response', None) or {}
    meta = resp.get('ResponseMetadata', {})
    return {
        'operation': getattr(err, 'operation_name', None),
        'status': meta.get('HTTPStatusCode'),
        'error': resp.get('Error'),
        'headers': meta.get('HTTPHeaders'),
    }


class Checks:
    """Runs named sub-checks, keeps going after a failure, and fails at the end with every failed one listed."""

    def __init__(self):
        self.results = {}

    def run(self, name, fn):
        started = time.monotonic()
        try:
            value = fn()
            self.results[name] = {'ok': True} if value is None else {'ok': True, 'value': _jsonable(value)}
            self.results[name]['seconds'] = round(time.monotonic() - started, 2)
        except Exception as err:  # noqa: BLE001
            entry = {'ok': False, 'error': f'{type(err).__name__}: {err}', 'seconds': round(time.monotonic() - started, 2)}
            if getattr(err, 'details', None):
                entry['details'] = _jsonable(err.details)
            try:
                from botocore.exceptions import ClientError
                if isinstance(err, ClientError):
                    entry['response'] = client_error_details(err)
            except ImportError:
                pass
            self.results[name] = entry

    def finish(self):
        failed = [n for n, r in self.results.items() if not r['ok']]
        if failed:
            raise CheckFailed(f'{len(failed)} of {len(self.results)} sub-checks failed: {", ".join(failed)}',
                              {'checks': self.results})
        return {'checks': self.results}

def new_bucket(s3, prefix):
    """A fresh bucket with a unique name."""
    import uuid

    name = f'{prefix}-{uuid.uuid4().hex[:10]}'
    s3.create_bucket(Bucket=name)
    return name


def expect_error(fn, code, status):
    """Runs a boto3 call that must fail with this S3 error code and HTTP status."""
    from botocore.exceptions import ClientError

    try:
        fn()
    except ClientError as err:
        got_code = err.response.get('Error', {}).get('Code')
        got_status = err.response.get('ResponseMetadata', {}).get('HTTPStatusCode')
        if got_code != code or got_status != status:
            raise CheckFailed(f'expected {status} {code}, got {got_status} {got_code}',
                              {'error': err.response.get('Error'),
                               'headers': err.response.get('ResponseMetadata', {}).get('HTTPHeaders')})
        return {'status': got_status, 'code': got_code, 'message': err.response.get('Error', {}).get('Message')}
    raise CheckFailed(f'expected {status} {code}, but the call succeeded')


def run(cases):
    if len(sys.argv) < 2 or sys.argv[1] not in cases:
        print(json.dumps({'ok': False, 'error': f'usage: {sys.argv[0]} <case> [endpoint]; cases: {sorted(cases)}'}))
        sys.exit(2)
    name = sys.argv[1]
    try:
        result = cases[name]()
        print(json.dumps({'ok': True, 'case': name, 'result': _jsonable(result or {})}, default=str))
        sys.exit(0)
    except Exception as err:  # noqa: BLE001 - report everything as JSON
        details = dict(getattr(err, 'details', {}) or {})
        try:
            from botocore.exceptions import ClientError
            if isinstance(err, ClientError):
                details['response'] = client_error_details(err)
        except ImportError:
            pass
        print(json.dumps({
            'ok': False,
            'case': name,
            'error': f'{type(err).__name__}: {err}',
            'details': _jsonable(details),
            'trace': traceback.format_exc(limit=6),
        }, default=str))
        sys.exit(1)
