// Original file: proto/silt/metadata/v1/metadata.proto


export interface SyncObjectRequest {
  'bucket'?: (string);
  'key'?: (string);
}

export interface SyncObjectRequest__Output {
  'bucket': (string);
  'key': (string);
}
