// Original file: proto/silt/metadata/v1/metadata.proto


export interface ListMountsRequest {
}

export interface ListMountsRequest__Output {
}
