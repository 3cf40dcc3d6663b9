// Original file: proto/silt/metadata/v1/metadata.proto


export interface ListPartsRequest {
  'bucket'?: (string);
  'key'?: (string);
  'upload_id'?: (string);
  'part_number_marker'?: (number);
  'max_parts'?: (number);
}

export interface ListPartsRequest__Output {
  'bucket': (string);
  'key': (string);
  'upload_id': (string);
  'part_number_marker': (number);
  'max_parts': (number);
}
