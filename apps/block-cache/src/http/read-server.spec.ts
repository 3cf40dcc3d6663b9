import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { parseRangeHeader, parseReadQuery, type ByteRange } from './read-server';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as S3Error).code;
  }
  return undefined;
};

describe(parseRangeHeader.name, () => {
  const cases: Array<[header: string, size: number, range: ByteRange]> = [
    ['bytes=0-0', 10, { start: 0, end: 1 }],
    ['bytes=2-5', 10, { start: 2, end: 6 }],
    ['bytes=2-100', 10, { start: 2, end: 10 }], // an end past the object is cut
    ['bytes=7-', 10, { start: 7, end: 10 }],
    ['bytes=-3', 10, { start: 7, end: 10 }],
    ['bytes=-30', 10, { start: 0, end: 10 }],
    ['bytes=10-', 10, 'unsatisfiable'],
    ['bytes=10-20', 10, 'unsatisfiable'],
    ['bytes=-0', 10, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'], // nothing to serve in a 0-byte object
    ['bytes=-5', 0, 'unsatisfiable'],
  ];
  it.each(cases)('%s of %i bytes -> %o', (header, size, range) => expect(parseRangeHeader(header, size)).toEqual(range));

  it.each(['bytes=5-1', 'bytes=-', 'bytes=0-1,3-4', 'items=0-1', 'bytes=a-b'])('refuses %s', (header) =>
    expect(codeOf(() => parseRangeHeader(header, 10))).toBe('InvalidArgument'),
  );
});

describe(parseReadQuery.name, () => {
  it('reads mount, path (decoded once, + as space), version and size', () => {
    expect(parseReadQuery('mount=root&path=b%2Fa+b%2Bc%25&version=v1&size=42')).toEqual({
      ref: { mountId: 'root', path: 'b/a b+c%', version: 'v1', sizeBytes: 42 },
      offset: 0,
      length: -1,
    });
  });

  it.each([
    'path=b%2Fk&version=v1&size=1',
    'mount=root&version=v1&size=1',
    'mount=root&path=b%2Fk&size=1',
    'mount=root&path=b%2Fk&version=v1',
    'mount=root&path=b%2Fk&version=v1&size=-1',
    'mount=root&path=b%2Fk&version=v1&size=1e3',
    'mount=root&path=b%00k&version=v1&size=1',
  ])('refuses %s', (q) => expect(codeOf(() => parseReadQuery(q))).toBe('InvalidArgument'));
});
