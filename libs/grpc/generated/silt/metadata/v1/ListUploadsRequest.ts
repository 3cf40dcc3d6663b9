// Original file: proto/silt/metadata/v1/metadata.proto


export interface ListUploadsRequest {
  'bucket'?: (string);
  'prefix'?: (string);
  'delimiter'?: (string);
  'key_marker'?: (string);
  'upload_id_marker'?: (string);
  'max_uploads'?: (number);
}

export interface ListUploadsRequest__Output {
  'bucket': (string);
  'prefix': (string);
  'delimiter': (string);
  'key_marker': (string);
  'upload_id_marker': (string);
  'max_uploads': (number);
}
