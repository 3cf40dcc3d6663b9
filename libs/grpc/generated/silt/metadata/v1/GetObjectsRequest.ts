// Original file: proto/silt/metadata/v1/metadata.proto

import type { Long } from '@grpc/proto-loader';

export interface GetObjectsRequest {
  'bucket'?: (string);
  'keys'?: (string)[];
  'max_age_ms'?: (number | string | Long);
}

export interface GetObjectsRequest__Output {
  'bucket': (string);
  'keys': (string)[];
  'max_age_ms': (number);
}
