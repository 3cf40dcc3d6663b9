// Original file: proto/silt/blockcache/v1/blockcache.proto

import type { Long } from '@grpc/proto-loader';

export interface TierStats {
  'tier'?: (string);
  'capacity_bytes'?: (number | string | Long);
  'used_bytes'?: (number | string | Long);
  'pages'?: (number | string | Long);
  'hits'?: (number | string | Long);
  'evictions'?: (number | string | Long);
  'misses'?: (number | string | Long);
}

export interface TierStats__Output {
  'tier': (string);
  'capacity_bytes': (number);
  'used_bytes': (number);
  'pages': (number);
  'hits': (number);
  'evictions': (number);
  'misses': (number);
}
