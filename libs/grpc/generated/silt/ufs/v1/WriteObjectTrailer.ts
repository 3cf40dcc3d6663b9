// Original file: proto/silt/ufs/v1/ufs.proto


export interface WriteObjectTrailer {
  'expected_checksums'?: ({[key: string]: string});
}

export interface WriteObjectTrailer__Output {
  'expected_checksums': ({[key: string]: string});
}
