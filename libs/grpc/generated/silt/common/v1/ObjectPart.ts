// Original file: proto/silt/common/v1/common.proto

import type { Long } from '@grpc/proto-loader';

export interface ObjectPart {
  'part_number'?: (number);
  'size'?: (number | string | Long);
  'checksums'?: ({[key: string]: string});
}

export interface ObjectPart__Output {
  'part_number': (number);
  'size': (number);
  'checksums': ({[key: string]: string});
}
