import { S3Error } from '../errors/s3-errors';

// SIMPLE auth: who is calling, read from whichever mechanism the request uses. Nothing here verifies a signature
// (that is an optional later layer); it parses strictly enough to answer S3's errors for malformed or expired
// credentials, and hands a future verifier what it needs (credential scope, signed headers, signature).

export type AuthScheme = 'sigv4-header' | 'sigv4-query' | 'sigv2-header' | 'sigv2-query' | 'anonymous' | 'bearer';

export interface CredentialScope {
  accessKeyId: string;
  /** YYYYMMDD */
  date: string;
  /** Absent for SigV4a (ECDSA), whose scope has no region. */
  region?: string;
  service: string;
}

export interface ResolvedUser {
  user: string;
  scheme: AuthScheme;
  credential?: CredentialScope;
  signedHeaders?: string[];
  signature?: string;
  /** Bearer token, for the OIDC layer. */
  token?: string;
}

export interface ResolveUserInput {
  method: string;
  query: ReadonlyMap<string, string>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The user of requests that carry no identity (and, until OIDC lands, of bearer tokens). */
  defaultUser: string;
  /** Clock, ms since the epoch (injectable for tests). */
  now?: number;
}

/** S3's cap on presigned URL lifetime: seven days. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

const V4_ALGORITHMS = new Set(['AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256']);
const HEX64 = /^[0-9a-f]{64}$/;
const HEX = /^[0-9a-f]+$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const CREDENTIAL_FORMAT = 'expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".';

export function resolveUser(input: ResolveUserInput): ResolvedUser {
  const now = input.now ?? Date.now();
  const raw = input.headers['authorization'];
  const authorization = (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
  const q = input.query;
  const v4Query = q.has('X-Amz-Algorithm') || q.has('X-Amz-Credential') || q.has('X-Amz-Signature');
  const v2Query = q.has('AWSAccessKeyId') || q.has('Signature');

  if ((authorization !== undefined && (v4Query || v2Query)) || (v4Query && v2Query)) {
    throw new S3Error(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      { ArgumentName: 'Authorization', ArgumentValue: authorization ?? 'null' },
    );
  }
  if (authorization !== undefined) return fromHeader(authorization, input.defaultUser);
  if (v4Query) return fromV4Query(q, now);
  if (v2Query) return fromV2Query(q, now);
  return { user: input.defaultUser, scheme: 'anonymous' };
}

function fromHeader(value: string, defaultUser: string): ResolvedUser {
  const space = value.indexOf(' ');
  const kind = space < 0 ? value : value.slice(0, space);
  const rest = space < 0 ? '' : value.slice(space + 1).trim();
  if (V4_ALGORITHMS.has(kind)) return fromV4Header(kind, rest);
  if (kind === 'AWS') {
    // `AWS AKID:base64(hmac-sha1)`
    const colon = rest.indexOf(':');
    if (colon <= 0 || colon === rest.length - 1 || /\s/.test(rest)) {
      throw new S3Error('InvalidArgument', 'AWS authorization header is invalid.  Expected AwsAccessKeyId:signature', {
        ArgumentName: 'Authorization',
        ArgumentValue: value,
      });
    }
    return { user: rest.slice(0, colon), scheme: 'sigv2-header', signature: rest.slice(colon + 1) };
  }
  if (kind.toLowerCase() === 'bearer') {
    if (rest === '') throw new S3Error('InvalidArgument', 'Bearer token missing', { ArgumentName: 'Authorization' });
    // TODO(oidc): validate the token and map its subject; until then bearer requests act as the default user.
    return { user: defaultUser, scheme: 'bearer', token: rest };
  }
  throw new S3Error('InvalidArgument', 'Unsupported Authorization Type', { ArgumentName: 'Authorization', ArgumentValue: value });
}

const headerMalformed = (why: string) => new S3Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${why}`);

function fromV4Header(algorithm: string, rest: string): ResolvedUser {
  // `Credential=AKID/20261124/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=<hex>`; clients
  // vary between ", " and "," (and some send spaces only) between components.
  const params = new Map<string, string>();
  for (const part of rest.split(/[\s,]+/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw headerMalformed(`unexpected component "${part}".`);
    const name = part.slice(0, eq);
    if (params.has(name)) throw headerMalformed(`duplicate ${name}.`);
    params.set(name, part.slice(eq + 1));
  }
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!params.get(name)) throw headerMalformed(`Authorization header requires '${name}' parameter.`);
  }
  const credential = parseCredential(params.get('Credential')!, algorithm);
  if (!credential) throw headerMalformed(`the Credential is mal-formed; ${CREDENTIAL_FORMAT}`);
  const signedHeaders = parseSignedHeaders(params.get('SignedHeaders')!);
  if (!signedHeaders) throw headerMalformed('SignedHeaders is mal-formed.');
  const signature = params.get('Signature')!;
  if (!validSignature(algorithm, signature)) throw headerMalformed('the Signature is mal-formed.');
  return { user: credential.accessKeyId, scheme: 'sigv4-header', credential, signedHeaders, signature };
}

/** `AKID/YYYYMMDD/region/service/aws4_request` (SigV4a: no region). */
function parseCredential(value: string, algorithm: string): CredentialScope | undefined {
  const parts = value.split('/');
  const regionless = algorithm === 'AWS4-ECDSA-P256-SHA256';
  if (parts.length !== (regionless ? 4 : 5)) return undefined;
  const [accessKeyId, date] = parts;
  const region = regionless ? undefined : parts[2];
  const service = parts[parts.length - 2];
  const terminator = parts[parts.length - 1];
  if (!accessKeyId || !/^\d{8}$/.test(date) || region === '' || !service || terminator !== 'aws4_request') return undefined;
  return { accessKeyId, date, ...(region !== undefined ? { region } : {}), service };
}

function parseSignedHeaders(value: string): string[] | undefined {
  const names = value.split(';');
  return names.every((n) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(n)) ? names : undefined;
}

const validSignature = (algorithm: string, sig: string) => (algorithm === 'AWS4-HMAC-SHA256' ? HEX64.test(sig) : HEX.test(sig));

const queryError = (message: string) => new S3Error('AuthorizationQueryParametersError', message);

function fromV4Query(q: ReadonlyMap<string, string>, now: number): ResolvedUser {
  const names = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
  if (names.some((n) => !q.get(n))) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const algorithm = q.get('X-Amz-Algorithm')!;
  if (!V4_ALGORITHMS.has(algorithm)) throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256"');
  const credential = parseCredential(q.get('X-Amz-Credential')!, algorithm);
  if (!credential) throw queryError(`Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; ${CREDENTIAL_FORMAT}`);
  const signedAtMs = parseAmzDate(q.get('X-Amz-Date')!);
  if (signedAtMs === undefined) throw queryError('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"');
  const expires = q.get('X-Amz-Expires')!;
  if (!/^\d{1,10}$/.test(expires)) throw queryError('X-Amz-Expires should be a number');
  const expiresSeconds = Number(expires);
  if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw queryError('X-Amz-Expires must be less than a week (in seconds) that is 604800');
  }
  const signedHeaders = parseSignedHeaders(q.get('X-Amz-SignedHeaders')!);
  if (!signedHeaders) throw queryError('X-Amz-SignedHeaders is mal-formed.');
  const signature = q.get('X-Amz-Signature')!;
  if (!validSignature(algorithm, signature)) throw queryError('X-Amz-Signature is mal-formed.');
  // S3 refuses URLs signed in the future ("not valid yet"); allow the usual 15 minutes of clock skew.
  if (signedAtMs > now + 15 * 60_000) throw new S3Error('AccessDenied', 'Request is not valid yet');
  const expiresAtMs = signedAtMs + expiresSeconds * 1000;
  if (expiresAtMs < now) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expires,
      Expires: isoSeconds(expiresAtMs),
      ServerTime: isoSeconds(now),
    });
  }
  return { user: credential.accessKeyId, scheme: 'sigv4-query', credential, signedHeaders, signature };
}

function fromV2Query(q: ReadonlyMap<string, string>, now: number): ResolvedUser {
  const accessKeyId = q.get('AWSAccessKeyId');
  const signature = q.get('Signature');
  const expires = q.get('Expires');
  if (!accessKeyId || !signature || !expires || !/^\d{1,12}$/.test(expires)) {
    throw new S3Error('AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  }
  const expiresAtMs = Number(expires) * 1000;
  if (expiresAtMs < now) {
    throw new S3Error('AccessDenied', 'Request has expired', { Expires: isoSeconds(expiresAtMs), ServerTime: isoSeconds(now) });
  }
  return { user: accessKeyId, scheme: 'sigv2-query', signature };
}

/** `20261124T101500Z` → ms since the epoch. */
function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Reject dates that Date.UTC silently rolls over (month 13, Feb 30, hour 25…).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s) {
    return undefined;
  }
  return ms;
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
