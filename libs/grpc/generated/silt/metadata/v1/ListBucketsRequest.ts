// Original file: proto/silt/metadata/v1/metadata.proto


export interface ListBucketsRequest {
}

export interface ListBucketsRequest__Output {
}
