import type { Readable } from 'node:stream';
import type { UfsLocation } from '../../../../libs/grpc/generated/silt/common/v1/UfsLocation';
import type { ObjectDescription } from '../../../../libs/grpc/generated/silt/ufs/v1/ObjectDescription';
import type { StagingTarget } from '../../../../libs/grpc/generated/silt/ufs/v1/StagingTarget';
import type { WriteObjectResponse__Output } from '../../../../libs/grpc/generated/silt/ufs/v1/WriteObjectResponse';
import {
  checksumHeaderName,
  isChecksumAlgorithm,
  parseContentMd5,
  parseRequestChecksums,
  type ChecksumAlgorithm,
} from '../../../../libs/s3-protocol/src/checksums/checksums';
import { expectedContentSha256 } from '../../../../libs/s3-protocol/src/checksums/content-sha256';
import { AwsChunkedDecoder, awsChunkedMode } from '../../../../libs/s3-protocol/src/chunked/aws-chunked';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { writeObjectFromStream } from '../../../../libs/ufs-client/src/write-stream';
import { uploadIdleGuard } from './body';
import { header, type S3Request } from './s3-request';
import type { GatewayServices } from './services';

export const MAX_PUT_BYTES = 5 * 1024 ** 3;

/**
 * What an object is, for a UFS that keeps it with the bytes (an S3 mount's backend object): the description fields
 * of a record, an upload, or the values a request resolved. Spread into an ObjectRecord, it fills the same fields.
 */
export function describeObject(of: Required<ObjectDescription>): Required<ObjectDescription> {
  return { content_type: of.content_type, user_metadata: of.user_metadata, system_metadata: of.system_metadata, tags: of.tags };
}

/** What a request body promises before it is read: checksums, Content-MD5, size, framing. Validated up front. */
export interface BodyPlan {
  algorithms: ChecksumAlgorithm[];
  expected: Partial<Record<ChecksumAlgorithm, string>>;
  md5?: string;
  /** x-amz-content-sha256 when it is a digest (lower-case hex): the ufs checks it before anything is visible. */
  contentSha256?: string;
  chunked: ReturnType<typeof awsChunkedMode>;
  size: number;
}

/** The size the client promised (decoded length for aws-chunked), -1 when unknown (plain chunked encoding). */
function declaredSize(req: S3Request, chunked: ReturnType<typeof awsChunkedMode>): number {
  const raw = chunked ? header(req, 'x-amz-decoded-content-length') : header(req, 'content-length');
  if (raw === undefined) {
    if (chunked || header(req, 'transfer-encoding') !== undefined) return -1;
    throw new S3Error('MissingContentLength');
  }
  if (!/^\d+$/.test(raw.trim())) throw new S3Error('InvalidArgument', `Invalid length: ${raw}`);
  const n = Number(raw);
  if (n > MAX_PUT_BYTES) throw new S3Error('EntityTooLarge', undefined, { ProposedSize: String(n), MaxSizeAllowed: String(MAX_PUT_BYTES) });
  return n;
}

export function planBody(req: S3Request, extraAlgorithms: readonly ChecksumAlgorithm[] = []): BodyPlan {
  const contentSha256 = expectedContentSha256(req.headers); // InvalidArgument for a value S3 does not accept
  const checks = parseRequestChecksums(req.headers);
  const md5 = header(req, 'content-md5');
  if (md5 !== undefined) parseContentMd5(md5);
  const chunked = awsChunkedMode(req.headers);
  const algorithms = [...new Set([...checks.algorithms, ...extraAlgorithms])];
  return { algorithms, expected: checks.expected, md5, contentSha256, chunked, size: declaredSize(req, chunked) };
}

/** aws-chunked trailer lines `x-amz-checksum-crc32: …` -> `{ CRC32: … }`. */
function trailerChecksums(trailers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(trailers ?? {})) {
    const m = /^x-amz-checksum-([a-z0-9]+)$/.exec(name);
    const alg = m?.[1].toUpperCase();
    if (alg && isChecksumAlgorithm(alg)) out[alg] = value.trim();
  }
  return out;
}

/**
 * Streams the request body (decoding aws-chunked framing) to the ufs, which verifies size, Content-MD5 and checksums
 * before anything becomes visible. A client that goes away mid-body fails the write (IncompleteBody).
 */
export async function streamBodyToUfs(
  s: GatewayServices,
  req: S3Request,
  plan: BodyPlan,
  location: UfsLocation,
  staging?: StagingTarget,
  description?: ObjectDescription,
): Promise<WriteObjectResponse__Output> {
  // A stalled client is RequestTimeout; a vanished one IncompleteBody (pipe() forwards neither, so both by hand).
  const guard = uploadIdleGuard();
  req.body.on('error', (err) => guard.destroy(err));
  req.body.on('aborted', () => guard.destroy(new S3Error('IncompleteBody')));
  let body: Readable = req.body.pipe(guard);
  let decoder: AwsChunkedDecoder | undefined;
  if (plan.chunked) {
    const d = new AwsChunkedDecoder(plan.chunked);
    decoder = d;
    guard.on('error', (err) => d.destroy(err));
    body = guard.pipe(d);
  }
  try {
    return await writeObjectFromStream(
      s.ufsUploads.raw,
      {
        location,
        expected_size: plan.size,
        content_md5: plan.md5 ?? '',
        checksum_algorithms: plan.algorithms,
        expected_checksums: plan.expected as Record<string, string>,
        // Hashed by the ufs as it writes (sharing a SHA256 checksum's pass), checked before its atomic rename.
        expected_content_sha256: plan.contentSha256 ?? '',
        staging,
        description,
      },
      body,
      () => trailerChecksums(decoder?.trailers),
      req.signal,
    );
  } catch (err) {
    throw req.signal.aborted ? new S3Error('IncompleteBody') : err;
  }
}

export function pickChecksums(checksums: Record<string, string> | undefined, algorithms: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const alg of algorithms) if (checksums?.[alg]) out[alg] = checksums[alg];
  return out;
}

export function checksumEchoHeaders(checksums: Record<string, string>, algorithms: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const alg of algorithms) if (checksums[alg] && isChecksumAlgorithm(alg)) out[checksumHeaderName(alg)] = checksums[alg];
  return out;
}
