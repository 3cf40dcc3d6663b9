// Original file: proto/silt/metadata/v1/metadata.proto

import type { Long } from '@grpc/proto-loader';

export interface ObjectSummary {
  'key'?: (string);
  'size'?: (number | string | Long);
  'etag'?: (string);
  'last_modified_ms'?: (number | string | Long);
  'owner'?: (string);
  'storage_class'?: (string);
}

export interface ObjectSummary__Output {
  'key': (string);
  'size': (number);
  'etag': (string);
  'last_modified_ms': (number);
  'owner': (string);
  'storage_class': (string);
}
