// Original file: proto/silt/metadata/v1/metadata.proto


export interface GetObjectRequest {
  'bucket'?: (string);
  'key'?: (string);
}

export interface GetObjectRequest__Output {
  'bucket': (string);
  'key': (string);
}
