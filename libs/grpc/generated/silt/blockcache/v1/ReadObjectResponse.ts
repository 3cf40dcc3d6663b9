// Original file: proto/silt/blockcache/v1/blockcache.proto


export interface ReadObjectResponse {
  'chunk'?: (Buffer | Uint8Array | string);
}

export interface ReadObjectResponse__Output {
  'chunk': (Buffer);
}
