// Original file: proto/silt/metadata/v1/metadata.proto

import type { Upload as _silt_metadata_v1_Upload, Upload__Output as _silt_metadata_v1_Upload__Output } from '../../../silt/metadata/v1/Upload';

export interface ListUploadsResponse {
  'uploads'?: (_silt_metadata_v1_Upload)[];
  'common_prefixes'?: (string)[];
  'is_truncated'?: (boolean);
  'next_key_marker'?: (string);
  'next_upload_id_marker'?: (string);
}

export interface ListUploadsResponse__Output {
  'uploads': (_silt_metadata_v1_Upload__Output)[];
  'common_prefixes': (string)[];
  'is_truncated': (boolean);
  'next_key_marker': (string);
  'next_upload_id_marker': (string);
}
