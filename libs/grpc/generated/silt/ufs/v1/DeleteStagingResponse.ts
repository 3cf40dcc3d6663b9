// Original file: proto/silt/ufs/v1/ufs.proto


export interface DeleteStagingResponse {
}

export interface DeleteStagingResponse__Output {
}
