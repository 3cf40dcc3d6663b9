// Original file: proto/silt/metadata/v1/metadata.proto


export interface GetMountRequest {
  'mount_id'?: (string);
  'include_secrets'?: (boolean);
}

export interface GetMountRequest__Output {
  'mount_id': (string);
  'include_secrets': (boolean);
}
