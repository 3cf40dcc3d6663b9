// Original file: proto/silt/metadata/v1/metadata.proto

import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from '../../../silt/common/v1/ObjectRecord';

export interface CompleteUploadResponse {
  'object'?: (_silt_common_v1_ObjectRecord | null);
  'replaced'?: (_silt_common_v1_ObjectRecord | null);
  '_replaced'?: "replaced";
}

export interface CompleteUploadResponse__Output {
  'object': (_silt_common_v1_ObjectRecord__Output | null);
  'replaced'?: (_silt_common_v1_ObjectRecord__Output | null);
  '_replaced'?: "replaced";
}
