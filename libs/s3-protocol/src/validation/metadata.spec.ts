import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import {
  decodeHeaderText,
  extractContentType,
  extractSystemMetadata,
  extractUserMetadata,
  formatHttpDate,
  parseHttpDate,
  type RequestHeaders,
  responseOverrides,
} from './metadata';

const errorOf = (fn: () => unknown): S3Error | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err;
    throw err;
  }
  return undefined;
};

describe(extractUserMetadata.name, () => {
  it('takes x-amz-meta-* headers, lower-cases names, strips the prefix and ignores other headers', () => {
    const headers: RequestHeaders = {
      'x-amz-meta-color': 'blue',
      'X-Amz-Meta-Owner': 'Alice Smith',
      'x-amz-meta-empty': '',
      'x-amz-meta-absent': undefined,
      'x-amz-metadata-directive': 'REPLACE',
      'content-type': 'text/plain',
      'x-amz-meta-constructor': 'c',
      'x-amz-meta-__proto__': 'p',
    };
    const meta = extractUserMetadata(headers, 2048);
    expect(meta).toEqual({ color: 'blue', owner: 'Alice Smith', empty: '', constructor: 'c', ['__proto__']: 'p' });
    expect(Object.keys(meta)).toEqual(['color', 'owner', 'empty', 'constructor', '__proto__']);
  });

  it('joins repeated headers with commas', () => {
    expect(extractUserMetadata({ 'x-amz-meta-tag': ['a', 'b c'] }, 2048)).toEqual({ tag: 'a,b c' });
    expect(extractUserMetadata({ 'x-amz-meta-tag': 'a', 'X-AMZ-META-TAG': 'b' }, 2048)).toEqual({ tag: 'a,b' });
  });

  it('returns {} when there is no user metadata', () => {
    expect(extractUserMetadata({ host: 'h' }, 0)).toEqual({});
  });

  // Name "k" (1 byte) + value; 'é' is 2 UTF-8 bytes, '日' 3, '😀' 4.
  const sizes: Array<[title: string, headers: RequestHeaders, size: number]> = [
    ['ASCII at the limit', { 'x-amz-meta-k': 'v'.repeat(2047) }, 2048],
    ['ASCII one over', { 'x-amz-meta-k': 'v'.repeat(2048) }, 2049],
    ['2-byte characters at the limit', { 'x-amz-meta-k': 'a' + 'é'.repeat(1023) }, 2048],
    ['2-byte characters one over', { 'x-amz-meta-k': 'é'.repeat(1024) }, 2049],
    ['4-byte characters at the limit', { 'x-amz-meta-k': 'abc' + '😀'.repeat(511) }, 2048],
    ['4-byte characters one over', { 'x-amz-meta-k': 'abcd' + '😀'.repeat(511) }, 2049],
    ['3-byte characters in names and values, at the limit', { 'x-amz-meta-日': '日'.repeat(681), 'x-amz-meta-a': 'b' }, 2048],
    ['several headers one over', { 'x-amz-meta-aa': 'x'.repeat(1000), 'x-amz-meta-bb': 'y'.repeat(1045) }, 2049],
  ];
  it.each(sizes)('%s (%#)', (_, headers, size) => {
    const err = errorOf(() => extractUserMetadata(headers, 2048));
    if (size <= 2048) {
      expect(err).toBeUndefined();
    } else {
      expect(err?.code).toBe('MetadataTooLarge');
      expect(err?.details).toEqual({ Size: String(size), MaxSizeAllowed: '2048' });
    }
  });

  it('does not count the x-amz-meta- prefix', () => {
    expect(() => extractUserMetadata({ 'x-amz-meta-ab': 'cd' }, 4)).not.toThrow();
    expect(errorOf(() => extractUserMetadata({ 'x-amz-meta-ab': 'cde' }, 4))?.code).toBe('MetadataTooLarge');
  });
});

describe(extractSystemMetadata.name, () => {
  it('keeps the stored standard headers as sent and nothing else', () => {
    expect(
      extractSystemMetadata({
        'cache-control': 'max-age=60',
        'Content-Disposition': 'attachment; filename="a b.txt"',
        'content-encoding': 'gzip',
        'content-language': 'en-GB',
        expires: 'Tue, 24 Nov 2026 20:31:05 GMT',
        'content-type': 'text/plain',
        'x-amz-meta-a': 'b',
        'content-length': '5',
      }),
    ).toEqual({
      'cache-control': 'max-age=60',
      'content-disposition': 'attachment; filename="a b.txt"',
      'content-encoding': 'gzip',
      'content-language': 'en-GB',
      expires: 'Tue, 24 Nov 2026 20:31:05 GMT',
    });
  });

  const encodings: Array<[sent: string | string[], stored: string | undefined]> = [
    ['aws-chunked', undefined],
    ['AWS-Chunked', undefined],
    ['aws-chunked,gzip', 'gzip'],
    ['aws-chunked, gzip', 'gzip'],
    ['gzip,aws-chunked', 'gzip'],
    ['gzip, aws-chunked, br', 'gzip,br'],
    [['aws-chunked', 'gzip'], 'gzip'],
    ['gzip', 'gzip'],
    ['gzip, br', 'gzip, br'], // untouched without aws-chunked
    ['', ''],
  ];
  it.each(encodings)('content-encoding %j is stored as %j', (sent, stored) => {
    expect(extractSystemMetadata({ 'content-encoding': sent })['content-encoding']).toBe(stored);
  });
});

describe(extractContentType.name, () => {
  it('reads raw UTF-8 (as Node hands it over, Latin-1 characters) as the text the client sent', () => {
    const raw = Buffer.from('text/plain; name="é"', 'utf8').toString('latin1');
    expect(extractContentType({ 'content-type': raw })).toBe('text/plain; name="é"');
  });
  it('decodes RFC 2047 words and keeps ASCII as sent', () => {
    expect(extractContentType({ 'content-type': '=?UTF-8?B?w6kvw6k=?=' })).toBe('é/é');
    expect(extractContentType({ 'Content-Type': 'text/plain' })).toBe('text/plain');
  });
  it('defaults to binary/octet-stream when absent or empty, as S3 does', () => {
    expect(extractContentType({})).toBe('binary/octet-stream');
    expect(extractContentType({ 'content-type': '' })).toBe('binary/octet-stream');
  });
});

describe(responseOverrides.name, () => {
  it('maps every response-* parameter to its header', () => {
    const query = new Map([
      ['response-content-type', 'text/html; charset=utf-8'],
      ['response-content-language', 'fr'],
      ['response-expires', 'Tue, 24 Nov 2026 20:31:05 GMT'],
      ['response-cache-control', 'no-cache'],
      ['response-content-disposition', 'attachment; filename="ü.txt"'],
      ['response-content-encoding', 'gzip'],
      ['response-other', 'x'],
      ['prefix', 'p'],
    ]);
    expect(responseOverrides(query)).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-language': 'fr',
      expires: 'Tue, 24 Nov 2026 20:31:05 GMT',
      'cache-control': 'no-cache',
      'content-disposition': 'attachment; filename="ü.txt"',
      'content-encoding': 'gzip',
    });
  });

  it('returns {} without overrides and keeps empty values', () => {
    expect(responseOverrides(new Map())).toEqual({});
    expect(responseOverrides(new Map([['response-content-type', '']]))).toEqual({ 'content-type': '' });
  });

  it.each(['a\r\nx-evil: 1', 'a\nb', 'a\u0000b', 'a\u007fb', '日本'])('refuses %j as InvalidArgument, not a 500', (value) => {
    const err = errorOf(() => responseOverrides(new Map([['response-content-type', value]])));
    expect(err?.code).toBe('InvalidArgument');
    expect(err?.details.ArgumentName).toBe('response-content-type');
  });
});

describe(formatHttpDate.name, () => {
  it.each([
    [Date.UTC(2026, 10, 24, 20, 31, 5, 999), 'Tue, 24 Nov 2026 20:31:05 GMT'],
    [Date.UTC(1994, 10, 6, 8, 49, 37), 'Sun, 06 Nov 1994 08:49:37 GMT'],
    [0, 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ])('%d -> %s', (ms, text) => expect(formatHttpDate(ms)).toBe(text));
});

describe(parseHttpDate.name, () => {
  const sunday = Date.UTC(1994, 10, 6, 8, 49, 37);
  const now = Date.UTC(2026, 0, 1);
  const parsed: Array<[text: string, ms: number]> = [
    ['Sun, 06 Nov 1994 08:49:37 GMT', sunday], // IMF-fixdate
    ['  Sun, 06 Nov 1994 08:49:37 GMT ', sunday],
    ['sun, 06 nov 1994 08:49:37 gmt', sunday],
    ['Mon, 06 Nov 1994 08:49:37 GMT', sunday], // wrong weekday: not checked
    ['Sunday, 06-Nov-94 08:49:37 GMT', sunday], // RFC 850
    ['Wednesday, 24-Nov-26 20:31:05 GMT', Date.UTC(2026, 10, 24, 20, 31, 5)],
    ['Friday, 01-Jan-76 00:00:00 GMT', Date.UTC(2076, 0, 1)], // 50 years ahead: still this century
    ['Saturday, 01-Jan-77 00:00:00 GMT', Date.UTC(1977, 0, 1)], // 51 years ahead: last century
    ['Sun Nov  6 08:49:37 1994', sunday], // asctime
    ['Thu Nov 24 20:31:05 2026', Date.UTC(2026, 10, 24, 20, 31, 5)],
    ['2026-11-24T20:31:05Z', Date.UTC(2026, 10, 24, 20, 31, 5)], // ISO-8601
    ['2026-11-24T20:31:05.123Z', Date.UTC(2026, 10, 24, 20, 31, 5, 123)],
    ['2026-11-24T21:31:05+01:00', Date.UTC(2026, 10, 24, 20, 31, 5)],
    ['Thu, 29 Feb 2024 00:00:00 GMT', Date.UTC(2024, 1, 29)],
    [formatHttpDate(Date.UTC(2030, 5, 7, 1, 2, 3)), Date.UTC(2030, 5, 7, 1, 2, 3)],
  ];
  it.each(parsed)('%j', (text, ms) => expect(parseHttpDate(text, now)).toBe(ms));

  const rejected = [
    '',
    'yesterday',
    '1700000000',
    'Sun, 06 Nov 1994 08:49:37', // no zone
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 6 Nov 1994 08:49:37 GMT', // one-digit day
    'Sun, 06 Foo 1994 08:49:37 GMT',
    'Sun, 31 Nov 1994 08:49:37 GMT', // no 31 November
    'Thu, 29 Feb 2023 00:00:00 GMT',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:60:00 GMT',
    'Sun, 06 Nov 1994 08:49:60 GMT',
    '2026-11-24T20:31:05', // ISO without a zone is ambiguous
    '2026-13-24T20:31:05Z',
    '2026-11-24',
  ];
  it.each(rejected)('rejects %j', (text) => expect(parseHttpDate(text, now)).toBeUndefined());
});

describe('decodeHeaderText (user metadata values)', () => {
  it.each([
    ['plain ascii', 'plain ascii'],
    ['=?UTF-8?B?w6lsw6h2ZQ==?=', 'élève'],
    ['=?utf-8?Q?caf=C3=A9_noir?=', 'café noir'],
    [Buffer.from('naïve', 'utf8').toString('latin1'), 'naïve'],
    ['caf\u00e9', 'caf\u00e9'], // a lone Latin-1 byte that is not valid UTF-8 stays as it came
    ['=?KOI8-R?B?abc=?=', '=?KOI8-R?B?abc=?='],
  ])('%j -> %j', (input, expected) => {
    expect(decodeHeaderText(input)).toBe(expected);
  });

  it('counts decoded UTF-8 bytes toward the metadata limit', () => {
    const value = '=?UTF-8?B?' + Buffer.from('é'.repeat(1023), 'utf8').toString('base64') + '?=';
    expect(() => extractUserMetadata({ 'x-amz-meta-a': value }, 2048)).not.toThrow(); // 1 + 2046 bytes
    expect(() => extractUserMetadata({ 'x-amz-meta-ab': value }, 2048)).not.toThrow(); // 2 + 2046 = 2048
    expect(() => extractUserMetadata({ 'x-amz-meta-abc': value }, 2048)).toThrow(S3Error);
  });
});
