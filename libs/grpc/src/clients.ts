import * as grpc from '@grpc/grpc-js';
import type { BlockCacheServiceClient } from '../generated/silt/blockcache/v1/BlockCacheService';
import type { MembershipServiceClient } from '../generated/silt/metadata/v1/MembershipService';
import type { MetadataServiceClient } from '../generated/silt/metadata/v1/MetadataService';
import type { MountServiceClient } from '../generated/silt/metadata/v1/MountService';
import type { MultipartServiceClient } from '../generated/silt/metadata/v1/MultipartService';
import type { UfsServiceClient } from '../generated/silt/ufs/v1/UfsService';
import { loadSiltProto } from './loader';
import { grpcChannelOptions } from './options';
import { markZeroCopySafe, UPLOAD_CHANNEL_OPTIONS } from './pre-framed';

export interface CallOptions {
  /** Milliseconds from now; default 30 s for unary calls. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The unary methods of a generated client (its PascalCase names), as promise-returning functions. */
export type PromiseApi<C> = {
  [K in keyof C as K extends `${Capitalize<string & K>}` ? (K extends keyof grpc.Client ? never : K) : never]: C[K] extends {
    (argument: infer Req, callback: grpc.requestCallback<infer Res>): grpc.ClientUnaryCall;
  }
    ? (request: Req, options?: CallOptions) => Promise<Res>
    : never;
};

export interface Typed<C extends grpc.Client> {
  /** The raw client, for streaming calls. */
  raw: C;
  api: PromiseApi<C>;
  close(): void;
}

function promiseApi<C extends grpc.Client>(client: C): PromiseApi<C> {
  return new Proxy({} as PromiseApi<C>, {
    get(_target, method: string) {
      const fn = (client as unknown as Record<string, unknown>)[method];
      if (typeof fn !== 'function') return undefined;
      return (request: unknown, options: CallOptions = {}) =>
        new Promise((resolve, reject) => {
          const deadline = Date.now() + (options.timeoutMs ?? 30_000);
          const call = (fn as (...args: unknown[]) => grpc.ClientUnaryCall).call(
            client,
            request,
            new grpc.Metadata(),
            { deadline },
            (err: grpc.ServiceError | null, res: unknown) => (err ? reject(err) : resolve(res)),
          );
          options.signal?.addEventListener('abort', () => call.cancel(), { once: true });
        });
    },
  });
}

function typed<C extends grpc.Client>(client: C): Typed<C> {
  return { raw: client, api: promiseApi(client), close: () => client.close() };
}

const insecure = () => grpc.credentials.createInsecure();

export function metadataClient(address: string): Typed<MetadataServiceClient> {
  return typed(new (loadSiltProto().silt.metadata.v1.MetadataService)(address, insecure(), grpcChannelOptions()));
}

export function membershipClient(address: string): Typed<MembershipServiceClient> {
  return typed(new (loadSiltProto().silt.metadata.v1.MembershipService)(address, insecure(), grpcChannelOptions()));
}

export function multipartClient(address: string): Typed<MultipartServiceClient> {
  return typed(new (loadSiltProto().silt.metadata.v1.MultipartService)(address, insecure(), grpcChannelOptions()));
}

export function mountClient(address: string): Typed<MountServiceClient> {
  return typed(new (loadSiltProto().silt.metadata.v1.MountService)(address, insecure(), grpcChannelOptions()));
}

export function ufsClient(address: string): Typed<UfsServiceClient> {
  return typed(new (loadSiltProto().silt.ufs.v1.UfsService)(address, insecure(), grpcChannelOptions()));
}

/**
 * A ufs client for body streams (WriteObject): its own connection, with no retry buffer, so the write stream can hand
 * its chunk buffers to HTTP/2 without grpc-js's framing copy (see pre-framed.ts). Unary calls keep `ufsClient`, whose
 * transparent retries this channel gives up.
 */
export function ufsUploadClient(address: string): Typed<UfsServiceClient> {
  const client = new (loadSiltProto().silt.ufs.v1.UfsService)(address, insecure(), { ...grpcChannelOptions(), ...UPLOAD_CHANNEL_OPTIONS });
  return typed(markZeroCopySafe(client));
}

export function blockCacheClient(address: string): Typed<BlockCacheServiceClient> {
  return typed(new (loadSiltProto().silt.blockcache.v1.BlockCacheService)(address, insecure(), grpcChannelOptions()));
}
