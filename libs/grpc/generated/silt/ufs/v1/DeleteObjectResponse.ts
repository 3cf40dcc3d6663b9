// Original file: proto/silt/ufs/v1/ufs.proto


export interface DeleteObjectResponse {
  'deleted'?: (boolean);
}

export interface DeleteObjectResponse__Output {
  'deleted': (boolean);
}
