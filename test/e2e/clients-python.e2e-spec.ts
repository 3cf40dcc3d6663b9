/**
 * Silt driven by real Python clients: boto3 1.43 (default settings, flexible checksums on) and the AWS CLI 1.45.
 *
 * The scripts under test/e2e/python/ do the S3 calls and print one JSON line; each script case runs once (memoised)
 * and every behaviour it checks is its own `it` here, asserting on that sub-check's result. A failing sub-check shows
 * the request's status, error code and headers as the client saw them, plus the gateway's last log lines.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ephemeralLayout, startCluster, type RunningCluster } from '../../libs/runtime/src/cluster-launcher';
import { pythonChecks } from './helpers/python';

/** Bound on one script run; the long cases run in the background from beforeAll. */
const SLOW_CASE_MS = 170_000;

let cluster: RunningCluster;
let dataDir: string;
const logTail: string[] = [];

const clientEnv = () => ({ SILT_ENDPOINT: cluster.endpoint });
const logs = () => logTail;
/** One run per script case, shared by the `it`s that assert on its sub-checks. */
const boto3 = pythonChecks('boto3_checks.py', () => cluster.endpoint, {
  env: clientEnv,
  logs,
  timeoutMs: (name) => (name === 'listing' ? SLOW_CASE_MS : 100_000),
});
const awscli = pythonChecks('awscli_checks.py', () => cluster.endpoint, { env: clientEnv, logs, timeoutMs: SLOW_CASE_MS });

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
  void boto3.runCase('listing');
  void awscli.runCase('s3_commands');
});

afterAll(async () => {
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('boto3', () => {
  describe('buckets', () => {
    it('create_bucket + head_bucket', () => boto3.expectCheck('buckets', 'head_bucket'));
    it('list_buckets shows the bucket and the Owner', () => boto3.expectCheck('buckets', 'list_buckets_owner'));
    it('get_bucket_location', () => boto3.expectCheck('buckets', 'get_bucket_location'));
    it('delete_bucket of an empty bucket, then head_bucket -> 404', () =>
      boto3.expectCheck('buckets', 'delete_bucket_then_head_404'));
  });

  describe('objects', () => {
    it('put_object with metadata + content-type: ETag and CRC32 echoed', () =>
      boto3.expectCheck('objects', 'put_object_etag_checksum'));
    it('get_object is byte-exact with metadata and content-type', () =>
      boto3.expectCheck('objects', 'get_object_byte_exact'));
    it("get_object with ChecksumMode='ENABLED' returns and validates CRC32", () =>
      boto3.expectCheck('objects', 'get_object_checksum_mode_enabled'));
    it('head_object: metadata, ContentLength, ETag == md5', () => boto3.expectCheck('objects', 'head_object'));
    it('ranged get (206, Content-Range, suffix, open-ended, past-end clamp)', () =>
      boto3.expectCheck('objects', 'ranged_get'));
    it('conditional get: IfNoneMatch ETag -> 304, IfMatch other -> 412', () =>
      boto3.expectCheck('objects', 'conditional_get'));
    it('copy_object with the COPY directive', () => boto3.expectCheck('objects', 'copy_object_copy_directive'));
    it('copy_object with the REPLACE directive (also in place)', () =>
      boto3.expectCheck('objects', 'copy_object_replace_directive'));
    it('delete_object (existing and missing -> 204)', () => boto3.expectCheck('objects', 'delete_object'));
    it('delete_objects, Quiet and not, per-key results', () => boto3.expectCheck('objects', 'delete_objects'));
  });

  describe('listing 2,500 keys (non-ASCII, spaces, +, %, XML specials)', { timeout: 180_000 }, () => {
    const L = (check: string) => boto3.expectCheck('listing', check);
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
    it('head_object dir/', () => boto3.expectCheck('folder_object', 'head_folder_object'));
    it('listed in a flat listing', () => boto3.expectCheck('folder_object', 'flat_listing'));
    it('rolled up as a CommonPrefix at the root', () => boto3.expectCheck('folder_object', 'root_delimited'));
    it('listed as Contents under its own prefix', () => boto3.expectCheck('folder_object', 'prefix_delimited'));
    it('deleting dir/ keeps its children', () =>
      boto3.expectCheck('folder_object', 'delete_folder_object_keeps_children'));
  });

  describe('errors', () => {
    const E = (check: string) => boto3.expectCheck('errors', check);
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
    it('upload_fileobj then head_object', () => boto3.expectCheck('transfer', 'head_after_upload_fileobj'));
    it('download_fileobj is byte-exact', () => boto3.expectCheck('transfer', 'download_fileobj_byte_exact'));
  });

  describe('presigned URLs fetched with urllib', () => {
    it('generate_presigned_url default (SigV2 query auth) GET', () =>
      boto3.expectCheck('presign', 'presigned_get_default_sigv2'));
    it("generate_presigned_url with signature_version='s3v4' GET", () =>
      boto3.expectCheck('presign', 'presigned_get_sigv4'));
    it('SigV4 presigned PUT', () => boto3.expectCheck('presign', 'presigned_put_sigv4'));
    it('presigned GET of a missing key -> 404 NoSuchKey body', () =>
      boto3.expectCheck('presign', 'presigned_get_missing_404'));
  });
});

describe('AWS CLI', { timeout: 180_000 }, () => {
  const A = (check: string) => awscli.expectCheck('s3_commands', check);
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
