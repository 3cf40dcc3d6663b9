// Original file: proto/silt/metadata/v1/metadata.proto

import type { GetObjectsResult as _silt_metadata_v1_GetObjectsResult, GetObjectsResult__Output as _silt_metadata_v1_GetObjectsResult__Output } from '../../../silt/metadata/v1/GetObjectsResult';

export interface GetObjectsResponse {
  'results'?: (_silt_metadata_v1_GetObjectsResult)[];
}

export interface GetObjectsResponse__Output {
  'results': (_silt_metadata_v1_GetObjectsResult__Output)[];
}
