// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { Long } from '@grpc/proto-loader';

export interface WriteObjectResponse {
  'size'?: (number | string | Long);
  'md5_hex'?: (string);
  'checksums'?: ({[key: string]: string});
  'ufs_version'?: (string);
  'last_modified_ms'?: (number | string | Long);
  'staged_location'?: (_silt_common_v1_UfsLocation | null);
}

export interface WriteObjectResponse__Output {
  'size': (number);
  'md5_hex': (string);
  'checksums': ({[key: string]: string});
  'ufs_version': (string);
  'last_modified_ms': (number);
  'staged_location': (_silt_common_v1_UfsLocation__Output | null);
}
