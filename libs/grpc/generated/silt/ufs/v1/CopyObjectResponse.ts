// Original file: proto/silt/ufs/v1/ufs.proto

import type { WriteObjectResponse as _silt_ufs_v1_WriteObjectResponse, WriteObjectResponse__Output as _silt_ufs_v1_WriteObjectResponse__Output } from '../../../silt/ufs/v1/WriteObjectResponse';

export interface CopyObjectResponse {
  'result'?: (_silt_ufs_v1_WriteObjectResponse | null);
}

export interface CopyObjectResponse__Output {
  'result': (_silt_ufs_v1_WriteObjectResponse__Output | null);
}
