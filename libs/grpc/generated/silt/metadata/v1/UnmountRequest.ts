// Original file: proto/silt/metadata/v1/metadata.proto


export interface UnmountRequest {
  'mount_point'?: (string);
}

export interface UnmountRequest__Output {
  'mount_point': (string);
}
