import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SiltConfig } from '../../config/src/schema';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';

/**
 * Redirected GETs (`s3.redirect.enabled`): the gateway authorizes and resolves a GetObject, then answers 307 with a
 * URL on the owning worker's HTTP read port that carries everything the worker needs to answer exactly as the
 * gateway would — the object version (mount, path, UFS version, size), the response headers the gateway computed
 * (ETag, Last-Modified, Content-Type, user and system metadata, response-* overrides, checksums) and, for
 * partNumber, the byte range — signed with an HMAC-SHA256 and valid for a short time. The worker checks the
 * signature and the expiry (403 otherwise), applies the client's Range header itself (S3 semantics), and serves
 * the bytes from its page store; it never redirects again.
 *
 *   GET /v1/s3/<bucket>/<key>?m=&p=&v=&s=&h=&r=&e=&rd=1&sig=
 *
 * The path after /v1/s3/ only names the object for people and tools (curl -O, logs); what is served is fixed by the
 * signed parameters. `rd=1` marks the request as redirected (signed too): the worker answers it or fails, never 3xx.
 */
export const REDIRECT_PATH_PREFIX = '/v1/s3/';

/** Redirect URLs longer than this are not sent (the gateway proxies instead): proxies and clients cap URL length. */
export const MAX_REDIRECT_URL_LENGTH = 8_000;

/**
 * The older way to set the secret, still honoured when `s3.redirect.secret` is empty. The config key itself maps to
 * `SILT_S3_REDIRECT_SECRET` like every key (libs/config), so either variable works; the config key wins.
 */
export const LEGACY_REDIRECT_SECRET_ENV = 'SILT_REDIRECT_SECRET';

/** What gateways and workers log when no secret is set (never the key or the secret themselves). */
export const DERIVED_KEY_WARNING =
  'redirect URLs are signed with a key derived from the cluster addresses; set s3.redirect.secret (SILT_S3_REDIRECT_SECRET) to the same value on every gateway and worker';

export interface RedirectKey {
  key: Buffer;
  /** True when no secret was set and the key was derived from configuration every process knows (not secret). */
  derived: boolean;
}

/** The configuration redirectKeyOf reads; `s3.redirect.secret` may be left out (= not set). */
export type RedirectKeyConfig = Pick<SiltConfig, 'metadata.host' | 'metadata.port' | 'ufs.host' | 'ufs.port'> & Partial<Pick<SiltConfig, 's3.redirect.secret'>>;

/**
 * The HMAC key of redirect URLs: from `s3.redirect.secret` when set, else from `SILT_REDIRECT_SECRET` when set;
 * otherwise derived from the configuration every gateway and worker of a cluster shares (the metadata and ufs
 * addresses). A derived key only proves the URL came from a process configured for this cluster: anyone who knows
 * those addresses can compute it. Deployments where clients must not read around the gateway set the secret.
 * The secret is only ever hashed here: callers log `derived`, never the key.
 */
export function redirectKeyOf(config: RedirectKeyConfig, env: NodeJS.ProcessEnv = process.env): RedirectKey {
  const secret = config['s3.redirect.secret'] || env[LEGACY_REDIRECT_SECRET_ENV];
  if (secret) return { key: createHash('sha256').update(`silt-redirect-v1\0${secret}`).digest(), derived: false };
  const shared = `${config['metadata.host']}:${config['metadata.port']}\0${config['ufs.host']}:${config['ufs.port']}`;
  return { key: createHash('sha256').update(`silt-redirect-derived-v1\0${shared}`).digest(), derived: true };
}

/** An inclusive byte range. */
export interface InclusiveRange {
  start: number;
  end: number;
}

/** What a redirect URL grants: one object version, answered with these headers. */
export interface RedirectGrant {
  mountId: string;
  path: string;
  version: string;
  sizeBytes: number;
  /** The object's response headers (lower-case names), range-independent: the worker adds the range's own. */
  headers: Record<string, string>;
  /**
   * Which bytes: 'header' = as the client's Range header says (S3 semantics: absent, malformed or several ranges =
   * the whole object); 'all' = the whole object whatever the header (partNumber=1 of a single-part object); or a
   * fixed range answered with 206 (a part of a multipart object).
   */
  range: 'header' | 'all' | InclusiveRange;
  /** Unix time in ms after which the URL is refused. */
  expiresAtMs: number;
}

function canonical(q: { m: string; p: string; v: string; s: string; h: string; r: string; e: string; rd: string }): string {
  return JSON.stringify(['silt-redirect-v1', q.m, q.p, q.v, q.s, q.h, q.r, q.e, q.rd]);
}

function mac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

function rangeParam(range: RedirectGrant['range']): string {
  return typeof range === 'string' ? range : `${range.start}-${range.end}`;
}

/** The query string (without `?`) of a redirect URL for the grant. */
export function signRedirect(key: Buffer, grant: RedirectGrant): string {
  const q = {
    m: grant.mountId,
    p: grant.path,
    v: grant.version,
    s: String(grant.sizeBytes),
    h: Buffer.from(JSON.stringify(grant.headers), 'utf8').toString('base64url'),
    r: rangeParam(grant.range),
    e: String(Math.ceil(grant.expiresAtMs / 1000)),
    rd: '1',
  };
  const sig = mac(key, canonical(q)).toString('base64url');
  return new URLSearchParams({ ...q, sig }).toString();
}

/**
 * The grant of a redirect URL's query, or S3Error 403: AccessDenied (incomplete, not a redirect, expired) or
 * SignatureDoesNotMatch (any parameter changed, or signed with another key).
 */
export function verifyRedirect(key: Buffer, rawQuery: string, nowMs = Date.now()): RedirectGrant {
  const params = new URLSearchParams(rawQuery);
  const get = (name: string) => {
    const value = params.get(name);
    if (value === null) throw new S3Error('AccessDenied', `redirect URL without ${name}`);
    return value;
  };
  const q = { m: get('m'), p: get('p'), v: get('v'), s: get('s'), h: get('h'), r: get('r'), e: get('e'), rd: get('rd') };
  const sig = Buffer.from(get('sig'), 'base64url');
  const expected = mac(key, canonical(q));
  if (sig.length !== expected.length || !timingSafeEqual(sig, expected)) throw new S3Error('SignatureDoesNotMatch');
  // Signed, so these were written by signRedirect; checked anyway (a key shared with another version of the code).
  if (q.rd !== '1') throw new S3Error('AccessDenied', 'not a redirect URL');
  if (!/^\d{1,12}$/.test(q.e) || Number(q.e) * 1000 < nowMs) throw new S3Error('AccessDenied', 'Request has expired');
  if (!/^\d{1,16}$/.test(q.s)) throw new S3Error('AccessDenied', 'bad object size in the redirect URL');
  let range: RedirectGrant['range'];
  if (q.r === 'header' || q.r === 'all') range = q.r;
  else {
    const m = /^(\d{1,16})-(\d{1,16})$/.exec(q.r);
    if (!m || Number(m[1]) > Number(m[2]) || Number(m[2]) >= Number(q.s)) throw new S3Error('AccessDenied', 'bad range in the redirect URL');
    range = { start: Number(m[1]), end: Number(m[2]) };
  }
  let headers: Record<string, string>;
  try {
    headers = JSON.parse(Buffer.from(q.h, 'base64url').toString('utf8')) as Record<string, string>;
    if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) throw new Error('not an object');
  } catch {
    throw new S3Error('AccessDenied', 'bad headers in the redirect URL');
  }
  return { mountId: q.m, path: q.p, version: q.v, sizeBytes: Number(q.s), headers, range, expiresAtMs: Number(q.e) * 1000 };
}

/** `/v1/s3/<bucket>/<key>`: each byte that is not unreserved percent-encoded, so no client normalises it. */
export function redirectPathOf(bucket: string, key: string): string {
  try {
    return REDIRECT_PATH_PREFIX + encodeURIComponent(bucket) + '/' + key.split('/').map(encodeURIComponent).join('/');
  } catch {
    return `${REDIRECT_PATH_PREFIX}object`; // a key no URL can name (a lone surrogate): the path is only a label
  }
}
