// Original file: proto/silt/blockcache/v1/blockcache.proto

import type { Long } from '@grpc/proto-loader';

export interface LoadObjectResponse {
  'pages_loaded'?: (number | string | Long);
  'pages_cached'?: (number | string | Long);
  'bytes_from_ufs'?: (number | string | Long);
}

export interface LoadObjectResponse__Output {
  'pages_loaded': (number);
  'pages_cached': (number);
  'bytes_from_ufs': (number);
}
