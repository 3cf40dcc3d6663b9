// Original file: proto/silt/metadata/v1/metadata.proto

import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from '../../../silt/common/v1/ObjectRecord';

export interface DeleteObjectResponse {
  'deleted'?: (_silt_common_v1_ObjectRecord | null);
  '_deleted'?: "deleted";
}

export interface DeleteObjectResponse__Output {
  'deleted'?: (_silt_common_v1_ObjectRecord__Output | null);
  '_deleted'?: "deleted";
}
