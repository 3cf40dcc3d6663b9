// Original file: proto/silt/metadata/v1/metadata.proto


export interface MountRequest {
  'mount_point'?: (string);
  'ufs_uri'?: (string);
  'options'?: ({[key: string]: string});
  'owner'?: (string);
}

export interface MountRequest__Output {
  'mount_point': (string);
  'ufs_uri': (string);
  'options': ({[key: string]: string});
  'owner': (string);
}
