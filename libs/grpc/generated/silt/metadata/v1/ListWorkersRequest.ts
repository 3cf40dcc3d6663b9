// Original file: proto/silt/metadata/v1/metadata.proto


export interface ListWorkersRequest {
}

export interface ListWorkersRequest__Output {
}
