// Original file: proto/silt/metadata/v1/metadata.proto


export interface CreateBucketRequest {
  'bucket'?: (string);
  'owner'?: (string);
  'region'?: (string);
}

export interface CreateBucketRequest__Output {
  'bucket': (string);
  'owner': (string);
  'region': (string);
}
