// Original file: proto/silt/metadata/v1/metadata.proto


export interface DeleteBucketResponse {
}

export interface DeleteBucketResponse__Output {
}
