// Original file: proto/silt/metadata/v1/metadata.proto

import type { Upload as _silt_metadata_v1_Upload, Upload__Output as _silt_metadata_v1_Upload__Output } from '../../../silt/metadata/v1/Upload';
import type { Part as _silt_metadata_v1_Part, Part__Output as _silt_metadata_v1_Part__Output } from '../../../silt/metadata/v1/Part';

export interface ListPartsResponse {
  'upload'?: (_silt_metadata_v1_Upload | null);
  'parts'?: (_silt_metadata_v1_Part)[];
  'is_truncated'?: (boolean);
  'next_part_number_marker'?: (number);
}

export interface ListPartsResponse__Output {
  'upload': (_silt_metadata_v1_Upload__Output | null);
  'parts': (_silt_metadata_v1_Part__Output)[];
  'is_truncated': (boolean);
  'next_part_number_marker': (number);
}
