// Original file: proto/silt/common/v1/common.proto


export interface Tag {
  'key'?: (string);
  'value'?: (string);
}

export interface Tag__Output {
  'key': (string);
  'value': (string);
}
