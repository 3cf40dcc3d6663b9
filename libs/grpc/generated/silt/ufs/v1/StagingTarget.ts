// Original file: proto/silt/ufs/v1/ufs.proto


export interface StagingTarget {
  'upload_id'?: (string);
  'part_number'?: (number);
}

export interface StagingTarget__Output {
  'upload_id': (string);
  'part_number': (number);
}
