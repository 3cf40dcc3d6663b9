// Original file: proto/silt/metadata/v1/metadata.proto

import type { Bucket as _silt_metadata_v1_Bucket, Bucket__Output as _silt_metadata_v1_Bucket__Output } from '../../../silt/metadata/v1/Bucket';

export interface CreateBucketResponse {
  'bucket'?: (_silt_metadata_v1_Bucket | null);
}

export interface CreateBucketResponse__Output {
  'bucket': (_silt_metadata_v1_Bucket__Output | null);
}
