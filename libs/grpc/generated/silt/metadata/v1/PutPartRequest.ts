// Original file: proto/silt/metadata/v1/metadata.proto

import type { Part as _silt_metadata_v1_Part, Part__Output as _silt_metadata_v1_Part__Output } from '../../../silt/metadata/v1/Part';

export interface PutPartRequest {
  'bucket'?: (string);
  'key'?: (string);
  'upload_id'?: (string);
  'part'?: (_silt_metadata_v1_Part | null);
}

export interface PutPartRequest__Output {
  'bucket': (string);
  'key': (string);
  'upload_id': (string);
  'part': (_silt_metadata_v1_Part__Output | null);
}
