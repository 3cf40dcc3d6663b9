// Original file: proto/silt/metadata/v1/metadata.proto

import type { Upload as _silt_metadata_v1_Upload, Upload__Output as _silt_metadata_v1_Upload__Output } from '../../../silt/metadata/v1/Upload';

export interface CreateUploadRequest {
  'upload'?: (_silt_metadata_v1_Upload | null);
}

export interface CreateUploadRequest__Output {
  'upload': (_silt_metadata_v1_Upload__Output | null);
}
