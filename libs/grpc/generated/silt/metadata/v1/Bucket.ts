// Original file: proto/silt/metadata/v1/metadata.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { Long } from '@grpc/proto-loader';

export interface Bucket {
  'name'?: (string);
  'owner'?: (string);
  'created_ms'?: (number | string | Long);
  'region'?: (string);
  'location'?: (_silt_common_v1_UfsLocation | null);
}

export interface Bucket__Output {
  'name': (string);
  'owner': (string);
  'created_ms': (number);
  'region': (string);
  'location': (_silt_common_v1_UfsLocation__Output | null);
}
