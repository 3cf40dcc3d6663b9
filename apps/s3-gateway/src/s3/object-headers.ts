import type { OutgoingHttpHeaders } from 'node:http';
import type { ObjectRecord__Output } from '../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import { checksumHeaderName, isChecksumAlgorithm } from '../../../../libs/s3-protocol/src/checksums/checksums';
import { formatHttpDate } from '../../../../libs/s3-protocol/src/validation/metadata';
import { quoteEtag } from '../../../../libs/s3-protocol/src/xml/documents';

/** Header text must be visible Latin-1; anything else goes out RFC 2047-encoded, as S3 returns such metadata. */
export function headerSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e\t]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

const httpDates = new Map<number, string>();

/** Last-Modified text, memoised: hot objects are answered many times with the same date. */
function httpDateOf(ms: number): string {
  let text = httpDates.get(ms);
  if (text === undefined) {
    if (httpDates.size >= 10_000) httpDates.clear();
    text = formatHttpDate(ms);
    httpDates.set(ms, text);
  }
  return text;
}

/**
 * The headers of a GET/HEAD answer that describe the object (not the range). Not x-amz-mp-parts-count: S3 sends it
 * only to a request with partNumber (the handler adds it).
 */
export function objectHeaders(record: ObjectRecord__Output, withChecksums: boolean): OutgoingHttpHeaders {
  const h: OutgoingHttpHeaders = {
    etag: quoteEtag(record.etag),
    'last-modified': httpDateOf(record.last_modified_ms),
    'content-type': headerSafe(record.content_type || 'binary/octet-stream'),
    'accept-ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(record.system_metadata ?? {})) h[name] = headerSafe(value);
  for (const [name, value] of Object.entries(record.user_metadata ?? {})) h[`x-amz-meta-${name}`] = headerSafe(value);
  if (record.storage_class && record.storage_class !== 'STANDARD') h['x-amz-storage-class'] = record.storage_class;
  if (record.tags?.length) h['x-amz-tagging-count'] = record.tags.length;
  if (withChecksums) {
    for (const [alg, value] of Object.entries(record.checksums ?? {})) {
      if (isChecksumAlgorithm(alg)) h[checksumHeaderName(alg)] = value;
    }
    if (record.checksum_type) h['x-amz-checksum-type'] = record.checksum_type;
  }
  return h;
}
