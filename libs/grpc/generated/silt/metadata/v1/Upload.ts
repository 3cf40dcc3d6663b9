// Original file: proto/silt/metadata/v1/metadata.proto

import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from '../../../silt/common/v1/Tag';
import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from '../../../silt/common/v1/ObjectRecord';
import type { Long } from '@grpc/proto-loader';

export interface Upload {
  'upload_id'?: (string);
  'bucket'?: (string);
  'key'?: (string);
  'initiated_ms'?: (number | string | Long);
  'owner'?: (string);
  'content_type'?: (string);
  'user_metadata'?: ({[key: string]: string});
  'system_metadata'?: ({[key: string]: string});
  'tags'?: (_silt_common_v1_Tag)[];
  'checksum_algorithm'?: (string);
  'checksum_type'?: (string);
  'state'?: (string);
  'location'?: (_silt_common_v1_UfsLocation | null);
  'result'?: (_silt_common_v1_ObjectRecord | null);
  'storage_class'?: (string);
}

export interface Upload__Output {
  'upload_id': (string);
  'bucket': (string);
  'key': (string);
  'initiated_ms': (number);
  'owner': (string);
  'content_type': (string);
  'user_metadata': ({[key: string]: string});
  'system_metadata': ({[key: string]: string});
  'tags': (_silt_common_v1_Tag__Output)[];
  'checksum_algorithm': (string);
  'checksum_type': (string);
  'state': (string);
  'location': (_silt_common_v1_UfsLocation__Output | null);
  'result': (_silt_common_v1_ObjectRecord__Output | null);
  'storage_class': (string);
}
