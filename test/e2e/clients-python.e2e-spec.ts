/**
 * Silt driven by real Python clients: boto3 1.43 (default settings, flexible checksums on) and the AWS CLI 1.45.
 *
 * The scripts under test/e2e/python/ do the S3 calls and print one JSON line; each script case runs once (memoised)
 * and every behaviour it checks is its own `it` here, asserting on that sub-check's result. A failing sub-check shows
 * the request's status, error code and headers as the client saw them, plus the gateway's last log lines.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralLayout, startCluster, type RunningCluster } from '../../libs/runtime/src/cluster-launcher';
import { pythonClientEnv } from './helpers/python';

const PY_DIR = resolve(__dirname, 'python');
/** Bound on one script run; the long cases run in the background from beforeAll. */
const SLOW_CASE_MS = 170_000;

let cluster: RunningCluster;
let dataDir: string;
const logTail: string[] = [];

interface CheckResult {
  ok: boolean;
  value?: unknown;
  error?: string;
  details?: unknown;
  response?: unknown;
}
interface ScriptOutput {
  ok: boolean;
  case?: string;
  error?: string;
  details?: { checks?: Record<string, CheckResult> } & Record<string, unknown>;
  result?: { checks?: Record<string, CheckResult> };
  trace?: string;
}
interface ScriptRun {
  output?: ScriptOutput;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function clientEnv(): NodeJS.ProcessEnv {
  return pythonClientEnv({ SILT_ENDPOINT: cluster.endpoint });
}

function runScript(script: string, name: string, timeoutMs: number): Promise<ScriptRun> {
  const started = Date.now();
  return new Promise((done) => {
    execFile(
      'python3',
      [join(PY_DIR, script), name, cluster.endpoint],
      { cwd: PY_DIR, env: clientEnv(), timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const last = stdout.trim().split('\n').pop() ?? '';
        let output: ScriptOutput | undefined;
        try {
          output = JSON.parse(last) as ScriptOutput;
        } catch {
          output = undefined;
        }
        const exitCode = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        const killed = err?.killed ? `\n(killed by ${err.signal} after the ${timeoutMs} ms bound)` : '';
        done({ output, exitCode, stdout, stderr: stderr + killed, ms: Date.now() - started });
      },
    );
  });
}

/** One run per script case, shared by the `it`s that assert on its sub-checks. */
const runs = new Map<string, Promise<ScriptRun>>();
function scriptCase(script: string, name: string, timeoutMs = 100_000): Promise<ScriptRun> {
  const id = `${script}:${name}`;
  if (!runs.has(id)) runs.set(id, runScript(script, name, timeoutMs));
  return runs.get(id)!;
}

function explain(run: ScriptRun, what: string, extra?: unknown): string {
  return [
    what,
    extra === undefined ? '' : JSON.stringify(extra, null, 2),
    run.output ? '' : `script exit ${run.exitCode} after ${run.ms} ms, stdout:\n${run.stdout.slice(-4000)}`,
    run.stderr ? `stderr:\n${run.stderr.slice(-3000)}` : '',
    run.output?.trace ? `trace:\n${run.output.trace}` : '',
    `gateway log tail:\n${logTail.slice(-15).join('\n')}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Asserts that sub-check `check` of a script case passed. */
async function expectCheck(script: string, name: string, check: string): Promise<unknown> {
  const run = await scriptCase(script, name);
  if (!run.output) throw new Error(explain(run, `${script} ${name} printed no JSON result`));
  const checks = run.output.result?.checks ?? run.output.details?.checks;
  if (!checks) throw new Error(explain(run, `${script} ${name} failed before its checks: ${run.output.error}`));
  const result = checks[check];
  if (!result) throw new Error(explain(run, `${script} ${name} has no sub-check ${check}`, Object.keys(checks)));
  if (!result.ok) throw new Error(explain(run, `${check}: ${result.error}`, result));
  expect(result.ok).toBe(true);
  return result.value;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'silt-e2e-py-'));
  const layout = await ephemeralLayout(join(dataDir, 'cluster'));
  try {
    cluster = await startCluster(resolve('dist'), layout, (service, line) => {
      logTail.push(`[${service}] ${line.length > 600 ? `${line.slice(0, 600)}…` : line}`);
      if (logTail.length > 400) logTail.splice(0, logTail.length - 400);
    });
  } catch (err) {
    throw new Error(`the cluster did not start: ${(err as Error).message}\n${logTail.slice(-20).join('\n')}`);
  }
  // The two long cases (2,500 PUTs; ~20 CLI processes) start now and run beside the short ones.
  void scriptCase('boto3_checks.py', 'listing', SLOW_CASE_MS);
  void scriptCase('awscli_checks.py', 's3_commands', SLOW_CASE_MS);
});

afterAll(async () => {
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('boto3', () => {
  const B = 'boto3_checks.py';
  describe('buckets', () => {
    it('create_bucket + head_bucket', () => expectCheck(B, 'buckets', 'head_bucket'));
    it('list_buckets shows the bucket and the Owner', () => expectCheck(B, 'buckets', 'list_buckets_owner'));
    it('get_bucket_location', () => expectCheck(B, 'buckets', 'get_bucket_location'));
    it('delete_bucket of an empty bucket, then head_bucket -> 404', () =>
      expectCheck(B, 'buckets', 'delete_bucket_then_head_404'));
  });

  describe('objects', () => {
    it('put_object with metadata + content-type: ETag and CRC32 echoed', () =>
      expectCheck(B, 'objects', 'put_object_etag_checksum'));
    it('get_object is byte-exact with metadata and content-type', () =>
      expectCheck(B, 'objects', 'get_object_byte_exact'));
    it("get_object with ChecksumMode='ENABLED' returns and validates CRC32", () =>
      expectCheck(B, 'objects', 'get_object_checksum_mode_enabled'));
    it('head_object: metadata, ContentLength, ETag == md5', () => expectCheck(B, 'objects', 'head_object'));
    it('ranged get (206, Content-Range, suffix, open-ended, past-end clamp)', () =>
      expectCheck(B, 'objects', 'ranged_get'));
    it('conditional get: IfNoneMatch ETag -> 304, IfMatch other -> 412', () =>
      expectCheck(B, 'objects', 'conditional_get'));
    it('copy_object with the COPY directive', () => expectCheck(B, 'objects', 'copy_object_copy_directive'));
    it('copy_object with the REPLACE directive (also in place)', () =>
      expectCheck(B, 'objects', 'copy_object_replace_directive'));
    it('delete_object (existing and missing -> 204)', () => expectCheck(B, 'objects', 'delete_object'));
    it('delete_objects, Quiet and not, per-key results', () => expectCheck(B, 'objects', 'delete_objects'));
  });

  describe('listing 2,500 keys (non-ASCII, spaces, +, %, XML specials)', { timeout: 180_000 }, () => {
    const L = (check: string) => expectCheck(B, 'listing', check);
    it('list_objects_v2 paginator: every key in UTF-8 byte order, ETag/Size/StorageClass', () =>
      L('v2_paginator_all_keys_utf8_order'));
    it('list_objects_v2 paginator with PageSize 317', () => L('v2_paginator_page_size_317'));
    it('list_objects (v1) paginator', () => L('v1_paginator_all_keys'));
    it('Prefix: UTF-8 order differs from UTF-16 order', () => L('v2_prefix_utf8_vs_utf16_order'));
    it('v2 Delimiter / at the root, pages of 7', () => L('v2_delimiter_root_pages_of_7'));
    it('v1 Delimiter / at the root, pages of 7 (NextMarker)', () => L('v1_delimiter_root_pages_of_7'));
    it('v2 Prefix + Delimiter', () => L('v2_prefix_and_delimiter'));
    it('v2 Prefix with a double slash', () => L('v2_double_slash_prefix'));
    it('v2 Delimiter +', () => L('v2_delimiter_plus'));
    it('v1 multi-character non-ASCII Delimiter', () => L('v1_delimiter_multichar'));
    it('StartAfter (existing and non-existing key)', () => L('v2_start_after'));
    it('v1 Marker', () => L('v1_marker'));
    it('MaxKeys and a manual ContinuationToken loop', () => L('v2_max_keys_and_continuation_token'));
    it('explicit EncodingType=url: keys come back encoded', () => L('explicit_encoding_type_url'));
  });

  describe('folder object dir/', () => {
    it('head_object dir/', () => expectCheck(B, 'folder_object', 'head_folder_object'));
    it('listed in a flat listing', () => expectCheck(B, 'folder_object', 'flat_listing'));
    it('rolled up as a CommonPrefix at the root', () => expectCheck(B, 'folder_object', 'root_delimited'));
    it('listed as Contents under its own prefix', () => expectCheck(B, 'folder_object', 'prefix_delimited'));
    it('deleting dir/ keeps its children', () =>
      expectCheck(B, 'folder_object', 'delete_folder_object_keeps_children'));
  });

  describe('errors', () => {
    const E = (check: string) => expectCheck(B, 'errors', check);
    it('NoSuchKey (404) on GET', () => E('get_missing_key_NoSuchKey'));
    it('404 on HEAD of a missing key', () => E('head_missing_key_404'));
    it('NoSuchBucket on GET object', () => E('get_object_missing_bucket_NoSuchBucket'));
    it('NoSuchBucket on list', () => E('list_missing_bucket_NoSuchBucket'));
    it('NoSuchBucket on put', () => E('put_missing_bucket_NoSuchBucket'));
    it('404 on head_bucket of a missing bucket', () => E('head_missing_bucket_404'));
    it('NoSuchBucket on delete_bucket', () => E('delete_missing_bucket_NoSuchBucket'));
    it('BucketNotEmpty (409)', () => E('delete_non_empty_BucketNotEmpty'));
    for (const name of ['ab', 'Upper-Case-Bucket', 'under_score', 'a'.repeat(64), '-leading-dash', 'double..dot']) {
      it(`InvalidBucketName (400): ${name.slice(0, 16)}`, () =>
        E(`create_bucket_InvalidBucketName[${name.slice(0, 16)}]`));
    }
    it('InvalidRange (416) past the end', () => E('range_past_end_InvalidRange'));
    it('an unparseable Range returns the whole object', () => E('unparseable_range_whole_object'));
    it('error bodies carry a Message and a RequestId', () => E('error_body_message_and_request_id'));
  });

  describe('managed transfers (7 MiB, single part)', () => {
    it('upload_fileobj then head_object', () => expectCheck(B, 'transfer', 'head_after_upload_fileobj'));
    it('download_fileobj is byte-exact', () => expectCheck(B, 'transfer', 'download_fileobj_byte_exact'));
  });

  describe('presigned URLs fetched with urllib', () => {
    it('generate_presigned_url default (SigV2 query auth) GET', () =>
      expectCheck(B, 'presign', 'presigned_get_default_sigv2'));
    it("generate_presigned_url with signature_version='s3v4' GET", () =>
      expectCheck(B, 'presign', 'presigned_get_sigv4'));
    it('SigV4 presigned PUT', () => expectCheck(B, 'presign', 'presigned_put_sigv4'));
    it('presigned GET of a missing key -> 404 NoSuchKey body', () =>
      expectCheck(B, 'presign', 'presigned_get_missing_404'));
  });
});

describe('AWS CLI', { timeout: 180_000 }, () => {
  const A = (check: string) => expectCheck('awscli_checks.py', 's3_commands', check);
  it('aws s3 mb (and the bucket in aws s3 ls)', () => A('s3_mb_and_ls_buckets'));
  it('aws s3 cp up (5 MiB, single part)', () => A('s3_cp_upload_5mib'));
  it('aws s3 cp down, byte-exact', () => A('s3_cp_download_byte_exact'));
  it('aws s3 ls of a bucket and a prefix', () => A('s3_ls_bucket_and_prefix'));
  it('aws s3 sync up of 50 files in nested dirs', () => A('s3_sync_up_50_files'));
  it('aws s3 ls --recursive', () => A('s3_ls_recursive'));
  it('aws s3 sync again with nothing changed uploads nothing', () => A('s3_sync_unchanged_uploads_nothing'));
  it('aws s3 sync after modifying one file uploads only it', () => A('s3_sync_only_modified_file'));
  it('aws s3 sync down into another dir, identical', () => A('s3_sync_down_and_diff'));
  it('aws s3api put-object / head-object / get-object / list-objects-v2 --output json', () =>
    A('s3api_put_head_get_list_json'));
  it('aws s3 rb of a non-empty bucket fails with BucketNotEmpty', () => A('s3_rb_non_empty_fails'));
  it('aws s3 rm --recursive', () => A('s3_rm_recursive'));
  it('aws s3 rb', () => A('s3_rb'));
});
