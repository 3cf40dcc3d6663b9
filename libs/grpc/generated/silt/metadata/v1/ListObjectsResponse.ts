// Original file: proto/silt/metadata/v1/metadata.proto

import type { ObjectSummary as _silt_metadata_v1_ObjectSummary, ObjectSummary__Output as _silt_metadata_v1_ObjectSummary__Output } from '../../../silt/metadata/v1/ObjectSummary';

export interface ListObjectsResponse {
  'objects'?: (_silt_metadata_v1_ObjectSummary)[];
  'common_prefixes'?: (string)[];
  'is_truncated'?: (boolean);
  'next_marker'?: (string);
}

export interface ListObjectsResponse__Output {
  'objects': (_silt_metadata_v1_ObjectSummary__Output)[];
  'common_prefixes': (string)[];
  'is_truncated': (boolean);
  'next_marker': (string);
}
