// Original file: proto/silt/metadata/v1/metadata.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CommitObjectRequest as _silt_metadata_v1_CommitObjectRequest, CommitObjectRequest__Output as _silt_metadata_v1_CommitObjectRequest__Output } from '../../../silt/metadata/v1/CommitObjectRequest';
import type { CommitObjectResponse as _silt_metadata_v1_CommitObjectResponse, CommitObjectResponse__Output as _silt_metadata_v1_CommitObjectResponse__Output } from '../../../silt/metadata/v1/CommitObjectResponse';
import type { CreateBucketRequest as _silt_metadata_v1_CreateBucketRequest, CreateBucketRequest__Output as _silt_metadata_v1_CreateBucketRequest__Output } from '../../../silt/metadata/v1/CreateBucketRequest';
import type { CreateBucketResponse as _silt_metadata_v1_CreateBucketResponse, CreateBucketResponse__Output as _silt_metadata_v1_CreateBucketResponse__Output } from '../../../silt/metadata/v1/CreateBucketResponse';
import type { DeleteBucketRequest as _silt_metadata_v1_DeleteBucketRequest, DeleteBucketRequest__Output as _silt_metadata_v1_DeleteBucketRequest__Output } from '../../../silt/metadata/v1/DeleteBucketRequest';
import type { DeleteBucketResponse as _silt_metadata_v1_DeleteBucketResponse, DeleteBucketResponse__Output as _silt_metadata_v1_DeleteBucketResponse__Output } from '../../../silt/metadata/v1/DeleteBucketResponse';
import type { DeleteObjectRequest as _silt_metadata_v1_DeleteObjectRequest, DeleteObjectRequest__Output as _silt_metadata_v1_DeleteObjectRequest__Output } from '../../../silt/metadata/v1/DeleteObjectRequest';
import type { DeleteObjectResponse as _silt_metadata_v1_DeleteObjectResponse, DeleteObjectResponse__Output as _silt_metadata_v1_DeleteObjectResponse__Output } from '../../../silt/metadata/v1/DeleteObjectResponse';
import type { GetBucketRequest as _silt_metadata_v1_GetBucketRequest, GetBucketRequest__Output as _silt_metadata_v1_GetBucketRequest__Output } from '../../../silt/metadata/v1/GetBucketRequest';
import type { GetBucketResponse as _silt_metadata_v1_GetBucketResponse, GetBucketResponse__Output as _silt_metadata_v1_GetBucketResponse__Output } from '../../../silt/metadata/v1/GetBucketResponse';
import type { GetObjectRequest as _silt_metadata_v1_GetObjectRequest, GetObjectRequest__Output as _silt_metadata_v1_GetObjectRequest__Output } from '../../../silt/metadata/v1/GetObjectRequest';
import type { GetObjectResponse as _silt_metadata_v1_GetObjectResponse, GetObjectResponse__Output as _silt_metadata_v1_GetObjectResponse__Output } from '../../../silt/metadata/v1/GetObjectResponse';
import type { Invalidation as _silt_metadata_v1_Invalidation, Invalidation__Output as _silt_metadata_v1_Invalidation__Output } from '../../../silt/metadata/v1/Invalidation';
import type { ListBucketsRequest as _silt_metadata_v1_ListBucketsRequest, ListBucketsRequest__Output as _silt_metadata_v1_ListBucketsRequest__Output } from '../../../silt/metadata/v1/ListBucketsRequest';
import type { ListBucketsResponse as _silt_metadata_v1_ListBucketsResponse, ListBucketsResponse__Output as _silt_metadata_v1_ListBucketsResponse__Output } from '../../../silt/metadata/v1/ListBucketsResponse';
import type { ListObjectsRequest as _silt_metadata_v1_ListObjectsRequest, ListObjectsRequest__Output as _silt_metadata_v1_ListObjectsRequest__Output } from '../../../silt/metadata/v1/ListObjectsRequest';
import type { ListObjectsResponse as _silt_metadata_v1_ListObjectsResponse, ListObjectsResponse__Output as _silt_metadata_v1_ListObjectsResponse__Output } from '../../../silt/metadata/v1/ListObjectsResponse';
import type { WatchAck as _silt_metadata_v1_WatchAck, WatchAck__Output as _silt_metadata_v1_WatchAck__Output } from '../../../silt/metadata/v1/WatchAck';

export interface MetadataServiceClient extends grpc.Client {
  CommitObject(argument: _silt_metadata_v1_CommitObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CommitObjectResponse__Output>): grpc.ClientUnaryCall;
  CommitObject(argument: _silt_metadata_v1_CommitObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_CommitObjectResponse__Output>): grpc.ClientUnaryCall;
  CommitObject(argument: _silt_metadata_v1_CommitObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CommitObjectResponse__Output>): grpc.ClientUnaryCall;
  CommitObject(argument: _silt_metadata_v1_CommitObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_CommitObjectResponse__Output>): grpc.ClientUnaryCall;
  commitObject(argument: _silt_metadata_v1_CommitObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CommitObjectResponse__Output>): grpc.ClientUnaryCall;
  commitObject(argument: _silt_metadata_v1_CommitObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_CommitObjectResponse__Output>): grpc.ClientUnaryCall;
  commitObject(argument: _silt_metadata_v1_CommitObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CommitObjectResponse__Output>): grpc.ClientUnaryCall;
  commitObject(argument: _silt_metadata_v1_CommitObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_CommitObjectResponse__Output>): grpc.ClientUnaryCall;
  
  CreateBucket(argument: _silt_metadata_v1_CreateBucketRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CreateBucketResponse__Output>): grpc.ClientUnaryCall;
  CreateBucket(argument: _silt_metadata_v1_CreateBucketRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_CreateBucketResponse__Output>): grpc.ClientUnaryCall;
  CreateBucket(argument: _silt_metadata_v1_CreateBucketRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CreateBucketResponse__Output>): grpc.ClientUnaryCall;
  CreateBucket(argument: _silt_metadata_v1_CreateBucketRequest, callback: grpc.requestCallback<_silt_metadata_v1_CreateBucketResponse__Output>): grpc.ClientUnaryCall;
  createBucket(argument: _silt_metadata_v1_CreateBucketRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CreateBucketResponse__Output>): grpc.ClientUnaryCall;
  createBucket(argument: _silt_metadata_v1_CreateBucketRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_CreateBucketResponse__Output>): grpc.ClientUnaryCall;
  createBucket(argument: _silt_metadata_v1_CreateBucketRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_CreateBucketResponse__Output>): grpc.ClientUnaryCall;
  createBucket(argument: _silt_metadata_v1_CreateBucketRequest, callback: grpc.requestCallback<_silt_metadata_v1_CreateBucketResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteBucket(argument: _silt_metadata_v1_DeleteBucketRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketResponse__Output>): grpc.ClientUnaryCall;
  DeleteBucket(argument: _silt_metadata_v1_DeleteBucketRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketResponse__Output>): grpc.ClientUnaryCall;
  DeleteBucket(argument: _silt_metadata_v1_DeleteBucketRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketResponse__Output>): grpc.ClientUnaryCall;
  DeleteBucket(argument: _silt_metadata_v1_DeleteBucketRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketResponse__Output>): grpc.ClientUnaryCall;
  deleteBucket(argument: _silt_metadata_v1_DeleteBucketRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketResponse__Output>): grpc.ClientUnaryCall;
  deleteBucket(argument: _silt_metadata_v1_DeleteBucketRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketResponse__Output>): grpc.ClientUnaryCall;
  deleteBucket(argument: _silt_metadata_v1_DeleteBucketRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketResponse__Output>): grpc.ClientUnaryCall;
  deleteBucket(argument: _silt_metadata_v1_DeleteBucketRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  
  GetBucket(argument: _silt_metadata_v1_GetBucketRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  GetBucket(argument: _silt_metadata_v1_GetBucketRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  GetBucket(argument: _silt_metadata_v1_GetBucketRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  GetBucket(argument: _silt_metadata_v1_GetBucketRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  getBucket(argument: _silt_metadata_v1_GetBucketRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  getBucket(argument: _silt_metadata_v1_GetBucketRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  getBucket(argument: _silt_metadata_v1_GetBucketRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  getBucket(argument: _silt_metadata_v1_GetBucketRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  
  GetObject(argument: _silt_metadata_v1_GetObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  GetObject(argument: _silt_metadata_v1_GetObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  GetObject(argument: _silt_metadata_v1_GetObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  GetObject(argument: _silt_metadata_v1_GetObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  getObject(argument: _silt_metadata_v1_GetObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  getObject(argument: _silt_metadata_v1_GetObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  getObject(argument: _silt_metadata_v1_GetObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  getObject(argument: _silt_metadata_v1_GetObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  
  ListBuckets(argument: _silt_metadata_v1_ListBucketsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListBucketsResponse__Output>): grpc.ClientUnaryCall;
  ListBuckets(argument: _silt_metadata_v1_ListBucketsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListBucketsResponse__Output>): grpc.ClientUnaryCall;
  ListBuckets(argument: _silt_metadata_v1_ListBucketsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListBucketsResponse__Output>): grpc.ClientUnaryCall;
  ListBuckets(argument: _silt_metadata_v1_ListBucketsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListBucketsResponse__Output>): grpc.ClientUnaryCall;
  listBuckets(argument: _silt_metadata_v1_ListBucketsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListBucketsResponse__Output>): grpc.ClientUnaryCall;
  listBuckets(argument: _silt_metadata_v1_ListBucketsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListBucketsResponse__Output>): grpc.ClientUnaryCall;
  listBuckets(argument: _silt_metadata_v1_ListBucketsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListBucketsResponse__Output>): grpc.ClientUnaryCall;
  listBuckets(argument: _silt_metadata_v1_ListBucketsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListBucketsResponse__Output>): grpc.ClientUnaryCall;
  
  ListObjects(argument: _silt_metadata_v1_ListObjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  ListObjects(argument: _silt_metadata_v1_ListObjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  ListObjects(argument: _silt_metadata_v1_ListObjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  ListObjects(argument: _silt_metadata_v1_ListObjectsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  listObjects(argument: _silt_metadata_v1_ListObjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  listObjects(argument: _silt_metadata_v1_ListObjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  listObjects(argument: _silt_metadata_v1_ListObjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  listObjects(argument: _silt_metadata_v1_ListObjectsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  
  Watch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation__Output>;
  Watch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation__Output>;
  watch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation__Output>;
  watch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation__Output>;
  
}

export interface MetadataServiceHandlers extends grpc.UntypedServiceImplementation {
  CommitObject: grpc.handleUnaryCall<_silt_metadata_v1_CommitObjectRequest__Output, _silt_metadata_v1_CommitObjectResponse>;
  
  CreateBucket: grpc.handleUnaryCall<_silt_metadata_v1_CreateBucketRequest__Output, _silt_metadata_v1_CreateBucketResponse>;
  
  DeleteBucket: grpc.handleUnaryCall<_silt_metadata_v1_DeleteBucketRequest__Output, _silt_metadata_v1_DeleteBucketResponse>;
  
  DeleteObject: grpc.handleUnaryCall<_silt_metadata_v1_DeleteObjectRequest__Output, _silt_metadata_v1_DeleteObjectResponse>;
  
  GetBucket: grpc.handleUnaryCall<_silt_metadata_v1_GetBucketRequest__Output, _silt_metadata_v1_GetBucketResponse>;
  
  GetObject: grpc.handleUnaryCall<_silt_metadata_v1_GetObjectRequest__Output, _silt_metadata_v1_GetObjectResponse>;
  
  ListBuckets: grpc.handleUnaryCall<_silt_metadata_v1_ListBucketsRequest__Output, _silt_metadata_v1_ListBucketsResponse>;
  
  ListObjects: grpc.handleUnaryCall<_silt_metadata_v1_ListObjectsRequest__Output, _silt_metadata_v1_ListObjectsResponse>;
  
  Watch: grpc.handleBidiStreamingCall<_silt_metadata_v1_WatchAck__Output, _silt_metadata_v1_Invalidation>;
  
}

export interface MetadataServiceDefinition extends grpc.ServiceDefinition {
  CommitObject: MethodDefinition<_silt_metadata_v1_CommitObjectRequest, _silt_metadata_v1_CommitObjectResponse, _silt_metadata_v1_CommitObjectRequest__Output, _silt_metadata_v1_CommitObjectResponse__Output>
  CreateBucket: MethodDefinition<_silt_metadata_v1_CreateBucketRequest, _silt_metadata_v1_CreateBucketResponse, _silt_metadata_v1_CreateBucketRequest__Output, _silt_metadata_v1_CreateBucketResponse__Output>
  DeleteBucket: MethodDefinition<_silt_metadata_v1_DeleteBucketRequest, _silt_metadata_v1_DeleteBucketResponse, _silt_metadata_v1_DeleteBucketRequest__Output, _silt_metadata_v1_DeleteBucketResponse__Output>
  DeleteObject: MethodDefinition<_silt_metadata_v1_DeleteObjectRequest, _silt_metadata_v1_DeleteObjectResponse, _silt_metadata_v1_DeleteObjectRequest__Output, _silt_metadata_v1_DeleteObjectResponse__Output>
  GetBucket: MethodDefinition<_silt_metadata_v1_GetBucketRequest, _silt_metadata_v1_GetBucketResponse, _silt_metadata_v1_GetBucketRequest__Output, _silt_metadata_v1_GetBucketResponse__Output>
  GetObject: MethodDefinition<_silt_metadata_v1_GetObjectRequest, _silt_metadata_v1_GetObjectResponse, _silt_metadata_v1_GetObjectRequest__Output, _silt_metadata_v1_GetObjectResponse__Output>
  ListBuckets: MethodDefinition<_silt_metadata_v1_ListBucketsRequest, _silt_metadata_v1_ListBucketsResponse, _silt_metadata_v1_ListBucketsRequest__Output, _silt_metadata_v1_ListBucketsResponse__Output>
  ListObjects: MethodDefinition<_silt_metadata_v1_ListObjectsRequest, _silt_metadata_v1_ListObjectsResponse, _silt_metadata_v1_ListObjectsRequest__Output, _silt_metadata_v1_ListObjectsResponse__Output>
  Watch: MethodDefinition<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation, _silt_metadata_v1_WatchAck__Output, _silt_metadata_v1_Invalidation__Output>
}
