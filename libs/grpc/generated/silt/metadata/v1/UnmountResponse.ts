// Original file: proto/silt/metadata/v1/metadata.proto


export interface UnmountResponse {
}

export interface UnmountResponse__Output {
}
