// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { StagingTarget as _silt_ufs_v1_StagingTarget, StagingTarget__Output as _silt_ufs_v1_StagingTarget__Output } from '../../../silt/ufs/v1/StagingTarget';
import type { ObjectDescription as _silt_ufs_v1_ObjectDescription, ObjectDescription__Output as _silt_ufs_v1_ObjectDescription__Output } from '../../../silt/ufs/v1/ObjectDescription';
import type { Long } from '@grpc/proto-loader';

export interface CopyObjectRequest {
  'source'?: (_silt_common_v1_UfsLocation | null);
  'destination'?: (_silt_common_v1_UfsLocation | null);
  'source_version'?: (string);
  'checksum_algorithms'?: (string)[];
  'range_start'?: (number | string | Long);
  'range_length'?: (number | string | Long);
  'staging'?: (_silt_ufs_v1_StagingTarget | null);
  'description'?: (_silt_ufs_v1_ObjectDescription | null);
}

export interface CopyObjectRequest__Output {
  'source': (_silt_common_v1_UfsLocation__Output | null);
  'destination': (_silt_common_v1_UfsLocation__Output | null);
  'source_version': (string);
  'checksum_algorithms': (string)[];
  'range_start': (number);
  'range_length': (number);
  'staging': (_silt_ufs_v1_StagingTarget__Output | null);
  'description': (_silt_ufs_v1_ObjectDescription__Output | null);
}
