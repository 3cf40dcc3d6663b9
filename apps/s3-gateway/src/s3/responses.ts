import type { OutgoingHttpHeaders } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { DirectBody } from '../data/short-circuit';
import type { S3Request } from './s3-request';

const XML_TYPE = 'application/xml';

/** Ends the response with an XML document. */
export function sendXml(req: S3Request, status: number, xml: string, headers: OutgoingHttpHeaders = {}): void {
  const body = Buffer.from(xml, 'utf8');
  req.res.writeHead(status, { ...headers, 'content-type': XML_TYPE, 'content-length': body.length });
  req.res.end(req.body.method === 'HEAD' ? undefined : body);
}

/** Ends the response with no body (HEAD answers keep their Content-Length: node sends no body for HEAD). */
export function sendEmpty(req: S3Request, status: number, headers: OutgoingHttpHeaders = {}): void {
  if (!('content-length' in headers) && status !== 304 && status !== 204) headers['content-length'] = 0;
  req.res.writeHead(status, headers);
  req.res.end();
}

/** Sends a buffer or streams a body with backpressure; a source failing mid-way cuts the connection (never a short 200). */
export async function sendBody(
  req: S3Request,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Buffer | Readable | DirectBody,
): Promise<void> {
  req.res.writeHead(status, headers);
  if (Buffer.isBuffer(body)) {
    req.res.end(body);
    return;
  }
  try {
    if ('writeTo' in body) await body.writeTo(req.res);
    else await pipeline(body, req.res);
  } catch (err) {
    req.res.destroy();
    if (!req.signal.aborted) throw err;
  }
}
