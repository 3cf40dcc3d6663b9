// Original file: proto/silt/ufs/v1/ufs.proto


export interface SetObjectTagsResponse {
  'mirrored'?: (boolean);
}

export interface SetObjectTagsResponse__Output {
  'mirrored': (boolean);
}
