// Original file: proto/silt/metadata/v1/metadata.proto

import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from '../../../silt/common/v1/ObjectRecord';

export interface CompleteUploadRequest {
  'bucket'?: (string);
  'key'?: (string);
  'upload_id'?: (string);
  'object'?: (_silt_common_v1_ObjectRecord | null);
  'if_none_match_any'?: (boolean);
  'if_match_etag'?: (string);
  '_if_match_etag'?: "if_match_etag";
}

export interface CompleteUploadRequest__Output {
  'bucket': (string);
  'key': (string);
  'upload_id': (string);
  'object': (_silt_common_v1_ObjectRecord__Output | null);
  'if_none_match_any': (boolean);
  'if_match_etag'?: (string);
  '_if_match_etag'?: "if_match_etag";
}
