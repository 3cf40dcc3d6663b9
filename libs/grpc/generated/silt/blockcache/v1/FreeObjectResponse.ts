// Original file: proto/silt/blockcache/v1/blockcache.proto

import type { Long } from '@grpc/proto-loader';

export interface FreeObjectResponse {
  'pages_freed'?: (number | string | Long);
}

export interface FreeObjectResponse__Output {
  'pages_freed': (number);
}
