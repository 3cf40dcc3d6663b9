// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from '../../../silt/common/v1/Tag';

export interface SetObjectTagsRequest {
  'location'?: (_silt_common_v1_UfsLocation | null);
  'tags'?: (_silt_common_v1_Tag)[];
}

export interface SetObjectTagsRequest__Output {
  'location': (_silt_common_v1_UfsLocation__Output | null);
  'tags': (_silt_common_v1_Tag__Output)[];
}
