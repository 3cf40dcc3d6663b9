// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsEntry as _silt_ufs_v1_UfsEntry, UfsEntry__Output as _silt_ufs_v1_UfsEntry__Output } from '../../../silt/ufs/v1/UfsEntry';

export interface ListUfsObjectsResponse {
  'entries'?: (_silt_ufs_v1_UfsEntry)[];
}

export interface ListUfsObjectsResponse__Output {
  'entries': (_silt_ufs_v1_UfsEntry__Output)[];
}
