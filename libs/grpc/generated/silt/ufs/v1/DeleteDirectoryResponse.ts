// Original file: proto/silt/ufs/v1/ufs.proto


export interface DeleteDirectoryResponse {
}

export interface DeleteDirectoryResponse__Output {
}
