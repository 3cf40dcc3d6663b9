// Original file: proto/silt/blockcache/v1/blockcache.proto

import type { TierStats as _silt_blockcache_v1_TierStats, TierStats__Output as _silt_blockcache_v1_TierStats__Output } from '../../../silt/blockcache/v1/TierStats';
import type { Long } from '@grpc/proto-loader';

export interface GetStatsResponse {
  'worker_id'?: (string);
  'tiers'?: (_silt_blockcache_v1_TierStats)[];
  'hits'?: (number | string | Long);
  'misses'?: (number | string | Long);
  'bytes_from_ufs'?: (number | string | Long);
  'bytes_served'?: (number | string | Long);
  'short_circuit_hits'?: (number | string | Long);
  'pages_loaded'?: (number | string | Long);
  'pages_freed'?: (number | string | Long);
}

export interface GetStatsResponse__Output {
  'worker_id': (string);
  'tiers': (_silt_blockcache_v1_TierStats__Output)[];
  'hits': (number);
  'misses': (number);
  'bytes_from_ufs': (number);
  'bytes_served': (number);
  'short_circuit_hits': (number);
  'pages_loaded': (number);
  'pages_freed': (number);
}
