// Original file: proto/silt/blockcache/v1/blockcache.proto


export interface GetStatsRequest {
}

export interface GetStatsRequest__Output {
}
