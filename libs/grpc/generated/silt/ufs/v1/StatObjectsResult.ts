// Original file: proto/silt/ufs/v1/ufs.proto

import type { StatObjectResponse as _silt_ufs_v1_StatObjectResponse, StatObjectResponse__Output as _silt_ufs_v1_StatObjectResponse__Output } from '../../../silt/ufs/v1/StatObjectResponse';

export interface StatObjectsResult {
  'stat'?: (_silt_ufs_v1_StatObjectResponse | null);
  'error_code'?: (string);
  'error_message'?: (string);
}

export interface StatObjectsResult__Output {
  'stat': (_silt_ufs_v1_StatObjectResponse__Output | null);
  'error_code': (string);
  'error_message': (string);
}
