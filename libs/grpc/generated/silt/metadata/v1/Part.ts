// Original file: proto/silt/metadata/v1/metadata.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { Long } from '@grpc/proto-loader';

export interface Part {
  'part_number'?: (number);
  'size'?: (number | string | Long);
  'etag'?: (string);
  'last_modified_ms'?: (number | string | Long);
  'checksums'?: ({[key: string]: string});
  'location'?: (_silt_common_v1_UfsLocation | null);
  'ufs_version'?: (string);
}

export interface Part__Output {
  'part_number': (number);
  'size': (number);
  'etag': (string);
  'last_modified_ms': (number);
  'checksums': ({[key: string]: string});
  'location': (_silt_common_v1_UfsLocation__Output | null);
  'ufs_version': (string);
}
