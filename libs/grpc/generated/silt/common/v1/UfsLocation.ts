// Original file: proto/silt/common/v1/common.proto


export interface UfsLocation {
  'mount_id'?: (string);
  'path'?: (string);
}

export interface UfsLocation__Output {
  'mount_id': (string);
  'path': (string);
}
