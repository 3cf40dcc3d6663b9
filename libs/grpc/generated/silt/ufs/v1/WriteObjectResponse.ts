// Original file: proto/silt/ufs/v1/ufs.proto

import type { Long } from '@grpc/proto-loader';

export interface WriteObjectResponse {
  'size'?: (number | string | Long);
  'md5_hex'?: (string);
  'checksums'?: ({[key: string]: string});
  'ufs_version'?: (string);
  'last_modified_ms'?: (number | string | Long);
}

export interface WriteObjectResponse__Output {
  'size': (number);
  'md5_hex': (string);
  'checksums': ({[key: string]: string});
  'ufs_version': (string);
  'last_modified_ms': (number);
}
