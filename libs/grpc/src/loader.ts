import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as BlockCacheProto } from '../generated/blockcache';
import type { ProtoGrpcType as MetadataProto } from '../generated/metadata';
import type { ProtoGrpcType as UfsProto } from '../generated/ufs';
import { acceptPreEncoded } from './pre-encoded';

/** The same options `npm run gen:proto` generates the types with: the two must never drift apart. */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

const PROTO_FILES = [
  'silt/common/v1/common.proto',
  'silt/metadata/v1/metadata.proto',
  'silt/ufs/v1/ufs.proto',
  'silt/blockcache/v1/blockcache.proto',
];

/** `proto/` at the repository root, found from here whether we run from sources or from `dist/`. */
export function protoDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'silt'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`proto/ not found above ${__dirname}`);
  }
}

export type SiltProto = MetadataProto & UfsProto & BlockCacheProto;

let cached: SiltProto | undefined;

export function loadSiltProto(): SiltProto {
  if (!cached) {
    const definition = protoLoader.loadSync(PROTO_FILES, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoDir()] });
    acceptPreEncoded(definition);
    cached = grpc.loadPackageDefinition(definition) as unknown as SiltProto;
  }
  return cached;
}
