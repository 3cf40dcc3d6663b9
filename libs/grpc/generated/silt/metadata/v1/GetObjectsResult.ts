// Original file: proto/silt/metadata/v1/metadata.proto

import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from '../../../silt/common/v1/ObjectRecord';
import type { Long } from '@grpc/proto-loader';

export interface GetObjectsResult {
  'object'?: (_silt_common_v1_ObjectRecord | null);
  'checked_age_ms'?: (number | string | Long);
  'error_code'?: (string);
}

export interface GetObjectsResult__Output {
  'object': (_silt_common_v1_ObjectRecord__Output | null);
  'checked_age_ms': (number);
  'error_code': (string);
}
