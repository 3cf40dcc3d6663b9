// Original file: proto/silt/metadata/v1/metadata.proto


export interface GetBucketRequest {
  'bucket'?: (string);
}

export interface GetBucketRequest__Output {
  'bucket': (string);
}
