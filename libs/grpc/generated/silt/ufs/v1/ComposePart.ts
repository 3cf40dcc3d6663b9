// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { Long } from '@grpc/proto-loader';

export interface ComposePart {
  'location'?: (_silt_common_v1_UfsLocation | null);
  'ufs_version'?: (string);
  'size'?: (number | string | Long);
}

export interface ComposePart__Output {
  'location': (_silt_common_v1_UfsLocation__Output | null);
  'ufs_version': (string);
  'size': (number);
}
