// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';

export interface ListUfsObjectsRequest {
  'location'?: (_silt_common_v1_UfsLocation | null);
}

export interface ListUfsObjectsRequest__Output {
  'location': (_silt_common_v1_UfsLocation__Output | null);
}
