import { S3Error } from '../errors/s3-errors';

// x-amz-content-sha256 (SigV4's payload hash). A hex value is a promise about the body, checked in every auth mode
// (SIMPLE auth verifies no signature, but a client that states the digest of what it sends gets it checked, as S3
// does); UNSIGNED-PAYLOAD promises nothing; a STREAMING-* value (and only that) says the body is aws-chunked.

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** The STREAMING-* values: each means an aws-chunked body (the -TRAILER ones end with a trailer section). */
export const STREAMING_PAYLOADS: ReadonlySet<string> = new Set([
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
]);

export type PayloadHash =
  | { kind: 'sha256'; hex: string }
  | { kind: 'unsigned' }
  | { kind: 'streaming'; value: string };

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/**
 * What x-amz-content-sha256 says about the body; undefined when absent. Any other value is S3's InvalidArgument
 * (its message lists the accepted values).
 */
export function parseContentSha256(headers: HeaderBag): PayloadHash | undefined {
  const raw = headers['x-amz-content-sha256'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (value === undefined) return undefined;
  if (SHA256_HEX.test(value)) return { kind: 'sha256', hex: value.toLowerCase() };
  if (value === UNSIGNED_PAYLOAD) return { kind: 'unsigned' };
  if (STREAMING_PAYLOADS.has(value)) return { kind: 'streaming', value };
  throw new S3Error(
    'InvalidArgument',
    'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, ' +
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, ' +
      'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
    { ArgumentName: 'x-amz-content-sha256', ArgumentValue: value },
  );
}

/** The hex digest the body must hash to, or undefined when the request promises none. */
export function expectedContentSha256(headers: HeaderBag): string | undefined {
  const hash = parseContentSha256(headers);
  return hash?.kind === 'sha256' ? hash.hex : undefined;
}

/** S3's answer when the body does not hash to x-amz-content-sha256: both digests in the error body, hex. */
export function contentSha256Mismatch(clientHex: string, computedHex: string): S3Error {
  return new S3Error('XAmzContentSHA256Mismatch', undefined, {
    ClientComputedContentSHA256: clientHex,
    S3ComputedContentSHA256: computedHex,
  });
}
