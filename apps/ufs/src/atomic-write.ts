import {
  createHasher,
  createMd5,
  decodeBase64Strict,
  type ChecksumAlgorithm,
  type Hasher,
} from '../../../libs/s3-protocol/src/checksums/checksums';
import { contentSha256Mismatch } from '../../../libs/s3-protocol/src/checksums/content-sha256';
import { S3Error } from '../../../libs/s3-protocol/src/errors/s3-errors';
import type { ObjectStat, StagedWrite } from './adapters/ufs-adapter';

/** What the bytes of one write must match before they may become visible. */
export interface WriteExpectations {
  /** -1 when unknown. */
  expectedSize: number;
  /** The 16 raw bytes of Content-MD5, when sent. */
  contentMd5?: Buffer;
  /** Checksums to compute (every algorithm that has or will have an expected value included). */
  algorithms: readonly ChecksumAlgorithm[];
  /** Base64 values known up front (x-amz-checksum-* headers). */
  expected: Partial<Record<ChecksumAlgorithm, string>>;
  /** x-amz-content-sha256's digest (32 raw bytes), when the client promised one. */
  contentSha256?: Buffer;
}

export interface WriteResult<S extends ObjectStat = ObjectStat> {
  size: number;
  md5Hex: string;
  /** Computed, algorithm -> base64. */
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
  version: string;
  lastModifiedMs: number;
  /** What the staged write's commit returned (a staged part's location, for one). */
  committed: S;
}

/**
 * Streams `chunks` into a staged write while computing MD5 and the requested checksums, then commits only when the
 * size and every digest match. Any failure — a check, the source erroring (a cancelled call), the storage — aborts
 * the staged write, so nothing becomes visible. `lateExpected` supplies values that arrive after the body (an
 * aws-chunked trailer). Backpressure is the caller's loop: the next chunk is pulled only after this one is written.
 */
export async function writeAtomically<S extends ObjectStat>(
  staged: StagedWrite<S>,
  chunks: AsyncIterable<Buffer>,
  expectations: WriteExpectations,
  lateExpected: () => Partial<Record<ChecksumAlgorithm, string>> = () => ({}),
  /** The caller went away: never commit after this fires. */
  signal?: AbortSignal,
): Promise<WriteResult<S>> {
  const md5 = createMd5();
  const hashers = new Map<ChecksumAlgorithm, Hasher>(expectations.algorithms.map((alg) => [alg, createHasher(alg)]));
  // The payload hash shares the SHA256 checksum's hasher when one is asked for: one pass over the bytes, not two.
  const extraSha256 = expectations.contentSha256 && !hashers.has('SHA256') ? createHasher('SHA256') : undefined;
  let size = 0;
  const depth = Math.max(1, staged.writeDepth ?? 1);
  const writing: Promise<void>[] = [];
  try {
    for await (const chunk of chunks) {
      if (signal?.aborted) throw new Error('write abandoned by its caller');
      size += chunk.length;
      if (expectations.expectedSize >= 0 && size > expectations.expectedSize) {
        throw new S3Error('IncompleteBody', `The body is longer than the ${expectations.expectedSize} bytes declared.`);
      }
      // The write runs on the thread pool while this thread hashes the same bytes (and, when the staged write allows
      // it, while the next chunks arrive: a durable write waits on the disk, and one at a time left the stream idle).
      const write = staged.write(chunk);
      write.catch(() => undefined);
      writing.push(write);
      md5.update(chunk);
      for (const h of hashers.values()) h.update(chunk);
      extraSha256?.update(chunk);
      if (writing.length >= depth) await writing.shift();
    }
    while (writing.length) await writing.shift();
    if (expectations.expectedSize >= 0 && size !== expectations.expectedSize) throw new S3Error('IncompleteBody');
    const raw = new Map<ChecksumAlgorithm, Buffer>();
    for (const [alg, h] of hashers) raw.set(alg, h.digest());
    // The payload hash first: S3 checks it (part of authenticating the request) before Content-MD5 and checksums.
    if (expectations.contentSha256) {
      const computed = extraSha256 ? extraSha256.digest() : raw.get('SHA256')!;
      if (!expectations.contentSha256.equals(computed)) {
        throw contentSha256Mismatch(expectations.contentSha256.toString('hex'), computed.toString('hex'));
      }
    }
    const md5Digest = md5.digest();
    if (expectations.contentMd5 && !expectations.contentMd5.equals(md5Digest)) {
      throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [alg, digest] of raw) checksums[alg] = digest.toString('base64');
    const expected = { ...expectations.expected, ...lateExpected() };
    for (const [alg, value] of Object.entries(expected) as Array<[ChecksumAlgorithm, string | undefined]>) {
      if (value === undefined) continue;
      const digest = raw.get(alg);
      if (!digest) throw new S3Error('InvalidRequest', `The ${alg} checksum was not declared before the body.`);
      const want = decodeBase64Strict(value.trim());
      if (!want || !want.equals(digest)) {
        throw new S3Error('BadDigest', `The ${alg} you specified did not match the calculated checksum.`);
      }
    }
    if (signal?.aborted) throw new Error('write abandoned by its caller');
    const st = await staged.commit(signal);
    return { size, md5Hex: md5Digest.toString('hex'), checksums, version: st.version, lastModifiedMs: st.lastModifiedMs, committed: st };
  } catch (err) {
    await Promise.allSettled(writing); // no write still running into what abort drops
    await staged.abort().catch(() => undefined);
    throw err;
  }
}
