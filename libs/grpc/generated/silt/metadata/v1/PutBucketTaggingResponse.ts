// Original file: proto/silt/metadata/v1/metadata.proto


export interface PutBucketTaggingResponse {
}

export interface PutBucketTaggingResponse__Output {
}
