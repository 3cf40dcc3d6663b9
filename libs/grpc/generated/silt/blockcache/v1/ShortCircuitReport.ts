// Original file: proto/silt/blockcache/v1/blockcache.proto

import type { Long } from '@grpc/proto-loader';

export interface ShortCircuitReport {
  'page_hashes'?: (string)[];
  'bytes'?: (number | string | Long);
}

export interface ShortCircuitReport__Output {
  'page_hashes': (string)[];
  'bytes': (number);
}
