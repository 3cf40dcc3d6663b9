import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { pagePartsAfter, parseObjectAttributes, parsePartsPaging } from './object-attributes';

const errorOf = (fn: () => unknown): S3Error => {
  try {
    fn();
  } catch (e) {
    return e as S3Error;
  }
  throw new Error('did not throw');
};

describe(parseObjectAttributes.name, () => {
  it('reads the comma list SDKs send, repeated headers and stray spaces included', () => {
    expect([...parseObjectAttributes('ETag,Checksum, ObjectParts')]).toEqual(['ETag', 'Checksum', 'ObjectParts']);
    expect([...parseObjectAttributes(['StorageClass', 'ObjectSize,,'])]).toEqual(['StorageClass', 'ObjectSize']);
  });

  it.each([[undefined], [''], [' , ']])('answers %j with InvalidRequest, as S3 does for a missing or empty header', (value) => {
    const err = errorOf(() => parseObjectAttributes(value));
    expect([err.code, err.status]).toEqual(['InvalidRequest', 400]);
  });

  it('answers an unknown name with InvalidArgument naming it', () => {
    const err = errorOf(() => parseObjectAttributes('ETag,Dummy'));
    expect([err.code, err.message, err.details]).toEqual([
      'InvalidArgument',
      'Invalid attribute name specified.',
      { ArgumentName: 'x-amz-object-attributes', ArgumentValue: 'Dummy' },
    ]);
    expect(errorOf(() => parseObjectAttributes('etag')).code).toBe('InvalidArgument'); // names are case-sensitive
  });
});

describe(parsePartsPaging.name, () => {
  it('defaults to 1000 parts from the first', () => expect(parsePartsPaging(undefined, undefined)).toEqual({ maxParts: 1000, partNumberMarker: 0 }));
  it('caps max-parts at 1000', () => expect(parsePartsPaging('5000', '3')).toEqual({ maxParts: 1000, partNumberMarker: 3 }));
  it('ignores values that are not non-negative integers, as S3 does', () =>
    expect(parsePartsPaging('-1', 'x')).toEqual({ maxParts: 1000, partNumberMarker: 0 }));
});

describe(pagePartsAfter.name, () => {
  const parts = [1, 2, 4, 7].map((n) => ({ part_number: n }));
  it('lists parts after the marker, truncated at max-parts', () =>
    expect(pagePartsAfter(parts, { maxParts: 2, partNumberMarker: 1 })).toEqual({
      parts: [{ part_number: 2 }, { part_number: 4 }],
      isTruncated: true,
      nextPartNumberMarker: 4,
    }));
  it('ends untruncated at the last part', () =>
    expect(pagePartsAfter(parts, { maxParts: 2, partNumberMarker: 4 })).toEqual({ parts: [{ part_number: 7 }], isTruncated: false, nextPartNumberMarker: 7 }));
  it('answers a marker past the end with an empty page', () =>
    expect(pagePartsAfter(parts, { maxParts: 2, partNumberMarker: 7 })).toEqual({ parts: [], isTruncated: false, nextPartNumberMarker: 0 }));
});
