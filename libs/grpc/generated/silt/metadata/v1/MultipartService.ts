// Original file: proto/silt/metadata/v1/metadata.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AbortUploadRequest as _silt_metadata_v1_AbortUploadRequest, AbortUploadRequest__Output as _silt_metadata_v1_AbortUploadRequest__Output } from '../../../silt/metadata/v1/AbortUploadRequest';
import type { AbortUploadResponse as _silt_metadata_v1_AbortUploadResponse, AbortUploadResponse__Output as _silt_metadata_v1_AbortUploadResponse__Output } from '../../../silt/metadata/v1/AbortUploadResponse';
import type { CompleteUploadRequest as _silt_metadata_v1_CompleteUploadRequest, CompleteUploadRequest__Output as _silt_metadata_v1_CompleteUploadRequest__Output } from '../../../silt/metadata/v1/CompleteUploadRequest';
import type { CompleteUploadResponse as _silt_metadata_v1_CompleteUploadResponse, CompleteUploadResponse__Output as _silt_metadata_v1_CompleteUploadResponse__Output } from '../../../silt/metadata/v1/CompleteUploadResponse';
import type { CreateUploadRequest as _silt_metadata_v1_CreateUploadRequest, CreateUploadRequest__Output as _silt_metadata_v1_CreateUploadRequest__Output } from '../../../silt/metadata/v1/CreateUploadRequest';
import type { CreateUploadResponse as _silt_metadata_v1_CreateUploadResponse, CreateUploadResponse__Output as _silt_metadata_v1_CreateUploadResponse__Output } from '../../../silt/metadata/v1/CreateUploadResponse';
import type { GetUploadRequest as _silt_metadata_v1_GetUploadRequest, GetUploadRequest__Output as _silt_metadata_v1_GetUploadRequest__Output } from '../../../silt/metadata/v1/GetUploadRequest';
import type { GetUploadResponse as _silt_metadata_v1_GetUploadResponse, GetUploadResponse__Output as _silt_metadata_v1_GetUploadResponse__Output } from '../../../silt/metadata/v1/GetUploadResponse';
import type { ListPartsRequest as _silt_metadata_v1_ListPartsRequest, ListPartsRequest__Output as _silt_metadata_v1_ListPartsRequest__Output } from '../../../silt/metadata/v1/ListPartsRequest';
import type { ListPartsResponse as _silt_metadata_v1_ListPartsResponse, ListPartsResponse__Output as _silt_metadata_v1_ListPartsResponse__Output } from '../../../silt/metadata/v1/ListPartsResponse';
import type { ListUploadsRequest as _silt_metadata_v1_ListUploadsRequest, ListUploadsRequest__Output as _silt_metadata_v1_ListUploadsRequest__Output } from '../../../silt/metadata/v1/ListUploadsRequest';
import type { ListUploadsResponse as _silt_metadata_v1_ListUploadsResponse, ListUploadsResponse__Output as _silt_metadata_v1_ListUploadsResponse__Output } from '../../../silt/metadata/v1/ListUploadsResponse';
import type { PutPartRequest as _silt_metadata_v1_PutPartRequest, PutPartRequest__Output as _silt_metadata_v1_PutPartRequest__Output } from '../../../silt/metadata/v1/PutPartRequest';
import type { PutPartResponse as _silt_metadata_v1_PutPartResponse, PutPartResponse__Output as _silt_metadata_v1_PutPartResponse__Output } from '../../../silt/metadata/v1/PutPartResponse';

export interface MultipartServiceClient extends grpc.Client {
  AbortUpload(argument: _silt_metadata_v1_AbortUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_AbortUploadResponse__Output>): grpc.ClientUnaryCall;
  AbortUpload(argument: _silt_metadata_v1_AbortUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_AbortUploadResponse__Output>): grpc.ClientUnaryCall;
  AbortUpload(argument: _silt_metadata_v1_AbortUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_AbortUploadResponse__Output>): grpc.ClientUnaryCall;
  AbortUpload(argument: _silt_metadata_v1_AbortUploadRequest, callback: grpc.requestCallback<_silt_metadata_v1_AbortUploadResponse__Output>): grpc.ClientUnaryCall;
  abortUpload(argument: _silt_metadata_v1_AbortUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_AbortUploadResponse__Output>): grpc.ClientUnaryCall;
  abortUpload(argument: _silt_metadata_v1_AbortUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_AbortUploadResponse__Output>): grpc.ClientUnaryCall;
  abortUpload(argument: _silt_metadata_v1_AbortUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_AbortUploadResponse__Output>): grpc.ClientUnaryCall;
  abortUpload(argument: _silt_metadata_v1_AbortUploadRequest, callback: grpc.requestCallback<_silt_metadata_v1_AbortUploadResponse__Output>): grpc.ClientUnaryCall;
  
  CompleteUpload(argument: _silt_metadata_v1_CompleteUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CompleteUploadResponse__Output>): grpc.ClientUnaryCall;
  CompleteUpload(argument: _silt_metadata_v1_CompleteUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_CompleteUploadResponse__Output>): grpc.ClientUnaryCall;
  CompleteUpload(argument: _silt_metadata_v1_CompleteUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CompleteUploadResponse__Output>): grpc.ClientUnaryCall;
  CompleteUpload(argument: _silt_metadata_v1_CompleteUploadRequest, callback: grpc.requestCallback<_silt_metadata_v1_CompleteUploadResponse__Output>): grpc.ClientUnaryCall;
  completeUpload(argument: _silt_metadata_v1_CompleteUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CompleteUploadResponse__Output>): grpc.ClientUnaryCall;
  completeUpload(argument: _silt_metadata_v1_CompleteUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_CompleteUploadResponse__Output>): grpc.ClientUnaryCall;
  completeUpload(argument: _silt_metadata_v1_CompleteUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CompleteUploadResponse__Output>): grpc.ClientUnaryCall;
  completeUpload(argument: _silt_metadata_v1_CompleteUploadRequest, callback: grpc.requestCallback<_silt_metadata_v1_CompleteUploadResponse__Output>): grpc.ClientUnaryCall;
  
  CreateUpload(argument: _silt_metadata_v1_CreateUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CreateUploadResponse__Output>): grpc.ClientUnaryCall;
  CreateUpload(argument: _silt_metadata_v1_CreateUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_CreateUploadResponse__Output>): grpc.ClientUnaryCall;
  CreateUpload(argument: _silt_metadata_v1_CreateUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CreateUploadResponse__Output>): grpc.ClientUnaryCall;
  CreateUpload(argument: _silt_metadata_v1_CreateUploadRequest, callback: grpc.requestCallback<_silt_metadata_v1_CreateUploadResponse__Output>): grpc.ClientUnaryCall;
  createUpload(argument: _silt_metadata_v1_CreateUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CreateUploadResponse__Output>): grpc.ClientUnaryCall;
  createUpload(argument: _silt_metadata_v1_CreateUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_CreateUploadResponse__Output>): grpc.ClientUnaryCall;
  createUpload(argument: _silt_metadata_v1_CreateUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CreateUploadResponse__Output>): grpc.ClientUnaryCall;
  createUpload(argument: _silt_metadata_v1_CreateUploadRequest, callback: grpc.requestCallback<_silt_metadata_v1_CreateUploadResponse__Output>): grpc.ClientUnaryCall;
  
  GetUpload(argument: _silt_metadata_v1_GetUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetUploadResponse__Output>): grpc.ClientUnaryCall;
  GetUpload(argument: _silt_metadata_v1_GetUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetUploadResponse__Output>): grpc.ClientUnaryCall;
  GetUpload(argument: _silt_metadata_v1_GetUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetUploadResponse__Output>): grpc.ClientUnaryCall;
  GetUpload(argument: _silt_metadata_v1_GetUploadRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetUploadResponse__Output>): grpc.ClientUnaryCall;
  getUpload(argument: _silt_metadata_v1_GetUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetUploadResponse__Output>): grpc.ClientUnaryCall;
  getUpload(argument: _silt_metadata_v1_GetUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetUploadResponse__Output>): grpc.ClientUnaryCall;
  getUpload(argument: _silt_metadata_v1_GetUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetUploadResponse__Output>): grpc.ClientUnaryCall;
  getUpload(argument: _silt_metadata_v1_GetUploadRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetUploadResponse__Output>): grpc.ClientUnaryCall;
  
  ListParts(argument: _silt_metadata_v1_ListPartsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListPartsResponse__Output>): grpc.ClientUnaryCall;
  ListParts(argument: _silt_metadata_v1_ListPartsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListPartsResponse__Output>): grpc.ClientUnaryCall;
  ListParts(argument: _silt_metadata_v1_ListPartsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListPartsResponse__Output>): grpc.ClientUnaryCall;
  ListParts(argument: _silt_metadata_v1_ListPartsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListPartsResponse__Output>): grpc.ClientUnaryCall;
  listParts(argument: _silt_metadata_v1_ListPartsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListPartsResponse__Output>): grpc.ClientUnaryCall;
  listParts(argument: _silt_metadata_v1_ListPartsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListPartsResponse__Output>): grpc.ClientUnaryCall;
  listParts(argument: _silt_metadata_v1_ListPartsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListPartsResponse__Output>): grpc.ClientUnaryCall;
  listParts(argument: _silt_metadata_v1_ListPartsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListPartsResponse__Output>): grpc.ClientUnaryCall;
  
  ListUploads(argument: _silt_metadata_v1_ListUploadsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListUploadsResponse__Output>): grpc.ClientUnaryCall;
  ListUploads(argument: _silt_metadata_v1_ListUploadsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListUploadsResponse__Output>): grpc.ClientUnaryCall;
  ListUploads(argument: _silt_metadata_v1_ListUploadsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListUploadsResponse__Output>): grpc.ClientUnaryCall;
  ListUploads(argument: _silt_metadata_v1_ListUploadsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListUploadsResponse__Output>): grpc.ClientUnaryCall;
  listUploads(argument: _silt_metadata_v1_ListUploadsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListUploadsResponse__Output>): grpc.ClientUnaryCall;
  listUploads(argument: _silt_metadata_v1_ListUploadsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListUploadsResponse__Output>): grpc.ClientUnaryCall;
  listUploads(argument: _silt_metadata_v1_ListUploadsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListUploadsResponse__Output>): grpc.ClientUnaryCall;
  listUploads(argument: _silt_metadata_v1_ListUploadsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListUploadsResponse__Output>): grpc.ClientUnaryCall;
  
  PutPart(argument: _silt_metadata_v1_PutPartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutPartResponse__Output>): grpc.ClientUnaryCall;
  PutPart(argument: _silt_metadata_v1_PutPartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_PutPartResponse__Output>): grpc.ClientUnaryCall;
  PutPart(argument: _silt_metadata_v1_PutPartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutPartResponse__Output>): grpc.ClientUnaryCall;
  PutPart(argument: _silt_metadata_v1_PutPartRequest, callback: grpc.requestCallback<_silt_metadata_v1_PutPartResponse__Output>): grpc.ClientUnaryCall;
  putPart(argument: _silt_metadata_v1_PutPartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutPartResponse__Output>): grpc.ClientUnaryCall;
  putPart(argument: _silt_metadata_v1_PutPartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_PutPartResponse__Output>): grpc.ClientUnaryCall;
  putPart(argument: _silt_metadata_v1_PutPartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutPartResponse__Output>): grpc.ClientUnaryCall;
  putPart(argument: _silt_metadata_v1_PutPartRequest, callback: grpc.requestCallback<_silt_metadata_v1_PutPartResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MultipartServiceHandlers extends grpc.UntypedServiceImplementation {
  AbortUpload: grpc.handleUnaryCall<_silt_metadata_v1_AbortUploadRequest__Output, _silt_metadata_v1_AbortUploadResponse>;
  
  CompleteUpload: grpc.handleUnaryCall<_silt_metadata_v1_CompleteUploadRequest__Output, _silt_metadata_v1_CompleteUploadResponse>;
  
  CreateUpload: grpc.handleUnaryCall<_silt_metadata_v1_CreateUploadRequest__Output, _silt_metadata_v1_CreateUploadResponse>;
  
  GetUpload: grpc.handleUnaryCall<_silt_metadata_v1_GetUploadRequest__Output, _silt_metadata_v1_GetUploadResponse>;
  
  ListParts: grpc.handleUnaryCall<_silt_metadata_v1_ListPartsRequest__Output, _silt_metadata_v1_ListPartsResponse>;
  
  ListUploads: grpc.handleUnaryCall<_silt_metadata_v1_ListUploadsRequest__Output, _silt_metadata_v1_ListUploadsResponse>;
  
  PutPart: grpc.handleUnaryCall<_silt_metadata_v1_PutPartRequest__Output, _silt_metadata_v1_PutPartResponse>;
  
}

export interface MultipartServiceDefinition extends grpc.ServiceDefinition {
  AbortUpload: MethodDefinition<_silt_metadata_v1_AbortUploadRequest, _silt_metadata_v1_AbortUploadResponse, _silt_metadata_v1_AbortUploadRequest__Output, _silt_metadata_v1_AbortUploadResponse__Output>
  CompleteUpload: MethodDefinition<_silt_metadata_v1_CompleteUploadRequest, _silt_metadata_v1_CompleteUploadResponse, _silt_metadata_v1_CompleteUploadRequest__Output, _silt_metadata_v1_CompleteUploadResponse__Output>
  CreateUpload: MethodDefinition<_silt_metadata_v1_CreateUploadRequest, _silt_metadata_v1_CreateUploadResponse, _silt_metadata_v1_CreateUploadRequest__Output, _silt_metadata_v1_CreateUploadResponse__Output>
  GetUpload: MethodDefinition<_silt_metadata_v1_GetUploadRequest, _silt_metadata_v1_GetUploadResponse, _silt_metadata_v1_GetUploadRequest__Output, _silt_metadata_v1_GetUploadResponse__Output>
  ListParts: MethodDefinition<_silt_metadata_v1_ListPartsRequest, _silt_metadata_v1_ListPartsResponse, _silt_metadata_v1_ListPartsRequest__Output, _silt_metadata_v1_ListPartsResponse__Output>
  ListUploads: MethodDefinition<_silt_metadata_v1_ListUploadsRequest, _silt_metadata_v1_ListUploadsResponse, _silt_metadata_v1_ListUploadsRequest__Output, _silt_metadata_v1_ListUploadsResponse__Output>
  PutPart: MethodDefinition<_silt_metadata_v1_PutPartRequest, _silt_metadata_v1_PutPartResponse, _silt_metadata_v1_PutPartRequest__Output, _silt_metadata_v1_PutPartResponse__Output>
}
