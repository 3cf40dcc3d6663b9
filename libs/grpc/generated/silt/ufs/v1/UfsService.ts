// Original file: proto/silt/ufs/v1/ufs.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ComposeObjectRequest as _silt_ufs_v1_ComposeObjectRequest, ComposeObjectRequest__Output as _silt_ufs_v1_ComposeObjectRequest__Output } from '../../../silt/ufs/v1/ComposeObjectRequest';
import type { CopyObjectRequest as _silt_ufs_v1_CopyObjectRequest, CopyObjectRequest__Output as _silt_ufs_v1_CopyObjectRequest__Output } from '../../../silt/ufs/v1/CopyObjectRequest';
import type { CopyObjectResponse as _silt_ufs_v1_CopyObjectResponse, CopyObjectResponse__Output as _silt_ufs_v1_CopyObjectResponse__Output } from '../../../silt/ufs/v1/CopyObjectResponse';
import type { CreateDirectoryRequest as _silt_ufs_v1_CreateDirectoryRequest, CreateDirectoryRequest__Output as _silt_ufs_v1_CreateDirectoryRequest__Output } from '../../../silt/ufs/v1/CreateDirectoryRequest';
import type { CreateDirectoryResponse as _silt_ufs_v1_CreateDirectoryResponse, CreateDirectoryResponse__Output as _silt_ufs_v1_CreateDirectoryResponse__Output } from '../../../silt/ufs/v1/CreateDirectoryResponse';
import type { DeleteDirectoryRequest as _silt_ufs_v1_DeleteDirectoryRequest, DeleteDirectoryRequest__Output as _silt_ufs_v1_DeleteDirectoryRequest__Output } from '../../../silt/ufs/v1/DeleteDirectoryRequest';
import type { DeleteDirectoryResponse as _silt_ufs_v1_DeleteDirectoryResponse, DeleteDirectoryResponse__Output as _silt_ufs_v1_DeleteDirectoryResponse__Output } from '../../../silt/ufs/v1/DeleteDirectoryResponse';
import type { DeleteObjectRequest as _silt_ufs_v1_DeleteObjectRequest, DeleteObjectRequest__Output as _silt_ufs_v1_DeleteObjectRequest__Output } from '../../../silt/ufs/v1/DeleteObjectRequest';
import type { DeleteObjectResponse as _silt_ufs_v1_DeleteObjectResponse, DeleteObjectResponse__Output as _silt_ufs_v1_DeleteObjectResponse__Output } from '../../../silt/ufs/v1/DeleteObjectResponse';
import type { DeleteStagingRequest as _silt_ufs_v1_DeleteStagingRequest, DeleteStagingRequest__Output as _silt_ufs_v1_DeleteStagingRequest__Output } from '../../../silt/ufs/v1/DeleteStagingRequest';
import type { DeleteStagingResponse as _silt_ufs_v1_DeleteStagingResponse, DeleteStagingResponse__Output as _silt_ufs_v1_DeleteStagingResponse__Output } from '../../../silt/ufs/v1/DeleteStagingResponse';
import type { ListUfsObjectsRequest as _silt_ufs_v1_ListUfsObjectsRequest, ListUfsObjectsRequest__Output as _silt_ufs_v1_ListUfsObjectsRequest__Output } from '../../../silt/ufs/v1/ListUfsObjectsRequest';
import type { ListUfsObjectsResponse as _silt_ufs_v1_ListUfsObjectsResponse, ListUfsObjectsResponse__Output as _silt_ufs_v1_ListUfsObjectsResponse__Output } from '../../../silt/ufs/v1/ListUfsObjectsResponse';
import type { ReadObjectRequest as _silt_ufs_v1_ReadObjectRequest, ReadObjectRequest__Output as _silt_ufs_v1_ReadObjectRequest__Output } from '../../../silt/ufs/v1/ReadObjectRequest';
import type { ReadObjectResponse as _silt_ufs_v1_ReadObjectResponse, ReadObjectResponse__Output as _silt_ufs_v1_ReadObjectResponse__Output } from '../../../silt/ufs/v1/ReadObjectResponse';
import type { SetObjectTagsRequest as _silt_ufs_v1_SetObjectTagsRequest, SetObjectTagsRequest__Output as _silt_ufs_v1_SetObjectTagsRequest__Output } from '../../../silt/ufs/v1/SetObjectTagsRequest';
import type { SetObjectTagsResponse as _silt_ufs_v1_SetObjectTagsResponse, SetObjectTagsResponse__Output as _silt_ufs_v1_SetObjectTagsResponse__Output } from '../../../silt/ufs/v1/SetObjectTagsResponse';
import type { StatObjectRequest as _silt_ufs_v1_StatObjectRequest, StatObjectRequest__Output as _silt_ufs_v1_StatObjectRequest__Output } from '../../../silt/ufs/v1/StatObjectRequest';
import type { StatObjectResponse as _silt_ufs_v1_StatObjectResponse, StatObjectResponse__Output as _silt_ufs_v1_StatObjectResponse__Output } from '../../../silt/ufs/v1/StatObjectResponse';
import type { StatObjectsRequest as _silt_ufs_v1_StatObjectsRequest, StatObjectsRequest__Output as _silt_ufs_v1_StatObjectsRequest__Output } from '../../../silt/ufs/v1/StatObjectsRequest';
import type { StatObjectsResponse as _silt_ufs_v1_StatObjectsResponse, StatObjectsResponse__Output as _silt_ufs_v1_StatObjectsResponse__Output } from '../../../silt/ufs/v1/StatObjectsResponse';
import type { WriteObjectRequest as _silt_ufs_v1_WriteObjectRequest, WriteObjectRequest__Output as _silt_ufs_v1_WriteObjectRequest__Output } from '../../../silt/ufs/v1/WriteObjectRequest';
import type { WriteObjectResponse as _silt_ufs_v1_WriteObjectResponse, WriteObjectResponse__Output as _silt_ufs_v1_WriteObjectResponse__Output } from '../../../silt/ufs/v1/WriteObjectResponse';

export interface UfsServiceClient extends grpc.Client {
  ComposeObject(argument: _silt_ufs_v1_ComposeObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  ComposeObject(argument: _silt_ufs_v1_ComposeObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  ComposeObject(argument: _silt_ufs_v1_ComposeObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  ComposeObject(argument: _silt_ufs_v1_ComposeObjectRequest, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  composeObject(argument: _silt_ufs_v1_ComposeObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  composeObject(argument: _silt_ufs_v1_ComposeObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  composeObject(argument: _silt_ufs_v1_ComposeObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  composeObject(argument: _silt_ufs_v1_ComposeObjectRequest, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  
  CopyObject(argument: _silt_ufs_v1_CopyObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  CopyObject(argument: _silt_ufs_v1_CopyObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  CopyObject(argument: _silt_ufs_v1_CopyObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  CopyObject(argument: _silt_ufs_v1_CopyObjectRequest, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  copyObject(argument: _silt_ufs_v1_CopyObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  copyObject(argument: _silt_ufs_v1_CopyObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  copyObject(argument: _silt_ufs_v1_CopyObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  copyObject(argument: _silt_ufs_v1_CopyObjectRequest, callback: grpc.requestCallback<_silt_ufs_v1_CopyObjectResponse__Output>): grpc.ClientUnaryCall;
  
  CreateDirectory(argument: _silt_ufs_v1_CreateDirectoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CreateDirectoryResponse__Output>): grpc.ClientUnaryCall;
  CreateDirectory(argument: _silt_ufs_v1_CreateDirectoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_CreateDirectoryResponse__Output>): grpc.ClientUnaryCall;
  CreateDirectory(argument: _silt_ufs_v1_CreateDirectoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CreateDirectoryResponse__Output>): grpc.ClientUnaryCall;
  CreateDirectory(argument: _silt_ufs_v1_CreateDirectoryRequest, callback: grpc.requestCallback<_silt_ufs_v1_CreateDirectoryResponse__Output>): grpc.ClientUnaryCall;
  createDirectory(argument: _silt_ufs_v1_CreateDirectoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CreateDirectoryResponse__Output>): grpc.ClientUnaryCall;
  createDirectory(argument: _silt_ufs_v1_CreateDirectoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_CreateDirectoryResponse__Output>): grpc.ClientUnaryCall;
  createDirectory(argument: _silt_ufs_v1_CreateDirectoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_CreateDirectoryResponse__Output>): grpc.ClientUnaryCall;
  createDirectory(argument: _silt_ufs_v1_CreateDirectoryRequest, callback: grpc.requestCallback<_silt_ufs_v1_CreateDirectoryResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteDirectory(argument: _silt_ufs_v1_DeleteDirectoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteDirectoryResponse__Output>): grpc.ClientUnaryCall;
  DeleteDirectory(argument: _silt_ufs_v1_DeleteDirectoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_DeleteDirectoryResponse__Output>): grpc.ClientUnaryCall;
  DeleteDirectory(argument: _silt_ufs_v1_DeleteDirectoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteDirectoryResponse__Output>): grpc.ClientUnaryCall;
  DeleteDirectory(argument: _silt_ufs_v1_DeleteDirectoryRequest, callback: grpc.requestCallback<_silt_ufs_v1_DeleteDirectoryResponse__Output>): grpc.ClientUnaryCall;
  deleteDirectory(argument: _silt_ufs_v1_DeleteDirectoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteDirectoryResponse__Output>): grpc.ClientUnaryCall;
  deleteDirectory(argument: _silt_ufs_v1_DeleteDirectoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_DeleteDirectoryResponse__Output>): grpc.ClientUnaryCall;
  deleteDirectory(argument: _silt_ufs_v1_DeleteDirectoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteDirectoryResponse__Output>): grpc.ClientUnaryCall;
  deleteDirectory(argument: _silt_ufs_v1_DeleteDirectoryRequest, callback: grpc.requestCallback<_silt_ufs_v1_DeleteDirectoryResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteObject(argument: _silt_ufs_v1_DeleteObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_ufs_v1_DeleteObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_ufs_v1_DeleteObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_ufs_v1_DeleteObjectRequest, callback: grpc.requestCallback<_silt_ufs_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_ufs_v1_DeleteObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_ufs_v1_DeleteObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_ufs_v1_DeleteObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_ufs_v1_DeleteObjectRequest, callback: grpc.requestCallback<_silt_ufs_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteStaging(argument: _silt_ufs_v1_DeleteStagingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteStagingResponse__Output>): grpc.ClientUnaryCall;
  DeleteStaging(argument: _silt_ufs_v1_DeleteStagingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_DeleteStagingResponse__Output>): grpc.ClientUnaryCall;
  DeleteStaging(argument: _silt_ufs_v1_DeleteStagingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteStagingResponse__Output>): grpc.ClientUnaryCall;
  DeleteStaging(argument: _silt_ufs_v1_DeleteStagingRequest, callback: grpc.requestCallback<_silt_ufs_v1_DeleteStagingResponse__Output>): grpc.ClientUnaryCall;
  deleteStaging(argument: _silt_ufs_v1_DeleteStagingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteStagingResponse__Output>): grpc.ClientUnaryCall;
  deleteStaging(argument: _silt_ufs_v1_DeleteStagingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_DeleteStagingResponse__Output>): grpc.ClientUnaryCall;
  deleteStaging(argument: _silt_ufs_v1_DeleteStagingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_DeleteStagingResponse__Output>): grpc.ClientUnaryCall;
  deleteStaging(argument: _silt_ufs_v1_DeleteStagingRequest, callback: grpc.requestCallback<_silt_ufs_v1_DeleteStagingResponse__Output>): grpc.ClientUnaryCall;
  
  ListObjects(argument: _silt_ufs_v1_ListUfsObjectsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_ufs_v1_ListUfsObjectsResponse__Output>;
  ListObjects(argument: _silt_ufs_v1_ListUfsObjectsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_ufs_v1_ListUfsObjectsResponse__Output>;
  listObjects(argument: _silt_ufs_v1_ListUfsObjectsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_ufs_v1_ListUfsObjectsResponse__Output>;
  listObjects(argument: _silt_ufs_v1_ListUfsObjectsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_ufs_v1_ListUfsObjectsResponse__Output>;
  
  ReadObject(argument: _silt_ufs_v1_ReadObjectRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_ufs_v1_ReadObjectResponse__Output>;
  ReadObject(argument: _silt_ufs_v1_ReadObjectRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_ufs_v1_ReadObjectResponse__Output>;
  readObject(argument: _silt_ufs_v1_ReadObjectRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_ufs_v1_ReadObjectResponse__Output>;
  readObject(argument: _silt_ufs_v1_ReadObjectRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_ufs_v1_ReadObjectResponse__Output>;
  
  SetObjectTags(argument: _silt_ufs_v1_SetObjectTagsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_SetObjectTagsResponse__Output>): grpc.ClientUnaryCall;
  SetObjectTags(argument: _silt_ufs_v1_SetObjectTagsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_SetObjectTagsResponse__Output>): grpc.ClientUnaryCall;
  SetObjectTags(argument: _silt_ufs_v1_SetObjectTagsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_SetObjectTagsResponse__Output>): grpc.ClientUnaryCall;
  SetObjectTags(argument: _silt_ufs_v1_SetObjectTagsRequest, callback: grpc.requestCallback<_silt_ufs_v1_SetObjectTagsResponse__Output>): grpc.ClientUnaryCall;
  setObjectTags(argument: _silt_ufs_v1_SetObjectTagsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_SetObjectTagsResponse__Output>): grpc.ClientUnaryCall;
  setObjectTags(argument: _silt_ufs_v1_SetObjectTagsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_SetObjectTagsResponse__Output>): grpc.ClientUnaryCall;
  setObjectTags(argument: _silt_ufs_v1_SetObjectTagsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_SetObjectTagsResponse__Output>): grpc.ClientUnaryCall;
  setObjectTags(argument: _silt_ufs_v1_SetObjectTagsRequest, callback: grpc.requestCallback<_silt_ufs_v1_SetObjectTagsResponse__Output>): grpc.ClientUnaryCall;
  
  StatObject(argument: _silt_ufs_v1_StatObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectResponse__Output>): grpc.ClientUnaryCall;
  StatObject(argument: _silt_ufs_v1_StatObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectResponse__Output>): grpc.ClientUnaryCall;
  StatObject(argument: _silt_ufs_v1_StatObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectResponse__Output>): grpc.ClientUnaryCall;
  StatObject(argument: _silt_ufs_v1_StatObjectRequest, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectResponse__Output>): grpc.ClientUnaryCall;
  statObject(argument: _silt_ufs_v1_StatObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectResponse__Output>): grpc.ClientUnaryCall;
  statObject(argument: _silt_ufs_v1_StatObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectResponse__Output>): grpc.ClientUnaryCall;
  statObject(argument: _silt_ufs_v1_StatObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectResponse__Output>): grpc.ClientUnaryCall;
  statObject(argument: _silt_ufs_v1_StatObjectRequest, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectResponse__Output>): grpc.ClientUnaryCall;
  
  StatObjects(argument: _silt_ufs_v1_StatObjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectsResponse__Output>): grpc.ClientUnaryCall;
  StatObjects(argument: _silt_ufs_v1_StatObjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectsResponse__Output>): grpc.ClientUnaryCall;
  StatObjects(argument: _silt_ufs_v1_StatObjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectsResponse__Output>): grpc.ClientUnaryCall;
  StatObjects(argument: _silt_ufs_v1_StatObjectsRequest, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectsResponse__Output>): grpc.ClientUnaryCall;
  statObjects(argument: _silt_ufs_v1_StatObjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectsResponse__Output>): grpc.ClientUnaryCall;
  statObjects(argument: _silt_ufs_v1_StatObjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectsResponse__Output>): grpc.ClientUnaryCall;
  statObjects(argument: _silt_ufs_v1_StatObjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectsResponse__Output>): grpc.ClientUnaryCall;
  statObjects(argument: _silt_ufs_v1_StatObjectsRequest, callback: grpc.requestCallback<_silt_ufs_v1_StatObjectsResponse__Output>): grpc.ClientUnaryCall;
  
  WriteObject(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_WriteObjectResponse__Output>): grpc.ClientWritableStream<_silt_ufs_v1_WriteObjectRequest>;
  WriteObject(metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_WriteObjectResponse__Output>): grpc.ClientWritableStream<_silt_ufs_v1_WriteObjectRequest>;
  WriteObject(options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_WriteObjectResponse__Output>): grpc.ClientWritableStream<_silt_ufs_v1_WriteObjectRequest>;
  WriteObject(callback: grpc.requestCallback<_silt_ufs_v1_WriteObjectResponse__Output>): grpc.ClientWritableStream<_silt_ufs_v1_WriteObjectRequest>;
  writeObject(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_WriteObjectResponse__Output>): grpc.ClientWritableStream<_silt_ufs_v1_WriteObjectRequest>;
  writeObject(metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_ufs_v1_WriteObjectResponse__Output>): grpc.ClientWritableStream<_silt_ufs_v1_WriteObjectRequest>;
  writeObject(options: grpc.CallOptions, callback: grpc.requestCallback<_silt_ufs_v1_WriteObjectResponse__Output>): grpc.ClientWritableStream<_silt_ufs_v1_WriteObjectRequest>;
  writeObject(callback: grpc.requestCallback<_silt_ufs_v1_WriteObjectResponse__Output>): grpc.ClientWritableStream<_silt_ufs_v1_WriteObjectRequest>;
  
}

export interface UfsServiceHandlers extends grpc.UntypedServiceImplementation {
  ComposeObject: grpc.handleUnaryCall<_silt_ufs_v1_ComposeObjectRequest__Output, _silt_ufs_v1_CopyObjectResponse>;
  
  CopyObject: grpc.handleUnaryCall<_silt_ufs_v1_CopyObjectRequest__Output, _silt_ufs_v1_CopyObjectResponse>;
  
  CreateDirectory: grpc.handleUnaryCall<_silt_ufs_v1_CreateDirectoryRequest__Output, _silt_ufs_v1_CreateDirectoryResponse>;
  
  DeleteDirectory: grpc.handleUnaryCall<_silt_ufs_v1_DeleteDirectoryRequest__Output, _silt_ufs_v1_DeleteDirectoryResponse>;
  
  DeleteObject: grpc.handleUnaryCall<_silt_ufs_v1_DeleteObjectRequest__Output, _silt_ufs_v1_DeleteObjectResponse>;
  
  DeleteStaging: grpc.handleUnaryCall<_silt_ufs_v1_DeleteStagingRequest__Output, _silt_ufs_v1_DeleteStagingResponse>;
  
  ListObjects: grpc.handleServerStreamingCall<_silt_ufs_v1_ListUfsObjectsRequest__Output, _silt_ufs_v1_ListUfsObjectsResponse>;
  
  ReadObject: grpc.handleServerStreamingCall<_silt_ufs_v1_ReadObjectRequest__Output, _silt_ufs_v1_ReadObjectResponse>;
  
  SetObjectTags: grpc.handleUnaryCall<_silt_ufs_v1_SetObjectTagsRequest__Output, _silt_ufs_v1_SetObjectTagsResponse>;
  
  StatObject: grpc.handleUnaryCall<_silt_ufs_v1_StatObjectRequest__Output, _silt_ufs_v1_StatObjectResponse>;
  
  StatObjects: grpc.handleUnaryCall<_silt_ufs_v1_StatObjectsRequest__Output, _silt_ufs_v1_StatObjectsResponse>;
  
  WriteObject: grpc.handleClientStreamingCall<_silt_ufs_v1_WriteObjectRequest__Output, _silt_ufs_v1_WriteObjectResponse>;
  
}

export interface UfsServiceDefinition extends grpc.ServiceDefinition {
  ComposeObject: MethodDefinition<_silt_ufs_v1_ComposeObjectRequest, _silt_ufs_v1_CopyObjectResponse, _silt_ufs_v1_ComposeObjectRequest__Output, _silt_ufs_v1_CopyObjectResponse__Output>
  CopyObject: MethodDefinition<_silt_ufs_v1_CopyObjectRequest, _silt_ufs_v1_CopyObjectResponse, _silt_ufs_v1_CopyObjectRequest__Output, _silt_ufs_v1_CopyObjectResponse__Output>
  CreateDirectory: MethodDefinition<_silt_ufs_v1_CreateDirectoryRequest, _silt_ufs_v1_CreateDirectoryResponse, _silt_ufs_v1_CreateDirectoryRequest__Output, _silt_ufs_v1_CreateDirectoryResponse__Output>
  DeleteDirectory: MethodDefinition<_silt_ufs_v1_DeleteDirectoryRequest, _silt_ufs_v1_DeleteDirectoryResponse, _silt_ufs_v1_DeleteDirectoryRequest__Output, _silt_ufs_v1_DeleteDirectoryResponse__Output>
  DeleteObject: MethodDefinition<_silt_ufs_v1_DeleteObjectRequest, _silt_ufs_v1_DeleteObjectResponse, _silt_ufs_v1_DeleteObjectRequest__Output, _silt_ufs_v1_DeleteObjectResponse__Output>
  DeleteStaging: MethodDefinition<_silt_ufs_v1_DeleteStagingRequest, _silt_ufs_v1_DeleteStagingResponse, _silt_ufs_v1_DeleteStagingRequest__Output, _silt_ufs_v1_DeleteStagingResponse__Output>
  ListObjects: MethodDefinition<_silt_ufs_v1_ListUfsObjectsRequest, _silt_ufs_v1_ListUfsObjectsResponse, _silt_ufs_v1_ListUfsObjectsRequest__Output, _silt_ufs_v1_ListUfsObjectsResponse__Output>
  ReadObject: MethodDefinition<_silt_ufs_v1_ReadObjectRequest, _silt_ufs_v1_ReadObjectResponse, _silt_ufs_v1_ReadObjectRequest__Output, _silt_ufs_v1_ReadObjectResponse__Output>
  SetObjectTags: MethodDefinition<_silt_ufs_v1_SetObjectTagsRequest, _silt_ufs_v1_SetObjectTagsResponse, _silt_ufs_v1_SetObjectTagsRequest__Output, _silt_ufs_v1_SetObjectTagsResponse__Output>
  StatObject: MethodDefinition<_silt_ufs_v1_StatObjectRequest, _silt_ufs_v1_StatObjectResponse, _silt_ufs_v1_StatObjectRequest__Output, _silt_ufs_v1_StatObjectResponse__Output>
  StatObjects: MethodDefinition<_silt_ufs_v1_StatObjectsRequest, _silt_ufs_v1_StatObjectsResponse, _silt_ufs_v1_StatObjectsRequest__Output, _silt_ufs_v1_StatObjectsResponse__Output>
  WriteObject: MethodDefinition<_silt_ufs_v1_WriteObjectRequest, _silt_ufs_v1_WriteObjectResponse, _silt_ufs_v1_WriteObjectRequest__Output, _silt_ufs_v1_WriteObjectResponse__Output>
}
