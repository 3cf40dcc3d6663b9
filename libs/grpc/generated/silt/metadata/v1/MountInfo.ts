// Original file: proto/silt/metadata/v1/metadata.proto

import type { Long } from '@grpc/proto-loader';

export interface MountInfo {
  'mount_id'?: (string);
  'mount_point'?: (string);
  'ufs_uri'?: (string);
  'options'?: ({[key: string]: string});
  'created_ms'?: (number | string | Long);
  'from_config'?: (boolean);
}

export interface MountInfo__Output {
  'mount_id': (string);
  'mount_point': (string);
  'ufs_uri': (string);
  'options': ({[key: string]: string});
  'created_ms': (number);
  'from_config': (boolean);
}
