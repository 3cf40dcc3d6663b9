// Original file: proto/silt/metadata/v1/metadata.proto


export interface DeleteBucketRequest {
  'bucket'?: (string);
}

export interface DeleteBucketRequest__Output {
  'bucket': (string);
}
