// Original file: proto/silt/ufs/v1/ufs.proto

import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from '../../../silt/common/v1/Tag';

export interface ObjectDescription {
  'content_type'?: (string);
  'user_metadata'?: ({[key: string]: string});
  'system_metadata'?: ({[key: string]: string});
  'tags'?: (_silt_common_v1_Tag)[];
}

export interface ObjectDescription__Output {
  'content_type': (string);
  'user_metadata': ({[key: string]: string});
  'system_metadata': ({[key: string]: string});
  'tags': (_silt_common_v1_Tag__Output)[];
}
