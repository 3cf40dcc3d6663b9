// Original file: proto/silt/metadata/v1/metadata.proto

import type { Part as _silt_metadata_v1_Part, Part__Output as _silt_metadata_v1_Part__Output } from '../../../silt/metadata/v1/Part';

export interface PutPartResponse {
  'replaced'?: (_silt_metadata_v1_Part | null);
  '_replaced'?: "replaced";
}

export interface PutPartResponse__Output {
  'replaced'?: (_silt_metadata_v1_Part__Output | null);
  '_replaced'?: "replaced";
}
