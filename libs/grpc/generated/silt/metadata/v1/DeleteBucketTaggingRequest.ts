// Original file: proto/silt/metadata/v1/metadata.proto


export interface DeleteBucketTaggingRequest {
  'bucket'?: (string);
}

export interface DeleteBucketTaggingRequest__Output {
  'bucket': (string);
}
