// Original file: proto/silt/metadata/v1/metadata.proto


export interface AbortUploadRequest {
  'bucket'?: (string);
  'key'?: (string);
  'upload_id'?: (string);
}

export interface AbortUploadRequest__Output {
  'bucket': (string);
  'key': (string);
  'upload_id': (string);
}
