// Original file: proto/silt/metadata/v1/metadata.proto


export interface DeleteBucketTaggingResponse {
}

export interface DeleteBucketTaggingResponse__Output {
}
