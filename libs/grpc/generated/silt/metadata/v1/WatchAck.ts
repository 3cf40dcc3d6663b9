// Original file: proto/silt/metadata/v1/metadata.proto

import type { Long } from '@grpc/proto-loader';

export interface WatchAck {
  'seq'?: (number | string | Long);
  'renew'?: (number | string | Long);
  'release'?: (boolean);
}

export interface WatchAck__Output {
  'seq': (number);
  'renew': (number);
  'release': (boolean);
}
