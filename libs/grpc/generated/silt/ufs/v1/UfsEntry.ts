// Original file: proto/silt/ufs/v1/ufs.proto

import type { Long } from '@grpc/proto-loader';

export interface UfsEntry {
  'key'?: (string);
  'size'?: (number | string | Long);
  'ufs_version'?: (string);
  'last_modified_ms'?: (number | string | Long);
  'etag'?: (string);
}

export interface UfsEntry__Output {
  'key': (string);
  'size': (number);
  'ufs_version': (string);
  'last_modified_ms': (number);
  'etag': (string);
}
