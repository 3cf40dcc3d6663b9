// Original file: proto/silt/metadata/v1/metadata.proto

import type { Long } from '@grpc/proto-loader';

export interface Invalidation {
  'seq'?: (number | string | Long);
  'bucket'?: (string);
  'key'?: (string);
  'renewed'?: (number | string | Long);
  'lease_ms'?: (number);
}

export interface Invalidation__Output {
  'seq': (number);
  'bucket': (string);
  'key': (string);
  'renewed': (number);
  'lease_ms': (number);
}
