// Original file: proto/silt/metadata/v1/metadata.proto

import type { MountInfo as _silt_metadata_v1_MountInfo, MountInfo__Output as _silt_metadata_v1_MountInfo__Output } from '../../../silt/metadata/v1/MountInfo';

export interface GetMountResponse {
  'mount'?: (_silt_metadata_v1_MountInfo | null);
}

export interface GetMountResponse__Output {
  'mount': (_silt_metadata_v1_MountInfo__Output | null);
}
