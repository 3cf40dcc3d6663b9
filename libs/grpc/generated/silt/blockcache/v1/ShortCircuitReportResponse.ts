// Original file: proto/silt/blockcache/v1/blockcache.proto


export interface ShortCircuitReportResponse {
}

export interface ShortCircuitReportResponse__Output {
}
