// Original file: proto/silt/metadata/v1/metadata.proto


export interface HeartbeatResponse {
  'known'?: (boolean);
}

export interface HeartbeatResponse__Output {
  'known': (boolean);
}
