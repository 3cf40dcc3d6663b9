// Original file: proto/silt/ufs/v1/ufs.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { StagingTarget as _silt_ufs_v1_StagingTarget, StagingTarget__Output as _silt_ufs_v1_StagingTarget__Output } from '../../../silt/ufs/v1/StagingTarget';
import type { ObjectDescription as _silt_ufs_v1_ObjectDescription, ObjectDescription__Output as _silt_ufs_v1_ObjectDescription__Output } from '../../../silt/ufs/v1/ObjectDescription';
import type { Long } from '@grpc/proto-loader';

export interface WriteObjectHeader {
  'location'?: (_silt_common_v1_UfsLocation | null);
  'expected_size'?: (number | string | Long);
  'content_md5'?: (string);
  'checksum_algorithms'?: (string)[];
  'expected_checksums'?: ({[key: string]: string});
  'ends_with_trailer'?: (boolean);
  'staging'?: (_silt_ufs_v1_StagingTarget | null);
  'description'?: (_silt_ufs_v1_ObjectDescription | null);
  'expected_content_sha256'?: (string);
}

export interface WriteObjectHeader__Output {
  'location': (_silt_common_v1_UfsLocation__Output | null);
  'expected_size': (number);
  'content_md5': (string);
  'checksum_algorithms': (string)[];
  'expected_checksums': ({[key: string]: string});
  'ends_with_trailer': (boolean);
  'staging': (_silt_ufs_v1_StagingTarget__Output | null);
  'description': (_silt_ufs_v1_ObjectDescription__Output | null);
  'expected_content_sha256': (string);
}
