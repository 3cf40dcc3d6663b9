/**
 * A hostile-input sweep against a real cluster: malformed query parameters, headers, bodies and keys each answer
 * S3's status and code (never a 500, a hang or a crash), store nothing, log nothing at error level, and leave every
 * process alive. Raw HTTP / raw sockets for what no SDK sends.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestCluster, type TestCluster } from './helpers/test-cluster';

const codeOf = (body: string) => /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? '';
const bucket = 'hostile';

/** Writes `data` on a socket and resolves with the first answer's status and code (or 'none' after `waitMs`). */
function socketAnswer(endpoint: string, data: Buffer, waitMs: number): Promise<string> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(data));
    let text = '';
    socket.setEncoding('latin1');
    const done = (answer: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done('none'), waitMs);
    socket.on('data', (c: string) => {
      text += c;
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && text.length >= end + 4 + Number(length)) {
        done(`${text.split(' ')[1]} ${codeOf(text.slice(end + 4))}`.trim());
      }
    });
    socket.on('error', () => done(`closed ${text.split(' ')[1] ?? ''}`.trim()));
  });
}

describe('hostile-input sweep', () => {
  let cluster: TestCluster;
  const answer = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
    const r = await rawRequest(cluster.endpoint, method, path, {
      headers: body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers },
      body,
    });
    return `${r.status} ${codeOf(r.body)}`.trim();
  };
  const stored = async (key: string) => (await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/${key}`)).status === 200;

  beforeAll(async () => {
    cluster = await startTestCluster();
    expect(await answer('PUT', `/${bucket}`, {}, '')).toBe('200');
    expect(await answer('PUT', `/${bucket}/obj`, {}, 'hello world')).toBe('200');
  });
  afterAll(async () => {
    // Every service survived the sweep, and no client error was logged as a server error (level >= 50).
    if (cluster) {
      for (const [label, p] of cluster.processes) expect({ label, exit: p.child.exitCode }).toEqual({ label, exit: null });
      expect(cluster.logs.filter((l) => /"level":(5|6)\d/.test(l))).toEqual([]);
    }
    await cluster?.dispose();
  });

  it.each<[string, string, string]>([
    ['max-keys=abc', `/${bucket}?max-keys=abc`, '400 InvalidArgument'],
    ['max-keys=-1', `/${bucket}?max-keys=-1`, '400 InvalidArgument'],
    ['max-keys=1.5 (V2)', `/${bucket}?list-type=2&max-keys=1.5`, '400 InvalidArgument'],
    ['max-uploads huge', `/${bucket}?uploads&max-uploads=99999999999`, '400 InvalidArgument'],
    ['encoding-type=bogus', `/${bucket}?list-type=2&encoding-type=bogus`, '400 InvalidArgument'],
    ['a garbage continuation-token', `/${bucket}?list-type=2&continuation-token=garbage`, '400 InvalidArgument'],
    ['an invalid UTF-8 prefix', `/${bucket}?prefix=%C3%28`, '400 InvalidArgument'],
    ['partNumber=0', `/${bucket}/obj?partNumber=0`, '400 InvalidArgument'],
    ['partNumber=10001', `/${bucket}/obj?partNumber=10001`, '400 InvalidArgument'],
    ['partNumber=1.5', `/${bucket}/obj?partNumber=1.5`, '400 InvalidArgument'],
    ['partNumber past the parts', `/${bucket}/obj?partNumber=2`, '416 InvalidPartNumber'],
    ['an empty uploadId', `/${bucket}/obj?uploadId=`, '404 NoSuchUpload'],
    ['max-parts=x', `/${bucket}/obj?uploadId=u&max-parts=x`, '400 InvalidArgument'],
    ['part-number-marker=-1', `/${bucket}/obj?uploadId=u&part-number-marker=-1`, '400 InvalidArgument'],
    ['response-content-type with CR/LF', `/${bucket}/obj?response-content-type=a%0d%0ab`, '400 InvalidArgument'],
    ['an empty versionId', `/${bucket}/obj?versionId=`, '400 InvalidArgument'],
  ])('GET with %s answers S3 error', async (_label, path, expected) => {
    expect(await answer('GET', path)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['bytes=--1', 'bytes=--1', '200'],
    ['bytes=5-1', 'bytes=5-1', '200'],
    ['multiple ranges', 'bytes=0-1,3-4', '200'],
    ['a start past the end', 'bytes=99999999999999999999-', '416 InvalidRange'],
    ['a huge end', 'bytes=0-99999999999999999999', '206'],
  ])('Range %s: unparseable is the whole object, unsatisfiable 416 (as S3)', async (_label, range, expected) => {
    expect(await answer('GET', `/${bucket}/obj`, { range })).toBe(expected);
  });

  it.each<[string, Record<string, string>, string]>([
    ['If-Match garbage', { 'if-match': 'garbage' }, '412 PreconditionFailed'],
    ['If-None-Match garbage', { 'if-none-match': 'garbage' }, '200'],
    ['If-Modified-Since not a date', { 'if-modified-since': 'not a date' }, '200'],
    ['If-Unmodified-Since not a date', { 'if-unmodified-since': 'Tue, 99 Dec 2026 00:00:00 GMT' }, '200'],
  ])('GET with %s', async (_label, headers, expected) => {
    expect(await answer('GET', `/${bucket}/obj`, headers)).toBe(expected);
  });

  it.each<[string, Record<string, string>, string]>([
    ['x-amz-tagging with a bad percent-escape', { 'x-amz-tagging': 'a=%zz' }, '400 InvalidArgument'],
    ['x-amz-tagging "="', { 'x-amz-tagging': '=' }, '400 InvalidTag'],
    ['11 tags', { 'x-amz-tagging': Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&') }, '400 InvalidTag'],
    ['duplicate tag keys', { 'x-amz-tagging': 'a=1&a=2' }, '400 InvalidTag'],
    ['a lone surrogate tag value', { 'x-amz-tagging': 'a=%ED%A0%80' }, '400 InvalidArgument'],
    ['Content-MD5 of the wrong length', { 'content-md5': 'AAAA' }, '400 InvalidDigest'],
    ['Content-Length garbage', { 'content-length': 'abc' }, '400 InvalidRequest'],
    ['Content-Length negative', { 'content-length': '-1' }, '400 InvalidRequest'],
    ['a copy source with a bad escape', { 'x-amz-copy-source': `/${bucket}/%zz` }, '400 InvalidArgument'],
    ['a copy source without a key', { 'x-amz-copy-source': `/${bucket}` }, '400 InvalidArgument'],
    ['a copy source in a missing bucket', { 'x-amz-copy-source': '/no-such-bucket-x/obj' }, '404 NoSuchBucket'],
  ])('PutObject with %s is refused and stores nothing', async (label, headers, expected) => {
    const key = `put-${label.replace(/\W+/g, '-')}`;
    const raw = { ...headers };
    const body = 'data';
    if (!('content-length' in raw)) raw['content-length'] = '4';
    const got = await socketAnswer(cluster.endpoint, Buffer.from(`PUT /${bucket}/${key} HTTP/1.1\r\nhost: x\r\n${Object.entries(raw).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`, 'latin1'), 10_000);
    expect(got).toBe(expected);
    expect(await stored(key)).toBe(false);
  });

  it('stores a non-ASCII Content-Type as sent and returns it RFC 2047-encoded, not double-encoded', async () => {
    const sent = Buffer.from(`PUT /${bucket}/ct HTTP/1.1\r\nhost: x\r\ncontent-type: \u00e9/\u00e9\r\ncontent-length: 1\r\n\r\nd`, 'utf8');
    expect(await socketAnswer(cluster.endpoint, sent, 10_000)).toBe('200');
    const head = await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/ct`);
    expect(head.headers['content-type']).toBe(`=?UTF-8?B?${Buffer.from('\u00e9/\u00e9').toString('base64')}?=`);
  });

  it.each<[string, string, string]>([
    ['a bad chunk size', 'zz\r\ndata\r\n0\r\n\r\n', '400 InvalidRequest'],
    ['a missing final chunk', '4\r\ndata\r\n', '400 IncompleteBody'],
    ['a chunk shorter than its size', '8\r\ndata\r\n0\r\n\r\n', '400 InvalidRequest'],
  ])('an aws-chunked body with %s is refused and stores nothing', async (label, body, expected) => {
    const key = `chunked-${label.replace(/\W+/g, '-')}`;
    const head = `PUT /${bucket}/${key} HTTP/1.1\r\nhost: x\r\ncontent-encoding: aws-chunked\r\nx-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\nx-amz-trailer: x-amz-checksum-crc32\r\nx-amz-decoded-content-length: 4\r\ncontent-length: ${body.length}\r\n\r\n`;
    expect(await socketAnswer(cluster.endpoint, Buffer.from(head + body, 'latin1'), 10_000)).toBe(expected);
    expect(await stored(key)).toBe(false);
  });

  it('a truncated PutObject (client closes early) stores nothing', async () => {
    const url = new URL(cluster.endpoint);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.end(`PUT /${bucket}/truncated HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\ndata`);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    expect(await stored('truncated')).toBe(false);
    expect(await answer('GET', `/${bucket}?prefix=truncated`)).toBe('200');
  });

  it('a stalled PutObject answers 400 RequestTimeout after about 20 s, as S3, and stores nothing', async () => {
    const head = `PUT /${bucket}/stalled HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\ndata`;
    expect(await socketAnswer(cluster.endpoint, Buffer.from(head), 40_000)).toBe('400 RequestTimeout');
    expect(await stored('stalled')).toBe(false);
  }, 45_000);

  it.each<[string, string, string]>([
    ['a "." segment', `/${bucket}/a/./b`, '400'],
    ['a ".." segment', `/${bucket}/a/../b`, '400'],
    ['%00', `/${bucket}/a%00b`, '400'],
    ['an invalid UTF-8 sequence', `/${bucket}/%C3%28`, '400'],
    ['a lone surrogate', `/${bucket}/%ED%A0%80`, '400'],
    ['a 1025-byte key', `/${bucket}/${'k'.repeat(1025)}`, '400'],
  ])('a key with %s is refused with 400', async (_label, path, status) => {
    expect((await answer('PUT', path, {}, 'x')).split(' ')[0]).toBe(status);
  });

  // Object calls on such names answer 404 NoSuchBucket (no bucket of that name can exist); CreateBucket refuses them.
  it.each(['Hostile', 'ab', 'a'.repeat(64), '192.168.1.1', 'a..b'])('CreateBucket %s answers 400 InvalidBucketName', async (name) => {
    expect(await answer('PUT', `/${name}`, {}, '')).toBe('400 InvalidBucketName');
  });
});
