import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ufsClient } from '../../../../libs/grpc/src/clients';
import { startGrpcServer, type RunningGrpcServer } from '../../../../libs/grpc/src/server';
import { fromGrpcError } from '../../../../libs/grpc/src/status';
import { LocalUfsAdapter } from '../adapters/local/local-adapter';
import { readObjectStream, writeObjectFromStream } from '../../../../libs/ufs-client/src/write-stream';
import { UfsOperations } from '../ufs-operations';
import { ufsServiceBinding } from './ufs.grpc-service';

const KEYS = ['café', '数据/1.bin', '®', 'emoji-😀'];
/** A never-answered call would wait for the 30 s default; this makes it fail fast instead. */
const PROMPT_MS = 3_000;
const loc = (path: string, mount_id = 'root') => ({ mount_id, path });

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('UfsService errors about non-ASCII keys (local root mount)', () => {
  let root: string;
  let server: RunningGrpcServer;
  let client: ReturnType<typeof ufsClient>;

  const write = (path: string, body: Buffer, mount = 'root') =>
    writeObjectFromStream(client.raw, { location: loc(path, mount), expected_size: body.length }, Readable.from([body]));
  const read = (path: string) => collect(readObjectStream(client.raw, { location: loc(path), offset: 0, length: -1 }));
  /** A server stream with a deadline: resolves when it ends, rejects with its status. */
  const drain = (call: NodeJS.EventEmitter) =>
    new Promise<unknown>((resolve, reject) => {
      call.on('data', () => undefined);
      call.on('end', () => resolve('ended'));
      call.on('error', reject);
    });
  const deadline = () => ({ deadline: Date.now() + PROMPT_MS });
  const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable('the call succeeded'), (e: unknown) => fromGrpcError(e));

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-non-ascii-'));
    const adapter = new LocalUfsAdapter({ root, fsync: false });
    await adapter.start();
    server = await startGrpcServer('127.0.0.1', 0, [ufsServiceBinding(new UfsOperations(new Map([['root', adapter]])))]);
    client = ufsClient(`127.0.0.1:${server.port}`);
    await client.api.CreateDirectory({ location: loc('bkt') });
  });
  afterAll(async () => {
    client.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(KEYS)('answers ReadObject of a missing %j with NoSuchKey and the key intact', async (key) => {
    const s3 = await failure(drain(client.raw.ReadObject({ location: loc(`bkt/${key}`), offset: 0, length: -1 }, deadline())));
    expect(s3.code).toBe('NoSuchKey');
    expect(Object.values(s3.details).join()).toContain(key);
  });

  it.each(KEYS)('answers CopyObject from a missing %j with NoSuchKey', async (key) => {
    const copy = client.api.CopyObject(
      { source: loc(`bkt/${key}`), destination: loc(`bkt/copy-of-${key}`), source_version: '', checksum_algorithms: [] },
      { timeoutMs: PROMPT_MS },
    );
    expect((await failure(copy)).code).toBe('NoSuchKey');
  });

  it('answers writes to a missing non-ASCII bucket and an unknown non-ASCII mount', async () => {
    expect((await failure(write('bücket/café', Buffer.from('x')))).code).toBe('NoSuchBucket');
    expect((await failure(write('bkt/café', Buffer.from('x'), 'mönt'))).code).toBe('InvalidArgument');
    const stat = client.api.StatObject({ location: loc('bkt/café', 'mönt') }, { timeoutMs: PROMPT_MS });
    expect((await failure(stat)).code).toBe('InvalidArgument');
  });

  it('answers ListObjects under an unknown non-ASCII mount promptly with its S3 error', async () => {
    const s3 = await failure(drain(client.raw.ListObjects({ location: loc('bkt/数据/', 'mönt') }, deadline())));
    expect(s3.code).toBe('InvalidArgument');
  });

  it.each(KEYS)('still writes, stats, reads and deletes %j', async (key) => {
    const body = Buffer.from(`body of ${key}`);
    const res = await write(`bkt/ok/${key}`, body);
    expect((await client.api.StatObject({ location: loc(`bkt/ok/${key}`) })).ufs_version).toBe(res.ufs_version);
    expect((await read(`bkt/ok/${key}`)).equals(body)).toBe(true);
    await client.api.DeleteObject({ location: loc(`bkt/ok/${key}`), if_version: '' });
    expect((await client.api.StatObject({ location: loc(`bkt/ok/${key}`) })).exists).toBe(false);
  });
});
