// Original file: proto/silt/ufs/v1/ufs.proto

import type { Long } from '@grpc/proto-loader';

export interface StatObjectResponse {
  'exists'?: (boolean);
  'size'?: (number | string | Long);
  'ufs_version'?: (string);
  'last_modified_ms'?: (number | string | Long);
  'etag'?: (string);
}

export interface StatObjectResponse__Output {
  'exists': (boolean);
  'size': (number);
  'ufs_version': (string);
  'last_modified_ms': (number);
  'etag': (string);
}
