import { describe, expect, it } from 'vitest';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import { redirectKeyOf, redirectPathOf, signRedirect, verifyRedirect, type RedirectGrant } from './redirect-signing';

const config = { 'metadata.host': 'meta', 'metadata.port': 29991, 'ufs.host': 'ufs', 'ufs.port': 29993 };
const key = redirectKeyOf(config, { SILT_REDIRECT_SECRET: 's3cret' }).key;
const NOW = 1_800_000_000_000;

const grant: RedirectGrant = {
  mountId: 'root',
  path: 'bucket/dir/a b+c%/ü\n',
  version: 'v17',
  sizeBytes: 12345,
  headers: { etag: '"abc"', 'content-type': 'text/plain', 'x-amz-meta-name': '=?UTF-8?B?w7w=?=', 'accept-ranges': 'bytes' },
  range: 'header',
  expiresAtMs: NOW + 60_000,
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof S3Error ? `${err.status} ${err.code}` : String(err);
  }
  return 'no error';
};

describe('redirect URL signing', () => {
  it('round-trips every field of the grant', () => {
    for (const range of ['header', 'all', { start: 5, end: 99 }] as const) {
      const q = signRedirect(key, { ...grant, range });
      expect(new URLSearchParams(q).get('rd')).toBe('1');
      expect(verifyRedirect(key, q, NOW)).toEqual({ ...grant, range });
    }
  });

  it.each(['m', 'p', 'v', 's', 'h', 'r', 'e', 'rd'])('refuses a URL whose %s was changed (403 SignatureDoesNotMatch)', (name) => {
    const q = new URLSearchParams(signRedirect(key, grant));
    const changed: Record<string, string> = { m: 'other', p: 'bucket/secret', v: 'v18', s: '99999', h: 'e30', r: '0-1', e: '9999999999', rd: '0' };
    q.set(name, changed[name]);
    expect(codeOf(() => verifyRedirect(key, q.toString(), NOW))).toBe('403 SignatureDoesNotMatch');
  });

  it('refuses a forged or truncated signature, another key, and a missing parameter', () => {
    const q = new URLSearchParams(signRedirect(key, grant));
    const sig = q.get('sig')!;
    q.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    expect(codeOf(() => verifyRedirect(key, q.toString(), NOW))).toBe('403 SignatureDoesNotMatch');
    q.set('sig', sig.slice(0, 10));
    expect(codeOf(() => verifyRedirect(key, q.toString(), NOW))).toBe('403 SignatureDoesNotMatch');
    const other = redirectKeyOf(config, { SILT_REDIRECT_SECRET: 'other' }).key;
    expect(codeOf(() => verifyRedirect(other, signRedirect(key, grant), NOW))).toBe('403 SignatureDoesNotMatch');
    const missing = new URLSearchParams(signRedirect(key, grant));
    missing.delete('rd');
    expect(codeOf(() => verifyRedirect(key, missing.toString(), NOW))).toBe('403 AccessDenied');
  });

  it('refuses an expired URL (403 AccessDenied)', () => {
    const q = signRedirect(key, grant);
    expect(codeOf(() => verifyRedirect(key, q, NOW + 59_000))).toBe('no error');
    expect(codeOf(() => verifyRedirect(key, q, NOW + 61_000))).toBe('403 AccessDenied');
  });

  it('keys: the secret when set, else derived from the addresses every process shares', () => {
    const a = redirectKeyOf(config, {});
    expect(a.derived).toBe(true);
    expect(redirectKeyOf({ ...config }, {}).key.equals(a.key)).toBe(true);
    expect(redirectKeyOf({ ...config, 'metadata.port': 1 }, {}).key.equals(a.key)).toBe(false);
    expect(redirectKeyOf(config, { SILT_REDIRECT_SECRET: 's3cret' })).toEqual({ key, derived: false });
    expect(key.equals(a.key)).toBe(false);
  });

  it('keys: s3.redirect.secret first, then the legacy SILT_REDIRECT_SECRET; an empty secret is not set', () => {
    // the config key (also SILT_S3_REDIRECT_SECRET through libs/config) signs exactly as the legacy variable did
    expect(redirectKeyOf({ ...config, 's3.redirect.secret': 's3cret' }, {})).toEqual({ key, derived: false });
    expect(redirectKeyOf({ ...config, 's3.redirect.secret': 's3cret' }, { SILT_REDIRECT_SECRET: 'other' })).toEqual({ key, derived: false });
    expect(redirectKeyOf({ ...config, 's3.redirect.secret': '' }, { SILT_REDIRECT_SECRET: 's3cret' })).toEqual({ key, derived: false });
    expect(redirectKeyOf({ ...config, 's3.redirect.secret': '' }, { SILT_REDIRECT_SECRET: '' }).derived).toBe(true);
    expect(redirectKeyOf({ ...config, 's3.redirect.secret': 'other' }, {}).key.equals(key)).toBe(false);
  });

  it('names the object in the path, percent-encoded so clients keep it as is', () => {
    expect(redirectPathOf('b', 'dir/a b+c%?#ü')).toBe('/v1/s3/b/dir/a%20b%2Bc%25%3F%23%C3%BC');
    expect(redirectPathOf('b', 'a//b/')).toBe('/v1/s3/b/a//b/');
  });
});
