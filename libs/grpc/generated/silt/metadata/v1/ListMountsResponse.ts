// Original file: proto/silt/metadata/v1/metadata.proto

import type { MountInfo as _silt_metadata_v1_MountInfo, MountInfo__Output as _silt_metadata_v1_MountInfo__Output } from '../../../silt/metadata/v1/MountInfo';

export interface ListMountsResponse {
  'mounts'?: (_silt_metadata_v1_MountInfo)[];
}

export interface ListMountsResponse__Output {
  'mounts': (_silt_metadata_v1_MountInfo__Output)[];
}
