// Original file: proto/silt/ufs/v1/ufs.proto

import type { WriteObjectHeader as _silt_ufs_v1_WriteObjectHeader, WriteObjectHeader__Output as _silt_ufs_v1_WriteObjectHeader__Output } from '../../../silt/ufs/v1/WriteObjectHeader';
import type { WriteObjectTrailer as _silt_ufs_v1_WriteObjectTrailer, WriteObjectTrailer__Output as _silt_ufs_v1_WriteObjectTrailer__Output } from '../../../silt/ufs/v1/WriteObjectTrailer';

export interface WriteObjectRequest {
  'header'?: (_silt_ufs_v1_WriteObjectHeader | null);
  'chunk'?: (Buffer | Uint8Array | string);
  'trailer'?: (_silt_ufs_v1_WriteObjectTrailer | null);
  'payload'?: "header"|"chunk"|"trailer";
}

export interface WriteObjectRequest__Output {
  'header'?: (_silt_ufs_v1_WriteObjectHeader__Output | null);
  'chunk'?: (Buffer);
  'trailer'?: (_silt_ufs_v1_WriteObjectTrailer__Output | null);
  'payload'?: "header"|"chunk"|"trailer";
}
