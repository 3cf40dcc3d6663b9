// Original file: proto/silt/metadata/v1/metadata.proto


export interface GetObjectTaggingRequest {
  'bucket'?: (string);
  'key'?: (string);
}

export interface GetObjectTaggingRequest__Output {
  'bucket': (string);
  'key': (string);
}
