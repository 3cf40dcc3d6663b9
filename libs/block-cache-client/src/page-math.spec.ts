import { describe, expect, it } from 'vitest';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import { pageCountOf, pageLengthOf, pageSpanOf, sliceOfPage } from './page-math';

const P = 1024;

describe(pageSpanOf.name, () => {
  const cases: Array<[size: number, offset: number, length: number, first: number, last: number, end: number]> = [
    [10 * P, 0, -1, 0, 9, 10 * P],
    [10 * P, 0, P, 0, 0, P], // exactly one page
    [10 * P, P - 1, 2, 0, 1, P + 1], // straddles a boundary
    [10 * P, P, P, 1, 1, 2 * P], // starts on a boundary
    [10 * P + 5, 10 * P, -1, 10, 10, 10 * P + 5], // only the short last page
    [10 * P + 5, 3 * P, 100 * P, 3, 10, 10 * P + 5], // a length past the end is cut
    [1, 0, -1, 0, 0, 1],
  ];
  it.each(cases)('size %i, offset %i, length %i -> pages %i..%i', (size, offset, length, first, last, end) => {
    expect(pageSpanOf(size, P, offset, length)).toEqual({ offset, end, first, last });
  });

  it('reads nothing from a zero-size object or at the very end', () => {
    expect(pageSpanOf(0, P, 0, -1).last).toBe(-1);
    expect(pageSpanOf(5 * P, P, 5 * P, 10).last).toBe(-1);
    expect(pageSpanOf(5 * P, P, 7, 0).last).toBe(-1);
  });

  it('refuses an offset past the end (InvalidRange) and nonsense (InvalidArgument)', () => {
    expect(() => pageSpanOf(P, P, P + 1, 1)).toThrow(S3Error);
    expect((() => { try { pageSpanOf(P, P, P + 1, 1); } catch (e) { return (e as S3Error).code; } })()).toBe('InvalidRange');
    expect((() => { try { pageSpanOf(P, P, -1, 1); } catch (e) { return (e as S3Error).code; } })()).toBe('InvalidArgument');
    expect((() => { try { pageSpanOf(P, P, 0, -2); } catch (e) { return (e as S3Error).code; } })()).toBe('InvalidArgument');
  });
});

describe('page lengths and slices', () => {
  it('makes the last page shorter, and counts pages by the object size', () => {
    expect(pageCountOf(0, P)).toBe(0);
    expect(pageCountOf(P, P)).toBe(1);
    expect(pageCountOf(P + 1, P)).toBe(2);
    expect(pageLengthOf(0, P + 1, P)).toBe(P);
    expect(pageLengthOf(1, P + 1, P)).toBe(1);
    expect(pageLengthOf(2, P + 1, P)).toBe(0);
  });

  it('cuts the first and last page of a span to the range', () => {
    const span = pageSpanOf(10 * P, P, P + 10, 2 * P);
    expect(sliceOfPage(span, 1, P)).toEqual({ start: 10, end: P });
    expect(sliceOfPage(span, 2, P)).toEqual({ start: 0, end: P });
    expect(sliceOfPage(span, 3, P)).toEqual({ start: 0, end: 10 });
  });
});
