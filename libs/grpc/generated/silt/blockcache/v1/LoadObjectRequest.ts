// Original file: proto/silt/blockcache/v1/blockcache.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { Long } from '@grpc/proto-loader';

export interface LoadObjectRequest {
  'location'?: (_silt_common_v1_UfsLocation | null);
  'ufs_version'?: (string);
  'object_size'?: (number | string | Long);
  'offset'?: (number | string | Long);
  'length'?: (number | string | Long);
}

export interface LoadObjectRequest__Output {
  'location': (_silt_common_v1_UfsLocation__Output | null);
  'ufs_version': (string);
  'object_size': (number);
  'offset': (number);
  'length': (number);
}
