import type { OutgoingHttpHeaders } from 'node:http';
import type { ObjectRecord__Output } from '../../../../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { evaluatePreconditions, readPreconditions } from '../../../../../libs/s3-protocol/src/http/conditionals';
import { contentRange, parseRange, type ByteRange } from '../../../../../libs/s3-protocol/src/http/range';
import { responseOverrides } from '../../../../../libs/s3-protocol/src/validation/metadata';
import { validateObjectKey } from '../../../../../libs/s3-protocol/src/validation/names';
import { objectHeaders } from '../object-headers';
import { sendBody, sendEmpty } from '../responses';
import { header, type S3Handler, type S3Request } from '../s3-request';
import type { GatewayServices } from '../services';

export function objectReadHandlers(s: GatewayServices) {
  async function resolve(req: S3Request): Promise<ObjectRecord__Output> {
    validateObjectKey(req.key);
    return s.records.get(req.bucket, req.key);
  }

  /** Everything GET and HEAD share: preconditions, partNumber, range, headers. Undefined = already answered. */
  function prepare(req: S3Request, record: ObjectRecord__Output): { status: number; range?: ByteRange; headers: OutgoingHttpHeaders } | undefined {
    const verdict = evaluatePreconditions(readPreconditions(req.headers), { etag: record.etag, lastModifiedMs: record.last_modified_ms }, req.body.method ?? 'GET');
    if (verdict === 'precondition-failed') throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
    if (verdict === 'not-modified') {
      const h = objectHeaders(record, false);
      sendEmpty(req, 304, { etag: h.etag, 'last-modified': h['last-modified'] });
      return undefined;
    }
    let range: ByteRange | undefined;
    const partNumber = req.query.get('partNumber');
    if (partNumber !== undefined) {
      const n = /^\d+$/.test(partNumber) ? Number(partNumber) : NaN;
      if (!(n >= 1 && n <= 10_000)) {
        throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
          ArgumentName: 'partNumber',
          ArgumentValue: partNumber,
        });
      }
      if (header(req, 'range') !== undefined) throw new S3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
      // A single-PUT object is one part; a multipart object keeps its part sizes in its record.
      const parts = record.parts_count > 0 ? record.part_sizes : [record.size];
      if (n > parts.length) throw new S3Error('InvalidPartNumber', 'The requested partnumber is not satisfiable');
      if (record.parts_count > 0) {
        const start = parts.slice(0, n - 1).reduce((a, b) => a + b, 0);
        range = { start, end: start + parts[n - 1] - 1 };
      }
    } else {
      range = parseRange(header(req, 'range'), record.size);
    }
    const checksumMode = header(req, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED';
    const headers: OutgoingHttpHeaders = { ...objectHeaders(record, checksumMode && range === undefined), ...responseOverrides(req.query) };
    if (partNumber !== undefined && record.parts_count === 0) delete headers['x-amz-mp-parts-count'];
    if (range) {
      headers['content-range'] = contentRange(range, record.size);
      headers['content-length'] = range.end - range.start + 1;
      return { status: 206, range, headers };
    }
    headers['content-length'] = record.size;
    return { status: 200, headers };
  }

  const HeadObject: S3Handler = async (req) => {
    const record = await resolve(req);
    const answer = prepare(req, record);
    if (answer) sendEmpty(req, answer.status, answer.headers);
  };

  const GetObject: S3Handler = async (req) => {
    const record = await resolve(req);
    const answer = prepare(req, record);
    if (!answer) return;
    const start = answer.range?.start ?? 0;
    const end = answer.range?.end ?? record.size - 1;
    const body = record.size === 0 ? Buffer.alloc(0) : await s.reader.read(record, start, end);
    await sendBody(req, answer.status, answer.headers, body);
  };

  return { HeadObject, GetObject };
}
