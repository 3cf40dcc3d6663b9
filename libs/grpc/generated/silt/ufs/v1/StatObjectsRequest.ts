// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';

export interface StatObjectsRequest {
  'locations'?: (_silt_common_v1_UfsLocation)[];
}

export interface StatObjectsRequest__Output {
  'locations': (_silt_common_v1_UfsLocation__Output)[];
}
