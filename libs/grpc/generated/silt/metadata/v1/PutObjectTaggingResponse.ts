// Original file: proto/silt/metadata/v1/metadata.proto


export interface PutObjectTaggingResponse {
}

export interface PutObjectTaggingResponse__Output {
}
