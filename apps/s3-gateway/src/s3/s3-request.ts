import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Operation } from '../../../../libs/s3-protocol/src/routing/routes';

/** One S3 request as the handlers see it: resolved once from the raw URL, with the raw body stream. */
export interface S3Request {
  id: string;
  op: Operation;
  bucket: string;
  key: string;
  query: Map<string, string>;
  headers: IncomingMessage['headers'];
  /** The authenticated (SIMPLE: claimed) user. */
  user: string;
  /** The request body, untouched: handlers stream it. */
  body: IncomingMessage;
  res: ServerResponse;
  /** Aborted when the client goes away before the response is complete. */
  signal: AbortSignal;
}

export type S3Handler = (req: S3Request) => Promise<void>;

/** The first value of a header (node joins most duplicates with ", " already). */
export function header(req: Pick<S3Request, 'headers'>, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
