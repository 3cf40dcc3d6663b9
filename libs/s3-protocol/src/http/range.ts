import { S3Error } from '../errors/s3-errors';

/** An inclusive byte range, as in `Content-Range: bytes start-end/size`. */
export interface ByteRange {
  start: number;
  end: number;
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

const unsatisfiable = (header: string, size: number) =>
  new S3Error('InvalidRange', undefined, { RangeRequested: header, ActualObjectSize: String(size) });

/**
 * The GetObject/HeadObject `Range` header. Returns undefined when the header must be ignored and the whole object
 * served with 200: absent, not `bytes=`, malformed (`bytes=5-2`, `bytes=-`, `bytes=a-b`), or several ranges (S3
 * documents no multi-range support and answers `bytes=0-499,500-502` with 200 and the whole object, as captured in
 * awslabs/aws-c-s3#257 and basho/riak_cs#304). Throws InvalidRange (416) when the range is
 * well formed but selects nothing: start at or past the end, a zero-length suffix, or any range of an empty object.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  const m = SINGLE_RANGE.exec(value);
  if (!m) return undefined;
  const [, first, last] = m;
  if (first === '' && last === '') return undefined;

  if (first === '') {
    // Suffix range: the last N bytes; more than the object means all of it.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw unsatisfiable(value, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) return undefined; // syntactically invalid per RFC 9110: ignored
  if (start >= size) throw unsatisfiable(value, size);
  return { start, end: Math.min(end, size - 1) };
}

/** `Content-Range` value for a range served out of an object of `size` bytes. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

/**
 * UploadPartCopy's `x-amz-copy-source-range`: only `bytes=first-last`, no suffix or open end. Bad syntax (or
 * first > last) is InvalidArgument; a range reaching past the source object is InvalidRange, as S3 answers.
 */
export function parseCopySourceRange(header: string, size: number): ByteRange {
  const m = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  const start = m ? Number(m[1]) : NaN;
  const end = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end) {
    throw new S3Error(
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: header },
    );
  }
  if (end >= size) throw unsatisfiable(header.trim(), size);
  return { start, end };
}
