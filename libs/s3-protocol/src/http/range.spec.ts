import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { type ByteRange, contentRange, parseCopySourceRange, parseRange } from './range';

const errorOf = (fn: () => unknown): S3Error => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err;
    throw err;
  }
  throw new Error('expected an S3Error');
};

describe(parseRange.name, () => {
  const served: Array<[header: string | undefined, size: number, range: ByteRange | undefined]> = [
    [undefined, 10, undefined],
    ['bytes=0-0', 10, { start: 0, end: 0 }],
    ['bytes=0-9', 10, { start: 0, end: 9 }],
    ['bytes=2-5', 10, { start: 2, end: 5 }],
    ['bytes=2-', 10, { start: 2, end: 9 }],
    ['bytes=0-', 10, { start: 0, end: 9 }],
    ['bytes=9-', 10, { start: 9, end: 9 }],
    ['bytes=5-100', 10, { start: 5, end: 9 }], // end past the object clamps
    ['bytes=5-99999999999999999999', 10, { start: 5, end: 9 }],
    ['bytes=-3', 10, { start: 7, end: 9 }],
    ['bytes=-10', 10, { start: 0, end: 9 }],
    ['bytes=-11', 10, { start: 0, end: 9 }], // suffix longer than the object: all of it
    [' bytes=1-2 ', 10, { start: 1, end: 2 }],
    // Ignored: whole object, 200.
    ['', 10, undefined],
    ['bytes=', 10, undefined],
    ['bytes=-', 10, undefined],
    ['bytes=5-2', 10, undefined],
    ['bytes=a-b', 10, undefined],
    ['bytes=1-2,4-5', 10, undefined], // multi-range: S3 serves the whole object
    ['bytes=0-1, 3-4', 10, undefined],
    ['bytes = 1-2', 10, undefined],
    ['items=1-2', 10, undefined],
    ['BYTES=1-2', 10, undefined],
    ['bytes=1.5-2', 10, undefined],
    ['bytes=+1-2', 10, undefined],
    ['bytes=5-2', 0, undefined],
    ['bytes=1-2,4-5', 0, undefined],
  ];
  it.each(served)('%j of %i bytes -> %j', (header, size, range) => expect(parseRange(header, size)).toEqual(range));

  const unsatisfiable: Array<[header: string, size: number]> = [
    ['bytes=10-', 10],
    ['bytes=10-20', 10],
    ['bytes=11-12', 10],
    ['bytes=-0', 10],
    ['bytes=0-', 0],
    ['bytes=0-0', 0],
    ['bytes=-1', 0],
    ['bytes=-0', 0],
  ];
  it.each(unsatisfiable)('%j of %i bytes -> 416 InvalidRange', (header, size) => {
    const err = errorOf(() => parseRange(header, size));
    expect([err.code, err.status]).toEqual(['InvalidRange', 416]);
    expect(err.details).toEqual({ RangeRequested: header, ActualObjectSize: String(size) });
  });
});

describe(contentRange.name, () => {
  it('formats bytes start-end/size', () => expect(contentRange({ start: 2, end: 5 }, 10)).toBe('bytes 2-5/10'));
});

describe(parseCopySourceRange.name, () => {
  it.each([
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=3-7', { start: 3, end: 7 }],
  ])('%j -> %j', (header, range) => expect(parseCopySourceRange(header, 10)).toEqual(range));

  it.each(['0-2', 'bytes=0', 'bytes=5-', 'bytes=-5', 'bytes=hello-world', 'bytes=0-bar', 'bytes=0-2,3-5', 'bytes=5-2', ''])(
    'rejects %j with InvalidArgument',
    (header) => {
      const err = errorOf(() => parseCopySourceRange(header, 10));
      expect(err.code).toBe('InvalidArgument');
      expect(err.details).toEqual({ ArgumentName: 'x-amz-copy-source-range', ArgumentValue: header });
    },
  );

  it.each([['bytes=0-10', 10], ['bytes=10-12', 10], ['bytes=0-0', 0]] as Array<[string, number]>)(
    'rejects %j of a %i-byte source with InvalidRange',
    (header, size) => expect(errorOf(() => parseCopySourceRange(header, size)).code).toBe('InvalidRange'),
  );
});
