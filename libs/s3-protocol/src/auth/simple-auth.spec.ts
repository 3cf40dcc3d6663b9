import { createHash, createHmac } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { type ResolveUserInput, type ResolvedUser, resolveUser } from './simple-auth';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0); // 2026-11-24T12:00:00Z
const SIG = '0123456789abcdef'.repeat(4);
const V4 = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${SIG}`;

const input = (headers: Record<string, string> = {}, query: Record<string, string> = {}): ResolveUserInput => ({
  method: 'GET',
  headers,
  query: new Map(Object.entries(query)),
  defaultUser: 'default',
  now: NOW,
});

const errorOf = (fn: () => unknown): S3Error => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err;
    throw err;
  }
  throw new Error('expected an S3Error');
};

const presignedV4 = (over: Record<string, string | undefined> = {}) => {
  const q: Record<string, string | undefined> = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': 'AKIDQUERY/20261124/us-east-1/s3/aws4_request',
    'X-Amz-Date': '20261124T115500Z',
    'X-Amz-Expires': '900',
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': SIG,
    ...over,
  };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>;
};

describe(resolveUser.name, () => {
  const ok: Array<[name: string, headers: Record<string, string>, query: Record<string, string>, want: Partial<ResolvedUser>]> = [
    ['no credentials at all', {}, {}, { user: 'default', scheme: 'anonymous' }],
    ['SigV4 header', { authorization: V4 }, {}, {
      user: 'AKIDEXAMPLE', scheme: 'sigv4-header', signature: SIG, signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date'],
      credential: { accessKeyId: 'AKIDEXAMPLE', date: '20261124', region: 'us-east-1', service: 's3' },
    }],
    ['SigV4 header with "," and no spaces', { authorization: V4.replace(/, /g, ',') }, {}, { user: 'AKIDEXAMPLE', scheme: 'sigv4-header' }],
    ['SigV4 header with spaces only', { authorization: V4.replace(/, /g, '   ') }, {}, { user: 'AKIDEXAMPLE', scheme: 'sigv4-header' }],
    ['SigV4a header (no region in scope)', {
      authorization: `AWS4-ECDSA-P256-SHA256 Credential=AKIDA/20261124/s3/aws4_request, SignedHeaders=host, Signature=3045022100ab`,
    }, {}, { user: 'AKIDA', scheme: 'sigv4-header', credential: { accessKeyId: 'AKIDA', date: '20261124', service: 's3' } }],
    ['presigned V4', {}, presignedV4(), { user: 'AKIDQUERY', scheme: 'sigv4-query', signedHeaders: ['host'] }],
    ['presigned V4 for the maximum week', {}, presignedV4({ 'X-Amz-Date': '20261117T120000Z', 'X-Amz-Expires': '604800' }), { scheme: 'sigv4-query' }],
    ['presigned V4 signed a few minutes in the future (clock skew)', {}, presignedV4({ 'X-Amz-Date': '20261124T121000Z' }), { scheme: 'sigv4-query' }],
    ['SigV2 header', { authorization: 'AWS AKIDV2:frJIUN8DYpKDtOLCwo//yllqDzg=' }, {}, { user: 'AKIDV2', scheme: 'sigv2-header', signature: 'frJIUN8DYpKDtOLCwo//yllqDzg=' }],
    ['presigned V2', {}, { AWSAccessKeyId: 'AKIDV2Q', Signature: 'abc=', Expires: String(NOW / 1000 + 60) }, { user: 'AKIDV2Q', scheme: 'sigv2-query' }],
    ['a bearer token', { authorization: 'Bearer eyJhbGciOi.x.y' }, {}, { user: 'default', scheme: 'bearer', token: 'eyJhbGciOi.x.y' }],
    ['a bearer token, scheme in lower case', { authorization: 'bearer tok' }, {}, { user: 'default', scheme: 'bearer' }],
    ['unrelated query parameters', {}, { 'x-id': 'GetObject', 'list-type': '2' }, { scheme: 'anonymous' }],
  ];
  it.each(ok)('resolves %s', (_, headers, query, want) => expect(resolveUser(input(headers, query))).toMatchObject(want));

  it('takes the first Authorization value when node gives an array', () =>
    expect(resolveUser({ ...input(), headers: { authorization: [V4] } }).user).toBe('AKIDEXAMPLE'));

  const bad: Array<[name: string, headers: Record<string, string>, query: Record<string, string>, code: string, message?: string]> = [
    ['SigV4 header without Signature', { authorization: V4.replace(/, Signature=.*/, '') }, {}, 'AuthorizationHeaderMalformed',
      "The authorization header is malformed; Authorization header requires 'Signature' parameter."],
    ['SigV4 header without Credential', { authorization: `AWS4-HMAC-SHA256 SignedHeaders=host, Signature=${SIG}` }, {}, 'AuthorizationHeaderMalformed'],
    ['SigV4 header with a 4-part Credential', { authorization: V4.replace('/us-east-1/', '/') }, {}, 'AuthorizationHeaderMalformed',
      'The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'],
    ['SigV4 header with a bad date in the scope', { authorization: V4.replace('20261124', '2026-11-24') }, {}, 'AuthorizationHeaderMalformed'],
    ['SigV4 header with a wrong terminator', { authorization: V4.replace('aws4_request', 'aws4_reqest') }, {}, 'AuthorizationHeaderMalformed'],
    ['SigV4 header with a short signature', { authorization: V4.replace(SIG, 'abc') }, {}, 'AuthorizationHeaderMalformed'],
    ['SigV4 header with garbage', { authorization: 'AWS4-HMAC-SHA256 garbage' }, {}, 'AuthorizationHeaderMalformed'],
    ['SigV4 header with nothing after the algorithm', { authorization: 'AWS4-HMAC-SHA256' }, {}, 'AuthorizationHeaderMalformed'],
    ['SigV2 header without a colon', { authorization: 'AWS AKIDV2' }, {}, 'InvalidArgument'],
    ['SigV2 header with an empty signature', { authorization: 'AWS AKIDV2:' }, {}, 'InvalidArgument'],
    ['an unknown scheme', { authorization: 'Basic dXNlcjpwYXNz' }, {}, 'InvalidArgument', 'Unsupported Authorization Type'],
    ['an empty bearer token', { authorization: 'Bearer' }, {}, 'InvalidArgument'],
    ['header and presigned V4 at once', { authorization: V4 }, presignedV4(), 'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified'],
    ['header and presigned V2 at once', { authorization: V4 }, { AWSAccessKeyId: 'A', Signature: 'x', Expires: '9999999999' }, 'InvalidArgument'],
    ['presigned V4 and V2 at once', {}, { ...presignedV4(), AWSAccessKeyId: 'A', Signature: 'x', Expires: '9999999999' }, 'InvalidArgument'],
    ['an expired presigned V4 URL', {}, presignedV4({ 'X-Amz-Date': '20261124T114459Z' }), 'AccessDenied', 'Request has expired'],
    ['presigned V4 longer than a week', {}, presignedV4({ 'X-Amz-Expires': '604801' }), 'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds) that is 604800'],
    ['presigned V4 with a non-numeric X-Amz-Expires', {}, presignedV4({ 'X-Amz-Expires': '-5' }), 'AuthorizationQueryParametersError'],
    ['presigned V4 without X-Amz-Expires', {}, presignedV4({ 'X-Amz-Expires': undefined }), 'AuthorizationQueryParametersError'],
    ['presigned V4 without X-Amz-Signature', {}, presignedV4({ 'X-Amz-Signature': undefined }), 'AuthorizationQueryParametersError'],
    ['presigned V4 with another algorithm', {}, presignedV4({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA1' }), 'AuthorizationQueryParametersError'],
    ['presigned V4 with a bad X-Amz-Date', {}, presignedV4({ 'X-Amz-Date': '2026-11-24T11:55:00Z' }), 'AuthorizationQueryParametersError'],
    ['presigned V4 with an impossible X-Amz-Date', {}, presignedV4({ 'X-Amz-Date': '20261131T115500Z' }), 'AuthorizationQueryParametersError'],
    ['presigned V4 with a bad credential', {}, presignedV4({ 'X-Amz-Credential': 'AKID/20261124/us-east-1/s3' }), 'AuthorizationQueryParametersError'],
    ['presigned V4 signed an hour in the future', {}, presignedV4({ 'X-Amz-Date': '20261124T130000Z' }), 'AccessDenied', 'Request is not valid yet'],
    ['an expired presigned V2 URL', {}, { AWSAccessKeyId: 'A', Signature: 'x', Expires: String(NOW / 1000 - 1) }, 'AccessDenied', 'Request has expired'],
    ['presigned V2 without Expires', {}, { AWSAccessKeyId: 'A', Signature: 'x' }, 'AccessDenied'],
    ['presigned V2 with a non-numeric Expires', {}, { AWSAccessKeyId: 'A', Signature: 'x', Expires: 'tomorrow' }, 'AccessDenied'],
  ];
  it.each(bad)('rejects %s', (_, headers, query, code, message) => {
    const err = errorOf(() => resolveUser(input(headers, query)));
    expect(err.code).toBe(code);
    if (message) expect(err.message).toBe(message);
    expect(err.status).toBe(code === 'AccessDenied' ? 403 : 400);
  });

  it('reports expiry details as S3 does', () => {
    const err = errorOf(() => resolveUser(input({}, presignedV4({ 'X-Amz-Date': '20261124T100000Z', 'X-Amz-Expires': '60' }))));
    expect(err.details).toEqual({ 'X-Amz-Expires': '60', Expires: '2026-11-24T10:01:00Z', ServerTime: '2026-11-24T12:00:00Z' });
  });

  describe('against real signers', () => {
    type SourceData = string | ArrayBuffer | ArrayBufferView;
    const bytes = (d: SourceData) =>
      typeof d === 'string' ? Buffer.from(d) : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);
    class Sha256 {
      private readonly h;
      constructor(secret?: SourceData) {
        this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
      }
      update(data: SourceData) {
        this.h.update(bytes(data));
      }
      async digest() {
        return new Uint8Array(this.h.digest());
      }
      reset() {}
    }
    const credentials = { accessKeyId: 'AKIDREAL', secretAccessKey: 'secret' };

    it('parses a @smithy/signature-v4 Authorization header', async () => {
      const signer = new SignatureV4({ service: 's3', region: 'eu-west-3', credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
      const signed = await signer.sign(
        { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: 9000, path: '/b/k', query: {}, headers: { host: '127.0.0.1:9000', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
        { signingDate: new Date(NOW) },
      );
      const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      expect(resolveUser(input(headers))).toMatchObject({ user: 'AKIDREAL', scheme: 'sigv4-header', credential: { region: 'eu-west-3', date: '20261124' } });
    });

    it('parses an @aws-sdk/s3-request-presigner URL and rejects it once expired', async () => {
      const client = new S3Client({ endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true, credentials });
      const url = new URL(await getSignedUrl(client, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 60, signingDate: new Date(NOW) }));
      client.destroy();
      const query = Object.fromEntries(url.searchParams);
      expect(resolveUser(input({}, query))).toMatchObject({ user: 'AKIDREAL', scheme: 'sigv4-query' });
      expect(errorOf(() => resolveUser({ ...input({}, query), now: NOW + 61_000 })).message).toBe('Request has expired');
    });
  });
});
