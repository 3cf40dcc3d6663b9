// Original file: proto/silt/ufs/v1/ufs.proto


export interface DeleteStagingRequest {
  'mount_id'?: (string);
  'upload_id'?: (string);
}

export interface DeleteStagingRequest__Output {
  'mount_id': (string);
  'upload_id': (string);
}
