// Original file: proto/silt/blockcache/v1/blockcache.proto


export interface ReadRangeResponse {
  'data'?: (Buffer | Uint8Array | string);
}

export interface ReadRangeResponse__Output {
  'data': (Buffer);
}
