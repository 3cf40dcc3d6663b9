// Original file: proto/silt/metadata/v1/metadata.proto

import type { Long } from '@grpc/proto-loader';

export interface GetObjectRequest {
  'bucket'?: (string);
  'key'?: (string);
  'max_age_ms'?: (number | string | Long);
  'with_parts'?: (boolean);
}

export interface GetObjectRequest__Output {
  'bucket': (string);
  'key': (string);
  'max_age_ms': (number);
  'with_parts': (boolean);
}
