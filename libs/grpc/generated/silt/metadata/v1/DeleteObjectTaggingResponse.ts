// Original file: proto/silt/metadata/v1/metadata.proto


export interface DeleteObjectTaggingResponse {
}

export interface DeleteObjectTaggingResponse__Output {
}
