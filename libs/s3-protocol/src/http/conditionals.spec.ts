import { describe, expect, it } from 'vitest';
import {
  type ConditionalTarget,
  type PreconditionResult,
  type Preconditions,
  evaluateCopySourcePreconditions,
  evaluatePreconditions,
  readCopySourcePreconditions,
  readPreconditions,
} from './conditionals';

const OBJ: ConditionalTarget = { etag: '9a0364b9e99bb480dd25e1f0284c8555', lastModifiedMs: Date.UTC(2026, 10, 24, 12, 0, 0, 500) };
const MATCH = '"9a0364b9e99bb480dd25e1f0284c8555"';
const OTHER = '"00000000000000000000000000000000"';
const BEFORE = 'Tue, 24 Nov 2026 11:00:00 GMT';
const AT = 'Tue, 24 Nov 2026 12:00:00 GMT'; // the object's Last-Modified, to the second
const AFTER = 'Tue, 24 Nov 2026 13:00:00 GMT';

describe(evaluatePreconditions.name, () => {
  // GET/HEAD, one header at a time and S3's documented pairs (GetObject "Conditional requests" / RFC 9110 §13.2.2).
  const get: Array<[name: string, pre: Preconditions, want: PreconditionResult]> = [
    ['no conditions', {}, 'proceed'],
    ['If-Match equal', { ifMatch: MATCH }, 'proceed'],
    ['If-Match unquoted', { ifMatch: OBJ.etag }, 'proceed'],
    ['If-Match in a list', { ifMatch: `${OTHER}, ${MATCH}` }, 'proceed'],
    ['If-Match *', { ifMatch: '*' }, 'proceed'],
    ['If-Match different', { ifMatch: OTHER }, 'precondition-failed'],
    ['If-Match weak (strong comparison)', { ifMatch: `W/${MATCH}` }, 'precondition-failed'],
    ['If-None-Match equal', { ifNoneMatch: MATCH }, 'not-modified'],
    ['If-None-Match weak equal (weak comparison)', { ifNoneMatch: `W/${MATCH}` }, 'not-modified'],
    ['If-None-Match unquoted equal', { ifNoneMatch: OBJ.etag }, 'not-modified'],
    ['If-None-Match *', { ifNoneMatch: '*' }, 'not-modified'],
    ['If-None-Match different', { ifNoneMatch: OTHER }, 'proceed'],
    ['If-None-Match list without it', { ifNoneMatch: `${OTHER}, "abc"` }, 'proceed'],
    ['If-Modified-Since before', { ifModifiedSince: BEFORE }, 'proceed'],
    ['If-Modified-Since at (second granularity)', { ifModifiedSince: AT }, 'not-modified'],
    ['If-Modified-Since after', { ifModifiedSince: AFTER }, 'not-modified'],
    ['If-Modified-Since unparseable', { ifModifiedSince: 'yesterday' }, 'proceed'],
    ['If-Unmodified-Since before', { ifUnmodifiedSince: BEFORE }, 'precondition-failed'],
    ['If-Unmodified-Since at (second granularity)', { ifUnmodifiedSince: AT }, 'proceed'],
    ['If-Unmodified-Since after', { ifUnmodifiedSince: AFTER }, 'proceed'],
    ['If-Unmodified-Since unparseable', { ifUnmodifiedSince: 'not a date' }, 'proceed'],
    ['If-Modified-Since in RFC 850 form', { ifModifiedSince: 'Tuesday, 24-Nov-26 13:00:00 GMT' }, 'not-modified'],
    ['If-Modified-Since in asctime form', { ifModifiedSince: 'Tue Nov 24 13:00:00 2026' }, 'not-modified'],
    // S3's special case 1: If-Match true + If-Unmodified-Since false -> 200.
    ['If-Match true + If-Unmodified-Since false', { ifMatch: MATCH, ifUnmodifiedSince: BEFORE }, 'proceed'],
    ['If-Match false + If-Unmodified-Since true', { ifMatch: OTHER, ifUnmodifiedSince: AFTER }, 'precondition-failed'],
    ['If-Match false + If-Unmodified-Since false', { ifMatch: OTHER, ifUnmodifiedSince: BEFORE }, 'precondition-failed'],
    ['If-Match true + If-Unmodified-Since true', { ifMatch: MATCH, ifUnmodifiedSince: AFTER }, 'proceed'],
    // S3's special case 2: If-None-Match false + If-Modified-Since true -> 304.
    ['If-None-Match false + If-Modified-Since true', { ifNoneMatch: MATCH, ifModifiedSince: BEFORE }, 'not-modified'],
    ['If-None-Match true + If-Modified-Since false', { ifNoneMatch: OTHER, ifModifiedSince: AFTER }, 'proceed'],
    ['If-None-Match true + If-Modified-Since true', { ifNoneMatch: OTHER, ifModifiedSince: BEFORE }, 'proceed'],
    ['If-None-Match false + If-Modified-Since false', { ifNoneMatch: MATCH, ifModifiedSince: AFTER }, 'not-modified'],
    // If-Match/If-Unmodified-Since are checked before If-None-Match/If-Modified-Since.
    ['If-Match false + If-None-Match false', { ifMatch: OTHER, ifNoneMatch: MATCH }, 'precondition-failed'],
    ['If-Unmodified-Since false + If-Modified-Since false', { ifUnmodifiedSince: BEFORE, ifModifiedSince: AFTER }, 'precondition-failed'],
    ['If-Match true + If-None-Match false', { ifMatch: MATCH, ifNoneMatch: MATCH }, 'not-modified'],
    ['If-Match true + If-Modified-Since false', { ifMatch: MATCH, ifModifiedSince: AFTER }, 'not-modified'],
    ['all four true', { ifMatch: MATCH, ifUnmodifiedSince: AFTER, ifNoneMatch: OTHER, ifModifiedSince: BEFORE }, 'proceed'],
    ['empty header values are absent', { ifMatch: '', ifNoneMatch: ' ' }, 'proceed'],
  ];
  it.each(get)('GET: %s -> %s', (_, pre, want) => expect(evaluatePreconditions(pre, OBJ, 'GET')).toBe(want));
  it.each(get)('HEAD: %s -> %s', (_, pre, want) => expect(evaluatePreconditions(pre, OBJ, 'HEAD')).toBe(want));

  const put: Array<[name: string, pre: Preconditions, obj: ConditionalTarget | undefined, want: PreconditionResult]> = [
    ['If-None-Match * on a new key', { ifNoneMatch: '*' }, undefined, 'proceed'],
    ['If-None-Match * on an existing key', { ifNoneMatch: '*' }, OBJ, 'precondition-failed'],
    ['If-Match equal', { ifMatch: MATCH }, OBJ, 'proceed'],
    ['If-Match different', { ifMatch: OTHER }, OBJ, 'precondition-failed'],
    ['If-Match on a new key', { ifMatch: MATCH }, undefined, 'precondition-failed'],
    ['If-Match * on a new key', { ifMatch: '*' }, undefined, 'precondition-failed'],
    ['If-Modified-Since is ignored', { ifModifiedSince: AFTER }, OBJ, 'proceed'],
  ];
  it.each(put)('PUT: %s -> %s', (_, pre, obj, want) => expect(evaluatePreconditions(pre, obj, 'PUT')).toBe(want));

  it('compares a multipart ETag', () =>
    expect(evaluatePreconditions({ ifMatch: '"abc-3"' }, { etag: 'abc-3', lastModifiedMs: 0 }, 'GET')).toBe('proceed'));
});

describe(evaluateCopySourcePreconditions.name, () => {
  const cases: Array<[name: string, pre: Preconditions, want: 'proceed' | 'precondition-failed']> = [
    ['none', {}, 'proceed'],
    ['if-match true', { ifMatch: MATCH }, 'proceed'],
    ['if-match false', { ifMatch: OTHER }, 'precondition-failed'],
    ['if-none-match true', { ifNoneMatch: OTHER }, 'proceed'],
    ['if-none-match false', { ifNoneMatch: MATCH }, 'precondition-failed'],
    ['if-modified-since true', { ifModifiedSince: BEFORE }, 'proceed'],
    ['if-modified-since false', { ifModifiedSince: AFTER }, 'precondition-failed'],
    ['if-unmodified-since true', { ifUnmodifiedSince: AFTER }, 'proceed'],
    ['if-unmodified-since false', { ifUnmodifiedSince: BEFORE }, 'precondition-failed'],
    // CopyObject's documented pairs.
    ['if-match true + if-unmodified-since false', { ifMatch: MATCH, ifUnmodifiedSince: BEFORE }, 'proceed'],
    ['if-none-match false + if-modified-since true', { ifNoneMatch: MATCH, ifModifiedSince: BEFORE }, 'precondition-failed'],
  ];
  it.each(cases)('%s -> %s', (_, pre, want) => expect(evaluateCopySourcePreconditions(pre, OBJ)).toBe(want));
});

describe(readPreconditions.name, () => {
  it('reads the four headers', () =>
    expect(readPreconditions({ 'if-match': 'a', 'if-none-match': 'b', 'if-modified-since': 'c', 'if-unmodified-since': 'd' })).toEqual({
      ifMatch: 'a', ifNoneMatch: 'b', ifModifiedSince: 'c', ifUnmodifiedSince: 'd',
    }));
  it('joins repeated headers into one list', () => expect(readPreconditions({ 'if-match': ['"a"', '"b"'] }).ifMatch).toBe('"a", "b"'));
  it('reads x-amz-copy-source-if-*', () =>
    expect(readCopySourcePreconditions({ 'x-amz-copy-source-if-match': 'a', 'x-amz-copy-source-if-unmodified-since': 'd' })).toMatchObject({
      ifMatch: 'a', ifUnmodifiedSince: 'd',
    }));
});
