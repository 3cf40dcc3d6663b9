// Original file: proto/silt/ufs/v1/ufs.proto


export interface ObjectDescription {
  'content_type'?: (string);
  'user_metadata'?: ({[key: string]: string});
  'system_metadata'?: ({[key: string]: string});
}

export interface ObjectDescription__Output {
  'content_type': (string);
  'user_metadata': ({[key: string]: string});
  'system_metadata': ({[key: string]: string});
}
