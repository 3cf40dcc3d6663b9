// Original file: proto/silt/metadata/v1/metadata.proto


export interface GetUploadRequest {
  'bucket'?: (string);
  'key'?: (string);
  'upload_id'?: (string);
}

export interface GetUploadRequest__Output {
  'bucket': (string);
  'key': (string);
  'upload_id': (string);
}
