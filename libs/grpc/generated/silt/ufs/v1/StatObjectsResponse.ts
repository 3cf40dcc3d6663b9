// Original file: proto/silt/ufs/v1/ufs.proto

import type { StatObjectsResult as _silt_ufs_v1_StatObjectsResult, StatObjectsResult__Output as _silt_ufs_v1_StatObjectsResult__Output } from '../../../silt/ufs/v1/StatObjectsResult';

export interface StatObjectsResponse {
  'results'?: (_silt_ufs_v1_StatObjectsResult)[];
}

export interface StatObjectsResponse__Output {
  'results': (_silt_ufs_v1_StatObjectsResult__Output)[];
}
