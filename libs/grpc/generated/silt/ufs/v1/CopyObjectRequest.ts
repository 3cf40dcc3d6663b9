// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';

export interface CopyObjectRequest {
  'source'?: (_silt_common_v1_UfsLocation | null);
  'destination'?: (_silt_common_v1_UfsLocation | null);
  'source_version'?: (string);
  'checksum_algorithms'?: (string)[];
}

export interface CopyObjectRequest__Output {
  'source': (_silt_common_v1_UfsLocation__Output | null);
  'destination': (_silt_common_v1_UfsLocation__Output | null);
  'source_version': (string);
  'checksum_algorithms': (string)[];
}
