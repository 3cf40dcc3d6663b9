// Original file: proto/silt/ufs/v1/ufs.proto


export interface ReadObjectResponse {
  'chunk'?: (Buffer | Uint8Array | string);
}

export interface ReadObjectResponse__Output {
  'chunk': (Buffer);
}
