// Original file: proto/silt/common/v1/common.proto

import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from '../../../silt/common/v1/UfsLocation';
import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from '../../../silt/common/v1/Tag';
import type { ObjectPart as _silt_common_v1_ObjectPart, ObjectPart__Output as _silt_common_v1_ObjectPart__Output } from '../../../silt/common/v1/ObjectPart';
import type { Long } from '@grpc/proto-loader';

export interface ObjectRecord {
  'bucket'?: (string);
  'key'?: (string);
  'size'?: (number | string | Long);
  'etag'?: (string);
  'last_modified_ms'?: (number | string | Long);
  'content_type'?: (string);
  'user_metadata'?: ({[key: string]: string});
  'system_metadata'?: ({[key: string]: string});
  'checksums'?: ({[key: string]: string});
  'checksum_type'?: (string);
  'location'?: (_silt_common_v1_UfsLocation | null);
  'ufs_version'?: (string);
  'tags'?: (_silt_common_v1_Tag)[];
  'owner'?: (string);
  'parts_count'?: (number);
  'storage_class'?: (string);
  'part_sizes'?: (number | string | Long)[];
  'parts'?: (_silt_common_v1_ObjectPart)[];
}

export interface ObjectRecord__Output {
  'bucket': (string);
  'key': (string);
  'size': (number);
  'etag': (string);
  'last_modified_ms': (number);
  'content_type': (string);
  'user_metadata': ({[key: string]: string});
  'system_metadata': ({[key: string]: string});
  'checksums': ({[key: string]: string});
  'checksum_type': (string);
  'location': (_silt_common_v1_UfsLocation__Output | null);
  'ufs_version': (string);
  'tags': (_silt_common_v1_Tag__Output)[];
  'owner': (string);
  'parts_count': (number);
  'storage_class': (string);
  'part_sizes': (number)[];
  'parts': (_silt_common_v1_ObjectPart__Output)[];
}
