// Original file: proto/silt/ufs/v1/ufs.proto


export interface CreateDirectoryResponse {
}

export interface CreateDirectoryResponse__Output {
}
