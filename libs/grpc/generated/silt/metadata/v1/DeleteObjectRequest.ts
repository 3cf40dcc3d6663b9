// Original file: proto/silt/metadata/v1/metadata.proto


export interface DeleteObjectRequest {
  'bucket'?: (string);
  'key'?: (string);
  'if_ufs_version'?: (string);
}

export interface DeleteObjectRequest__Output {
  'bucket': (string);
  'key': (string);
  'if_ufs_version': (string);
}
