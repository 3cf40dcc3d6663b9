import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import { metadataClient } from './clients';
import { loadSiltProto } from './loader';
import { connect, type Settings } from 'node:http2';
import { grpcChannelOptions, serverFlowControlWindow, setFlowControlWindow } from './options';
import { startGrpcServer, type RunningGrpcServer } from './server';
import { fromGrpcError, unary } from './status';

describe('gRPC plumbing: loader, server, promise clients, S3 codes across the wire', () => {
  let server: RunningGrpcServer;
  let client: ReturnType<typeof metadataClient>;

  beforeAll(async () => {
    const proto = loadSiltProto();
    server = await startGrpcServer('127.0.0.1', 0, [
      {
        definition: proto.silt.metadata.v1.MetadataService.service,
        implementation: {
          GetBucket: unary((req: { bucket: string }) => {
            if (req.bucket === 'missing') throw new S3Error('NoSuchBucket', undefined, { BucketName: req.bucket });
            if (req.bucket === 'boom') throw new Error('disk on fire');
            return { bucket: { name: req.bucket, owner: 'o', created_ms: 1_700_000_000_123, region: 'us-east-1' } };
          }),
        },
      },
    ]);
    client = metadataClient(`127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    client.close();
    await server.stop();
  });

  it("grants a client the server's flow-control window, per stream and per connection (grpc-js leaves both at 64 KiB)", async () => {
    const session = connect(`http://127.0.0.1:${server.port}`);
    try {
      // The server's first SETTINGS frame carries Node's defaults; the window comes in the one right after it.
      const granted = await new Promise<Settings>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no SETTINGS with the window; last: ${JSON.stringify(session.remoteSettings)}`)), 5_000);
        const check = (settings: Settings) => {
          if (settings.initialWindowSize !== serverFlowControlWindow().stream) return;
          clearTimeout(timer);
          resolve(settings);
        };
        session.on('remoteSettings', check);
        session.on('error', reject);
      });
      expect(granted.initialWindowSize).toBe(serverFlowControlWindow().stream);
      await expect.poll(() => session.state.remoteWindowSize ?? 0, { timeout: 5_000 }).toBe(serverFlowControlWindow().connection);
    } finally {
      session.destroy();
    }
  });

  it('takes grpc.flowControlWindow for clients and servers alike, the per-stream share capped at 2 MiB, within HTTP/2 bounds', () => {
    try {
      setFlowControlWindow(1024 * 1024);
      expect(grpcChannelOptions()['grpc-node.flow_control_window']).toBe(1024 * 1024);
      expect(serverFlowControlWindow()).toEqual({ connection: 1024 * 1024, stream: 1024 * 1024 });
      setFlowControlWindow(64 * 1024 * 1024);
      expect(serverFlowControlWindow()).toEqual({ connection: 64 * 1024 * 1024, stream: 2 * 1024 * 1024 });
      setFlowControlWindow(0);
      expect(grpcChannelOptions()['grpc-node.flow_control_window']).toBe(65_535);
      setFlowControlWindow(2 ** 40);
      expect(serverFlowControlWindow().connection).toBe(2 ** 31 - 1);
    } finally {
      setFlowControlWindow(32 * 1024 * 1024);
    }
  });

  it('round-trips a unary call with int64 as number', async () => {
    const res = await client.api.GetBucket({ bucket: 'b1' });
    expect(res.bucket?.name).toBe('b1');
    expect(res.bucket?.created_ms).toBe(1_700_000_000_123);
  });

  it('carries the S3 error code and details', async () => {
    const err = await client.api.GetBucket({ bucket: 'missing' }).catch((e: unknown) => e);
    const s3 = fromGrpcError(err);
    expect(s3.code).toBe('NoSuchBucket');
    expect(s3.details).toEqual({ BucketName: 'missing' });
  });

  it('turns an unexpected error into InternalError, and an unreachable service into ServiceUnavailable', async () => {
    expect(fromGrpcError(await client.api.GetBucket({ bucket: 'boom' }).catch((e: unknown) => e)).code).toBe('InternalError');
    const dead = metadataClient('127.0.0.1:1');
    const err = await dead.api.GetBucket({ bucket: 'x' }, { timeoutMs: 2_000 }).catch((e: unknown) => e);
    dead.close();
    expect(fromGrpcError(err).code).toBe('ServiceUnavailable');
  });
});
