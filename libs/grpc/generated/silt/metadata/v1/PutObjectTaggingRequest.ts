// Original file: proto/silt/metadata/v1/metadata.proto

import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from '../../../silt/common/v1/Tag';

export interface PutObjectTaggingRequest {
  'bucket'?: (string);
  'key'?: (string);
  'tags'?: (_silt_common_v1_Tag)[];
}

export interface PutObjectTaggingRequest__Output {
  'bucket': (string);
  'key': (string);
  'tags': (_silt_common_v1_Tag__Output)[];
}
