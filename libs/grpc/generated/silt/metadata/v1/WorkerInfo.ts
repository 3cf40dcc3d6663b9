// Original file: proto/silt/metadata/v1/metadata.proto

import type { Long } from '@grpc/proto-loader';

export interface WorkerInfo {
  'worker_id'?: (string);
  'host'?: (string);
  'grpc_port'?: (number);
  'http_port'?: (number);
  'last_heartbeat_ms'?: (number | string | Long);
  'data_dir'?: (string);
}

export interface WorkerInfo__Output {
  'worker_id': (string);
  'host': (string);
  'grpc_port': (number);
  'http_port': (number);
  'last_heartbeat_ms': (number);
  'data_dir': (string);
}
