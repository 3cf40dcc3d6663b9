// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { Long } from '@grpc/proto-loader';

export interface ReadObjectRequest {
  'location'?: (_silt_common_v1_UfsLocation | null);
  'offset'?: (number | string | Long);
  'length'?: (number | string | Long);
  'expected_version'?: (string);
  'expected_size'?: (number | string | Long);
}

export interface ReadObjectRequest__Output {
  'location': (_silt_common_v1_UfsLocation__Output | null);
  'offset': (number);
  'length': (number);
  'expected_version': (string);
  'expected_size': (number);
}
