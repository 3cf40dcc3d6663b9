// Original file: proto/silt/metadata/v1/metadata.proto

import type { Bucket as _silt_metadata_v1_Bucket, Bucket__Output as _silt_metadata_v1_Bucket__Output } from '../../../silt/metadata/v1/Bucket';

export interface ListBucketsResponse {
  'buckets'?: (_silt_metadata_v1_Bucket)[];
}

export interface ListBucketsResponse__Output {
  'buckets': (_silt_metadata_v1_Bucket__Output)[];
}
