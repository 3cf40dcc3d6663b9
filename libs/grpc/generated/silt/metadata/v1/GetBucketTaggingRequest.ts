// Original file: proto/silt/metadata/v1/metadata.proto


export interface GetBucketTaggingRequest {
  'bucket'?: (string);
}

export interface GetBucketTaggingRequest__Output {
  'bucket': (string);
}
