// Original file: proto/silt/metadata/v1/metadata.proto


export interface ListObjectsRequest {
  'bucket'?: (string);
  'prefix'?: (string);
  'delimiter'?: (string);
  'start_after'?: (string);
  'max_keys'?: (number);
}

export interface ListObjectsRequest__Output {
  'bucket': (string);
  'prefix': (string);
  'delimiter': (string);
  'start_after': (string);
  'max_keys': (number);
}
