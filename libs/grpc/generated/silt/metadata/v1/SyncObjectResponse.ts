// Original file: proto/silt/metadata/v1/metadata.proto

import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from '../../../silt/common/v1/ObjectRecord';

export interface SyncObjectResponse {
  'object'?: (_silt_common_v1_ObjectRecord | null);
  'changed'?: (boolean);
}

export interface SyncObjectResponse__Output {
  'object': (_silt_common_v1_ObjectRecord__Output | null);
  'changed': (boolean);
}
