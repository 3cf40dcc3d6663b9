// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { ComposePart as _silt_ufs_v1_ComposePart, ComposePart__Output as _silt_ufs_v1_ComposePart__Output } from '../../../silt/ufs/v1/ComposePart';

export interface ComposeObjectRequest {
  'destination'?: (_silt_common_v1_UfsLocation | null);
  'parts'?: (_silt_ufs_v1_ComposePart)[];
  'checksum_algorithms'?: (string)[];
  'skip_md5'?: (boolean);
}

export interface ComposeObjectRequest__Output {
  'destination': (_silt_common_v1_UfsLocation__Output | null);
  'parts': (_silt_ufs_v1_ComposePart__Output)[];
  'checksum_algorithms': (string)[];
  'skip_md5': (boolean);
}
