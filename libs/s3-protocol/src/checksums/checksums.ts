import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32c } from '@node-rs/crc32';
import { S3Error } from '../errors/s3-errors';

// S3's flexible checksums (x-amz-checksum-*), Content-MD5 and ETags. Used by the gateway (headers, aws-chunked
// trailers) and by the UFS service (digests of the bytes it stores), so nothing here touches Nest or gRPC.

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/** Raw digest length in bytes; a header value must be base64 of exactly this many bytes. */
export const CHECKSUM_DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = {
  CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32,
};

export interface Hasher {
  update(buf: Uint8Array): void;
  digest(): Buffer;
}

export function isChecksumAlgorithm(name: unknown): name is ChecksumAlgorithm {
  return typeof name === 'string' && (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

export function checksumHeaderName(alg: ChecksumAlgorithm): string {
  return `x-amz-checksum-${alg.toLowerCase()}`;
}

const u32be = (n: number) => {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
};

class CrcHasher implements Hasher {
  private state = 0;
  constructor(private readonly fn: (buf: Uint8Array, initial: number) => number) {}
  update(buf: Uint8Array): void {
    this.state = this.fn(buf, this.state);
  }
  digest(): Buffer {
    return u32be(this.state);
  }
}

class CryptoHasher implements Hasher {
  private readonly hash: Hash;
  constructor(name: string) {
    this.hash = createHash(name);
  }
  update(buf: Uint8Array): void {
    this.hash.update(buf);
  }
  digest(): Buffer {
    return this.hash.digest();
  }
}

// CRC-64/NVME (normal poly 0xad93d23594c93659, reflected 0x9a6c9329ac4bc9b5, init/xorout all ones), slice-by-8
// over two uint32 halves. Same algorithm as @aws-sdk/crc64-nvme's Crc64NvmeJs (the spec uses it as an oracle), but
// that class only exposes an async digest(), and Hasher.digest() is synchronous so transforms can finish in _flush
// without awaiting.
let crc64Tables: Uint32Array[] | undefined;
function crc64NvmeTables(): Uint32Array[] {
  if (crc64Tables) return crc64Tables;
  const rHi = 0x9a6c9329; // reflected polynomial, high and low halves
  const rLo = 0xac4bc9b5;
  const tables: Uint32Array[] = [];
  const t0 = new Uint32Array(512); // [hi, lo] pairs
  for (let n = 0; n < 256; n++) {
    let hi = 0;
    let lo = n;
    for (let k = 0; k < 8; k++) {
      const lsb = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (lsb) {
        hi = (hi ^ rHi) >>> 0;
        lo = (lo ^ rLo) >>> 0;
      }
    }
    t0[n * 2] = hi;
    t0[n * 2 + 1] = lo;
  }
  tables.push(t0);
  for (let s = 1; s < 8; s++) {
    const prev = tables[s - 1];
    const t = new Uint32Array(512);
    for (let n = 0; n < 256; n++) {
      const hi = prev[n * 2];
      const lo = prev[n * 2 + 1];
      const idx = (lo & 0xff) * 2;
      // crc = (crc >>> 8) ^ t0[crc & 0xff]
      t[n * 2] = ((hi >>> 8) ^ t0[idx]) >>> 0;
      t[n * 2 + 1] = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ t0[idx + 1]) >>> 0;
    }
    tables.push(t);
  }
  crc64Tables = tables;
  return tables;
}

class Crc64NvmeHasher implements Hasher {
  private hi = 0xffffffff;
  private lo = 0xffffffff;
  private readonly t = crc64NvmeTables();
  update(data: Uint8Array): void {
    const [t0, t1, t2, t3, t4, t5, t6, t7] = this.t;
    let hi = this.hi;
    let lo = this.lo;
    const len = data.length;
    let i = 0;
    while (i + 8 <= len) {
      const a0 = ((lo ^ data[i]) & 0xff) * 2;
      const a1 = (((lo >>> 8) ^ data[i + 1]) & 0xff) * 2;
      const a2 = (((lo >>> 16) ^ data[i + 2]) & 0xff) * 2;
      const a3 = (((lo >>> 24) ^ data[i + 3]) & 0xff) * 2;
      const a4 = ((hi ^ data[i + 4]) & 0xff) * 2;
      const a5 = (((hi >>> 8) ^ data[i + 5]) & 0xff) * 2;
      const a6 = (((hi >>> 16) ^ data[i + 6]) & 0xff) * 2;
      const a7 = (((hi >>> 24) ^ data[i + 7]) & 0xff) * 2;
      hi = t7[a0] ^ t6[a1] ^ t5[a2] ^ t4[a3] ^ t3[a4] ^ t2[a5] ^ t1[a6] ^ t0[a7];
      lo = t7[a0 + 1] ^ t6[a1 + 1] ^ t5[a2 + 1] ^ t4[a3 + 1] ^ t3[a4 + 1] ^ t2[a5 + 1] ^ t1[a6 + 1] ^ t0[a7 + 1];
      i += 8;
    }
    for (; i < len; i++) {
      const idx = ((lo ^ data[i]) & 0xff) * 2;
      lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ t0[idx + 1]) >>> 0;
      hi = ((hi >>> 8) ^ t0[idx]) >>> 0;
    }
    this.hi = hi >>> 0;
    this.lo = lo >>> 0;
  }
  digest(): Buffer {
    const b = Buffer.allocUnsafe(8);
    b.writeUInt32BE((this.hi ^ 0xffffffff) >>> 0, 0);
    b.writeUInt32BE((this.lo ^ 0xffffffff) >>> 0, 4);
    return b;
  }
}

export function createHasher(alg: ChecksumAlgorithm): Hasher {
  switch (alg) {
    case 'CRC32':
      return new CrcHasher((buf, initial) => zlibCrc32(buf, initial));
    case 'CRC32C':
      return new CrcHasher((buf, initial) => crc32c(buf, initial));
    case 'CRC64NVME':
      return new Crc64NvmeHasher();
    case 'SHA1':
      return new CryptoHasher('sha1');
    case 'SHA256':
      return new CryptoHasher('sha256');
  }
}

export function createMd5(): Hasher {
  return new CryptoHasher('md5');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 (padding required, no whitespace) → bytes, or undefined. */
export function decodeBase64Strict(value: string): Buffer | undefined {
  return BASE64.test(value) ? Buffer.from(value, 'base64') : undefined;
}

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;
const header = (h: HeaderBag, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export interface RequestChecksums {
  /** Every algorithm the request names (value header, SDK algorithm, trailer, CreateMultipartUpload algorithm). */
  algorithms: ChecksumAlgorithm[];
  /** Base64 values sent as headers, validated for shape (not yet against the body). */
  expected: Partial<Record<ChecksumAlgorithm, string>>;
  /** The algorithm whose value the aws-chunked trailer will carry (`x-amz-trailer: x-amz-checksum-crc32`). */
  trailer?: ChecksumAlgorithm;
}

const algorithmOfHeader = (name: string): ChecksumAlgorithm | undefined => {
  const m = /^x-amz-checksum-([a-z0-9]+)$/.exec(name.trim().toLowerCase());
  const alg = m?.[1].toUpperCase();
  return isChecksumAlgorithm(alg) ? alg : undefined;
};

/** Reads S3's flexible-checksum request headers (headers keyed in lower case, as node gives them). */
export function parseRequestChecksums(headers: HeaderBag): RequestChecksums {
  const expected: Partial<Record<ChecksumAlgorithm, string>> = {};
  const algorithms = new Set<ChecksumAlgorithm>();
  let values = 0;
  for (const alg of CHECKSUM_ALGORITHMS) {
    const name = checksumHeaderName(alg);
    const value = header(headers, name);
    if (value === undefined) continue;
    values++;
    const raw = decodeBase64Strict(value.trim());
    if (!raw || raw.length !== CHECKSUM_DIGEST_BYTES[alg]) {
      throw new S3Error('InvalidRequest', `Value for ${name} header is invalid.`);
    }
    expected[alg] = value.trim();
    algorithms.add(alg);
  }

  let trailer: ChecksumAlgorithm | undefined;
  const trailerHeader = header(headers, 'x-amz-trailer');
  if (trailerHeader !== undefined && trailerHeader.trim() !== '') {
    // One trailer only: S3 (and every SDK) carries at most the checksum in the trailer.
    trailer = algorithmOfHeader(trailerHeader);
    if (!trailer) throw new S3Error('InvalidRequest', 'The value specified in the x-amz-trailer header is not supported');
    values++;
    algorithms.add(trailer);
  }
  if (values > 1) {
    throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  }

  const sdk = header(headers, 'x-amz-sdk-checksum-algorithm');
  if (sdk !== undefined) {
    const alg = sdk.trim().toUpperCase();
    if (!isChecksumAlgorithm(alg)) throw new S3Error('InvalidRequest', 'Value for x-amz-sdk-checksum-algorithm header is invalid.');
    if (values === 0) {
      throw new S3Error('InvalidRequest', 'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.');
    }
    if (!algorithms.has(alg)) {
      throw new S3Error('InvalidRequest', `Value for x-amz-sdk-checksum-algorithm header is invalid.`);
    }
  }

  // CreateMultipartUpload's declaration of the algorithm every part will carry.
  const declared = header(headers, 'x-amz-checksum-algorithm');
  if (declared !== undefined) {
    const alg = declared.trim().toUpperCase();
    if (!isChecksumAlgorithm(alg)) throw new S3Error('InvalidRequest', 'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
    algorithms.add(alg);
  }

  return { algorithms: [...algorithms], expected, ...(trailer ? { trailer } : {}) };
}

/** Validates a base64 checksum value (e.g. from an aws-chunked trailer); InvalidRequest when malformed. */
export function parseChecksumValue(alg: ChecksumAlgorithm, value: string): Buffer {
  const raw = decodeBase64Strict(value.trim());
  if (!raw || raw.length !== CHECKSUM_DIGEST_BYTES[alg]) {
    throw new S3Error('InvalidRequest', `Value for ${checksumHeaderName(alg)} header is invalid.`);
  }
  return raw;
}

/** Content-MD5 → its 16 raw bytes; InvalidDigest when not base64 of 16 bytes. */
export function parseContentMd5(value: string): Buffer {
  const raw = decodeBase64Strict(value.trim());
  if (!raw || raw.length !== 16) throw new S3Error('InvalidDigest');
  return raw;
}

/**
 * Pass-through transform computing MD5 and a set of checksums over the bytes it forwards. Digests are finalised in
 * _flush, so they are readable once 'finish'/'end' has fired (or after `pipeline()` resolves).
 */
export class DigestTransform extends Transform {
  size = 0;
  private readonly md5Hasher?: Hasher;
  private readonly hashers = new Map<ChecksumAlgorithm, Hasher>();
  private md5Digest?: Buffer;
  private readonly digests = new Map<ChecksumAlgorithm, Buffer>();

  constructor(algorithms: Iterable<ChecksumAlgorithm> = [], options: { md5?: boolean } = {}) {
    super();
    if (options.md5 !== false) this.md5Hasher = createMd5();
    for (const alg of algorithms) if (!this.hashers.has(alg)) this.hashers.set(alg, createHasher(alg));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.md5Hasher?.update(chunk);
    for (const h of this.hashers.values()) h.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.finalise();
    done();
  }

  private finalise(): void {
    if (this.md5Hasher && !this.md5Digest) this.md5Digest = this.md5Hasher.digest();
    for (const [alg, h] of this.hashers) if (!this.digests.has(alg)) this.digests.set(alg, h.digest());
  }

  private assertDone(): void {
    if (!this.writableFinished) throw new Error('DigestTransform: digests are available only after the stream finished');
    this.finalise();
  }

  md5(): Buffer {
    this.assertDone();
    if (!this.md5Digest) throw new Error('DigestTransform: MD5 was not requested');
    return this.md5Digest;
  }

  md5Hex(): string {
    return this.md5().toString('hex');
  }

  /** Raw digests (e.g. to build composite multipart checksums). */
  checksums(): Partial<Record<ChecksumAlgorithm, Buffer>> {
    this.assertDone();
    return Object.fromEntries(this.digests) as Partial<Record<ChecksumAlgorithm, Buffer>>;
  }

  checksumsBase64(): Partial<Record<ChecksumAlgorithm, string>> {
    const out: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [alg, d] of Object.entries(this.checksums()) as Array<[ChecksumAlgorithm, Buffer]>) out[alg] = d.toString('base64');
    return out;
  }

  /** Throws BadDigest when Content-MD5 or an expected checksum does not match what went through. */
  verify(expectedMd5: Buffer | undefined, expected: Partial<Record<ChecksumAlgorithm, string>> = {}): void {
    if (expectedMd5 && !expectedMd5.equals(this.md5())) throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    const actual = this.checksums();
    for (const [alg, value] of Object.entries(expected) as Array<[ChecksumAlgorithm, string | undefined]>) {
      if (value === undefined) continue;
      const digest = actual[alg];
      if (!digest) throw new Error(`DigestTransform: ${alg} was not computed`);
      const want = decodeBase64Strict(value.trim());
      if (!want || !want.equals(digest)) {
        throw new S3Error('BadDigest', `The ${alg} you specified did not match the calculated checksum.`);
      }
    }
  }
}

/** Multipart checksum of type COMPOSITE: checksum of the concatenated raw part digests, `<base64>-N`. */
export function compositeChecksum(alg: ChecksumAlgorithm, partDigests: readonly Buffer[]): string {
  const h = createHasher(alg);
  for (const d of partDigests) h.update(d);
  return `${h.digest().toString('base64')}-${partDigests.length}`;
}

/** S3's multipart ETag (unquoted): MD5 of the concatenated raw part MD5s, `<hex>-N`. */
export function multipartEtag(partMd5s: readonly Buffer[]): string {
  const h = createMd5();
  for (const d of partMd5s) h.update(d);
  return `${h.digest().toString('hex')}-${partMd5s.length}`;
}
