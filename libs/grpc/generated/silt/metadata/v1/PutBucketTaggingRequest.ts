// Original file: proto/silt/metadata/v1/metadata.proto

import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from '../../../silt/common/v1/Tag';

export interface PutBucketTaggingRequest {
  'bucket'?: (string);
  'tags'?: (_silt_common_v1_Tag)[];
}

export interface PutBucketTaggingRequest__Output {
  'bucket': (string);
  'tags': (_silt_common_v1_Tag__Output)[];
}
