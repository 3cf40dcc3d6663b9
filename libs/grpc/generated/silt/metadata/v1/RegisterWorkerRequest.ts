// Original file: proto/silt/metadata/v1/metadata.proto

import type { WorkerInfo as _silt_metadata_v1_WorkerInfo, WorkerInfo__Output as _silt_metadata_v1_WorkerInfo__Output } from '../../../silt/metadata/v1/WorkerInfo';

export interface RegisterWorkerRequest {
  'worker'?: (_silt_metadata_v1_WorkerInfo | null);
}

export interface RegisterWorkerRequest__Output {
  'worker': (_silt_metadata_v1_WorkerInfo__Output | null);
}
