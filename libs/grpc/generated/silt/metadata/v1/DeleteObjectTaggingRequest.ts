// Original file: proto/silt/metadata/v1/metadata.proto


export interface DeleteObjectTaggingRequest {
  'bucket'?: (string);
  'key'?: (string);
}

export interface DeleteObjectTaggingRequest__Output {
  'bucket': (string);
  'key': (string);
}
