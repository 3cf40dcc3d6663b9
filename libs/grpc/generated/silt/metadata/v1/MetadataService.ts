// Original file: proto/silt/metadata/v1/metadata.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CommitObjectRequest as _silt_metadata_v1_CommitObjectRequest, CommitObjectRequest__Output as _silt_metadata_v1_CommitObjectRequest__Output } from '../../../silt/metadata/v1/CommitObjectRequest';
import type { CommitObjectResponse as _silt_metadata_v1_CommitObjectResponse, CommitObjectResponse__Output as _silt_metadata_v1_CommitObjectResponse__Output } from '../../../silt/metadata/v1/CommitObjectResponse';
import type { CreateBucketRequest as _silt_metadata_v1_CreateBucketRequest, CreateBucketRequest__Output as _silt_metadata_v1_CreateBucketRequest__Output } from '../../../silt/metadata/v1/CreateBucketRequest';
import type { CreateBucketResponse as _silt_metadata_v1_CreateBucketResponse, CreateBucketResponse__Output as _silt_metadata_v1_CreateBucketResponse__Output } from '../../../silt/metadata/v1/CreateBucketResponse';
import type { DeleteBucketRequest as _silt_metadata_v1_DeleteBucketRequest, DeleteBucketRequest__Output as _silt_metadata_v1_DeleteBucketRequest__Output } from '../../../silt/metadata/v1/DeleteBucketRequest';
import type { DeleteBucketResponse as _silt_metadata_v1_DeleteBucketResponse, DeleteBucketResponse__Output as _silt_metadata_v1_DeleteBucketResponse__Output } from '../../../silt/metadata/v1/DeleteBucketResponse';
import type { DeleteBucketTaggingRequest as _silt_metadata_v1_DeleteBucketTaggingRequest, DeleteBucketTaggingRequest__Output as _silt_metadata_v1_DeleteBucketTaggingRequest__Output } from '../../../silt/metadata/v1/DeleteBucketTaggingRequest';
import type { DeleteBucketTaggingResponse as _silt_metadata_v1_DeleteBucketTaggingResponse, DeleteBucketTaggingResponse__Output as _silt_metadata_v1_DeleteBucketTaggingResponse__Output } from '../../../silt/metadata/v1/DeleteBucketTaggingResponse';
import type { DeleteObjectRequest as _silt_metadata_v1_DeleteObjectRequest, DeleteObjectRequest__Output as _silt_metadata_v1_DeleteObjectRequest__Output } from '../../../silt/metadata/v1/DeleteObjectRequest';
import type { DeleteObjectResponse as _silt_metadata_v1_DeleteObjectResponse, DeleteObjectResponse__Output as _silt_metadata_v1_DeleteObjectResponse__Output } from '../../../silt/metadata/v1/DeleteObjectResponse';
import type { DeleteObjectTaggingRequest as _silt_metadata_v1_DeleteObjectTaggingRequest, DeleteObjectTaggingRequest__Output as _silt_metadata_v1_DeleteObjectTaggingRequest__Output } from '../../../silt/metadata/v1/DeleteObjectTaggingRequest';
import type { DeleteObjectTaggingResponse as _silt_metadata_v1_DeleteObjectTaggingResponse, DeleteObjectTaggingResponse__Output as _silt_metadata_v1_DeleteObjectTaggingResponse__Output } from '../../../silt/metadata/v1/DeleteObjectTaggingResponse';
import type { GetBucketRequest as _silt_metadata_v1_GetBucketRequest, GetBucketRequest__Output as _silt_metadata_v1_GetBucketRequest__Output } from '../../../silt/metadata/v1/GetBucketRequest';
import type { GetBucketResponse as _silt_metadata_v1_GetBucketResponse, GetBucketResponse__Output as _silt_metadata_v1_GetBucketResponse__Output } from '../../../silt/metadata/v1/GetBucketResponse';
import type { GetBucketTaggingRequest as _silt_metadata_v1_GetBucketTaggingRequest, GetBucketTaggingRequest__Output as _silt_metadata_v1_GetBucketTaggingRequest__Output } from '../../../silt/metadata/v1/GetBucketTaggingRequest';
import type { GetBucketTaggingResponse as _silt_metadata_v1_GetBucketTaggingResponse, GetBucketTaggingResponse__Output as _silt_metadata_v1_GetBucketTaggingResponse__Output } from '../../../silt/metadata/v1/GetBucketTaggingResponse';
import type { GetObjectRequest as _silt_metadata_v1_GetObjectRequest, GetObjectRequest__Output as _silt_metadata_v1_GetObjectRequest__Output } from '../../../silt/metadata/v1/GetObjectRequest';
import type { GetObjectResponse as _silt_metadata_v1_GetObjectResponse, GetObjectResponse__Output as _silt_metadata_v1_GetObjectResponse__Output } from '../../../silt/metadata/v1/GetObjectResponse';
import type { GetObjectTaggingRequest as _silt_metadata_v1_GetObjectTaggingRequest, GetObjectTaggingRequest__Output as _silt_metadata_v1_GetObjectTaggingRequest__Output } from '../../../silt/metadata/v1/GetObjectTaggingRequest';
import type { GetObjectTaggingResponse as _silt_metadata_v1_GetObjectTaggingResponse, GetObjectTaggingResponse__Output as _silt_metadata_v1_GetObjectTaggingResponse__Output } from '../../../silt/metadata/v1/GetObjectTaggingResponse';
import type { GetObjectsRequest as _silt_metadata_v1_GetObjectsRequest, GetObjectsRequest__Output as _silt_metadata_v1_GetObjectsRequest__Output } from '../../../silt/metadata/v1/GetObjectsRequest';
import type { GetObjectsResponse as _silt_metadata_v1_GetObjectsResponse, GetObjectsResponse__Output as _silt_metadata_v1_GetObjectsResponse__Output } from '../../../silt/metadata/v1/GetObjectsResponse';
import type { Invalidation as _silt_metadata_v1_Invalidation, Invalidation__Output as _silt_metadata_v1_Invalidation__Output } from '../../../silt/metadata/v1/Invalidation';
import type { ListBucketsRequest as _silt_metadata_v1_ListBucketsRequest, ListBucketsRequest__Output as _silt_metadata_v1_ListBucketsRequest__Output } from '../../../silt/metadata/v1/ListBucketsRequest';
import type { ListBucketsResponse as _silt_metadata_v1_ListBucketsResponse, ListBucketsResponse__Output as _silt_metadata_v1_ListBucketsResponse__Output } from '../../../silt/metadata/v1/ListBucketsResponse';
import type { ListObjectsRequest as _silt_metadata_v1_ListObjectsRequest, ListObjectsRequest__Output as _silt_metadata_v1_ListObjectsRequest__Output } from '../../../silt/metadata/v1/ListObjectsRequest';
import type { ListObjectsResponse as _silt_metadata_v1_ListObjectsResponse, ListObjectsResponse__Output as _silt_metadata_v1_ListObjectsResponse__Output } from '../../../silt/metadata/v1/ListObjectsResponse';
import type { PutBucketTaggingRequest as _silt_metadata_v1_PutBucketTaggingRequest, PutBucketTaggingRequest__Output as _silt_metadata_v1_PutBucketTaggingRequest__Output } from '../../../silt/metadata/v1/PutBucketTaggingRequest';
import type { PutBucketTaggingResponse as _silt_metadata_v1_PutBucketTaggingResponse, PutBucketTaggingResponse__Output as _silt_metadata_v1_PutBucketTaggingResponse__Output } from '../../../silt/metadata/v1/PutBucketTaggingResponse';
import type { PutObjectTaggingRequest as _silt_metadata_v1_PutObjectTaggingRequest, PutObjectTaggingRequest__Output as _silt_metadata_v1_PutObjectTaggingRequest__Output } from '../../../silt/metadata/v1/PutObjectTaggingRequest';
import type { PutObjectTaggingResponse as _silt_metadata_v1_PutObjectTaggingResponse, PutObjectTaggingResponse__Output as _silt_metadata_v1_PutObjectTaggingResponse__Output } from '../../../silt/metadata/v1/PutObjectTaggingResponse';
import type { SyncObjectRequest as _silt_metadata_v1_SyncObjectRequest, SyncObjectRequest__Output as _silt_metadata_v1_SyncObjectRequest__Output } from '../../../silt/metadata/v1/SyncObjectRequest';
import type { SyncObjectResponse as _silt_metadata_v1_SyncObjectResponse, SyncObjectResponse__Output as _silt_metadata_v1_SyncObjectResponse__Output } from '../../../silt/metadata/v1/SyncObjectResponse';
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
  
  DeleteBucketTagging(argument: _silt_metadata_v1_DeleteBucketTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  DeleteBucketTagging(argument: _silt_metadata_v1_DeleteBucketTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  DeleteBucketTagging(argument: _silt_metadata_v1_DeleteBucketTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  DeleteBucketTagging(argument: _silt_metadata_v1_DeleteBucketTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  deleteBucketTagging(argument: _silt_metadata_v1_DeleteBucketTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  deleteBucketTagging(argument: _silt_metadata_v1_DeleteBucketTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  deleteBucketTagging(argument: _silt_metadata_v1_DeleteBucketTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  deleteBucketTagging(argument: _silt_metadata_v1_DeleteBucketTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  DeleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  deleteObject(argument: _silt_metadata_v1_DeleteObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteObjectTagging(argument: _silt_metadata_v1_DeleteObjectTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  DeleteObjectTagging(argument: _silt_metadata_v1_DeleteObjectTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  DeleteObjectTagging(argument: _silt_metadata_v1_DeleteObjectTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  DeleteObjectTagging(argument: _silt_metadata_v1_DeleteObjectTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  deleteObjectTagging(argument: _silt_metadata_v1_DeleteObjectTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  deleteObjectTagging(argument: _silt_metadata_v1_DeleteObjectTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  deleteObjectTagging(argument: _silt_metadata_v1_DeleteObjectTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  deleteObjectTagging(argument: _silt_metadata_v1_DeleteObjectTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_DeleteObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  
  GetBucket(argument: _silt_metadata_v1_GetBucketRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  GetBucket(argument: _silt_metadata_v1_GetBucketRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  GetBucket(argument: _silt_metadata_v1_GetBucketRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  GetBucket(argument: _silt_metadata_v1_GetBucketRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  getBucket(argument: _silt_metadata_v1_GetBucketRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  getBucket(argument: _silt_metadata_v1_GetBucketRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  getBucket(argument: _silt_metadata_v1_GetBucketRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  getBucket(argument: _silt_metadata_v1_GetBucketRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketResponse__Output>): grpc.ClientUnaryCall;
  
  GetBucketTagging(argument: _silt_metadata_v1_GetBucketTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  GetBucketTagging(argument: _silt_metadata_v1_GetBucketTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  GetBucketTagging(argument: _silt_metadata_v1_GetBucketTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  GetBucketTagging(argument: _silt_metadata_v1_GetBucketTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  getBucketTagging(argument: _silt_metadata_v1_GetBucketTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  getBucketTagging(argument: _silt_metadata_v1_GetBucketTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  getBucketTagging(argument: _silt_metadata_v1_GetBucketTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  getBucketTagging(argument: _silt_metadata_v1_GetBucketTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  
  GetObject(argument: _silt_metadata_v1_GetObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  GetObject(argument: _silt_metadata_v1_GetObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  GetObject(argument: _silt_metadata_v1_GetObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  GetObject(argument: _silt_metadata_v1_GetObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  getObject(argument: _silt_metadata_v1_GetObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  getObject(argument: _silt_metadata_v1_GetObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  getObject(argument: _silt_metadata_v1_GetObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  getObject(argument: _silt_metadata_v1_GetObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectResponse__Output>): grpc.ClientUnaryCall;
  
  GetObjectTagging(argument: _silt_metadata_v1_GetObjectTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  GetObjectTagging(argument: _silt_metadata_v1_GetObjectTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  GetObjectTagging(argument: _silt_metadata_v1_GetObjectTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  GetObjectTagging(argument: _silt_metadata_v1_GetObjectTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  getObjectTagging(argument: _silt_metadata_v1_GetObjectTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  getObjectTagging(argument: _silt_metadata_v1_GetObjectTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  getObjectTagging(argument: _silt_metadata_v1_GetObjectTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  getObjectTagging(argument: _silt_metadata_v1_GetObjectTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  
  GetObjects(argument: _silt_metadata_v1_GetObjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectsResponse__Output>): grpc.ClientUnaryCall;
  GetObjects(argument: _silt_metadata_v1_GetObjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectsResponse__Output>): grpc.ClientUnaryCall;
  GetObjects(argument: _silt_metadata_v1_GetObjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectsResponse__Output>): grpc.ClientUnaryCall;
  GetObjects(argument: _silt_metadata_v1_GetObjectsRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectsResponse__Output>): grpc.ClientUnaryCall;
  getObjects(argument: _silt_metadata_v1_GetObjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectsResponse__Output>): grpc.ClientUnaryCall;
  getObjects(argument: _silt_metadata_v1_GetObjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectsResponse__Output>): grpc.ClientUnaryCall;
  getObjects(argument: _silt_metadata_v1_GetObjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectsResponse__Output>): grpc.ClientUnaryCall;
  getObjects(argument: _silt_metadata_v1_GetObjectsRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetObjectsResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  PutBucketTagging(argument: _silt_metadata_v1_PutBucketTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  PutBucketTagging(argument: _silt_metadata_v1_PutBucketTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_PutBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  PutBucketTagging(argument: _silt_metadata_v1_PutBucketTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  PutBucketTagging(argument: _silt_metadata_v1_PutBucketTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_PutBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  putBucketTagging(argument: _silt_metadata_v1_PutBucketTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  putBucketTagging(argument: _silt_metadata_v1_PutBucketTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_PutBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  putBucketTagging(argument: _silt_metadata_v1_PutBucketTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  putBucketTagging(argument: _silt_metadata_v1_PutBucketTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_PutBucketTaggingResponse__Output>): grpc.ClientUnaryCall;
  
  PutObjectTagging(argument: _silt_metadata_v1_PutObjectTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  PutObjectTagging(argument: _silt_metadata_v1_PutObjectTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_PutObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  PutObjectTagging(argument: _silt_metadata_v1_PutObjectTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  PutObjectTagging(argument: _silt_metadata_v1_PutObjectTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_PutObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  putObjectTagging(argument: _silt_metadata_v1_PutObjectTaggingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  putObjectTagging(argument: _silt_metadata_v1_PutObjectTaggingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_PutObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  putObjectTagging(argument: _silt_metadata_v1_PutObjectTaggingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_PutObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  putObjectTagging(argument: _silt_metadata_v1_PutObjectTaggingRequest, callback: grpc.requestCallback<_silt_metadata_v1_PutObjectTaggingResponse__Output>): grpc.ClientUnaryCall;
  
  SyncObject(argument: _silt_metadata_v1_SyncObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_SyncObjectResponse__Output>): grpc.ClientUnaryCall;
  SyncObject(argument: _silt_metadata_v1_SyncObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_SyncObjectResponse__Output>): grpc.ClientUnaryCall;
  SyncObject(argument: _silt_metadata_v1_SyncObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_SyncObjectResponse__Output>): grpc.ClientUnaryCall;
  SyncObject(argument: _silt_metadata_v1_SyncObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_SyncObjectResponse__Output>): grpc.ClientUnaryCall;
  syncObject(argument: _silt_metadata_v1_SyncObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_SyncObjectResponse__Output>): grpc.ClientUnaryCall;
  syncObject(argument: _silt_metadata_v1_SyncObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_SyncObjectResponse__Output>): grpc.ClientUnaryCall;
  syncObject(argument: _silt_metadata_v1_SyncObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_SyncObjectResponse__Output>): grpc.ClientUnaryCall;
  syncObject(argument: _silt_metadata_v1_SyncObjectRequest, callback: grpc.requestCallback<_silt_metadata_v1_SyncObjectResponse__Output>): grpc.ClientUnaryCall;
  
  Watch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation__Output>;
  Watch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation__Output>;
  watch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation__Output>;
  watch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation__Output>;
  
}

export interface MetadataServiceHandlers extends grpc.UntypedServiceImplementation {
  CommitObject: grpc.handleUnaryCall<_silt_metadata_v1_CommitObjectRequest__Output, _silt_metadata_v1_CommitObjectResponse>;
  
  CreateBucket: grpc.handleUnaryCall<_silt_metadata_v1_CreateBucketRequest__Output, _silt_metadata_v1_CreateBucketResponse>;
  
  DeleteBucket: grpc.handleUnaryCall<_silt_metadata_v1_DeleteBucketRequest__Output, _silt_metadata_v1_DeleteBucketResponse>;
  
  DeleteBucketTagging: grpc.handleUnaryCall<_silt_metadata_v1_DeleteBucketTaggingRequest__Output, _silt_metadata_v1_DeleteBucketTaggingResponse>;
  
  DeleteObject: grpc.handleUnaryCall<_silt_metadata_v1_DeleteObjectRequest__Output, _silt_metadata_v1_DeleteObjectResponse>;
  
  DeleteObjectTagging: grpc.handleUnaryCall<_silt_metadata_v1_DeleteObjectTaggingRequest__Output, _silt_metadata_v1_DeleteObjectTaggingResponse>;
  
  GetBucket: grpc.handleUnaryCall<_silt_metadata_v1_GetBucketRequest__Output, _silt_metadata_v1_GetBucketResponse>;
  
  GetBucketTagging: grpc.handleUnaryCall<_silt_metadata_v1_GetBucketTaggingRequest__Output, _silt_metadata_v1_GetBucketTaggingResponse>;
  
  GetObject: grpc.handleUnaryCall<_silt_metadata_v1_GetObjectRequest__Output, _silt_metadata_v1_GetObjectResponse>;
  
  GetObjectTagging: grpc.handleUnaryCall<_silt_metadata_v1_GetObjectTaggingRequest__Output, _silt_metadata_v1_GetObjectTaggingResponse>;
  
  GetObjects: grpc.handleUnaryCall<_silt_metadata_v1_GetObjectsRequest__Output, _silt_metadata_v1_GetObjectsResponse>;
  
  ListBuckets: grpc.handleUnaryCall<_silt_metadata_v1_ListBucketsRequest__Output, _silt_metadata_v1_ListBucketsResponse>;
  
  ListObjects: grpc.handleUnaryCall<_silt_metadata_v1_ListObjectsRequest__Output, _silt_metadata_v1_ListObjectsResponse>;
  
  PutBucketTagging: grpc.handleUnaryCall<_silt_metadata_v1_PutBucketTaggingRequest__Output, _silt_metadata_v1_PutBucketTaggingResponse>;
  
  PutObjectTagging: grpc.handleUnaryCall<_silt_metadata_v1_PutObjectTaggingRequest__Output, _silt_metadata_v1_PutObjectTaggingResponse>;
  
  SyncObject: grpc.handleUnaryCall<_silt_metadata_v1_SyncObjectRequest__Output, _silt_metadata_v1_SyncObjectResponse>;
  
  Watch: grpc.handleBidiStreamingCall<_silt_metadata_v1_WatchAck__Output, _silt_metadata_v1_Invalidation>;
  
}

export interface MetadataServiceDefinition extends grpc.ServiceDefinition {
  CommitObject: MethodDefinition<_silt_metadata_v1_CommitObjectRequest, _silt_metadata_v1_CommitObjectResponse, _silt_metadata_v1_CommitObjectRequest__Output, _silt_metadata_v1_CommitObjectResponse__Output>
  CreateBucket: MethodDefinition<_silt_metadata_v1_CreateBucketRequest, _silt_metadata_v1_CreateBucketResponse, _silt_metadata_v1_CreateBucketRequest__Output, _silt_metadata_v1_CreateBucketResponse__Output>
  DeleteBucket: MethodDefinition<_silt_metadata_v1_DeleteBucketRequest, _silt_metadata_v1_DeleteBucketResponse, _silt_metadata_v1_DeleteBucketRequest__Output, _silt_metadata_v1_DeleteBucketResponse__Output>
  DeleteBucketTagging: MethodDefinition<_silt_metadata_v1_DeleteBucketTaggingRequest, _silt_metadata_v1_DeleteBucketTaggingResponse, _silt_metadata_v1_DeleteBucketTaggingRequest__Output, _silt_metadata_v1_DeleteBucketTaggingResponse__Output>
  DeleteObject: MethodDefinition<_silt_metadata_v1_DeleteObjectRequest, _silt_metadata_v1_DeleteObjectResponse, _silt_metadata_v1_DeleteObjectRequest__Output, _silt_metadata_v1_DeleteObjectResponse__Output>
  DeleteObjectTagging: MethodDefinition<_silt_metadata_v1_DeleteObjectTaggingRequest, _silt_metadata_v1_DeleteObjectTaggingResponse, _silt_metadata_v1_DeleteObjectTaggingRequest__Output, _silt_metadata_v1_DeleteObjectTaggingResponse__Output>
  GetBucket: MethodDefinition<_silt_metadata_v1_GetBucketRequest, _silt_metadata_v1_GetBucketResponse, _silt_metadata_v1_GetBucketRequest__Output, _silt_metadata_v1_GetBucketResponse__Output>
  GetBucketTagging: MethodDefinition<_silt_metadata_v1_GetBucketTaggingRequest, _silt_metadata_v1_GetBucketTaggingResponse, _silt_metadata_v1_GetBucketTaggingRequest__Output, _silt_metadata_v1_GetBucketTaggingResponse__Output>
  GetObject: MethodDefinition<_silt_metadata_v1_GetObjectRequest, _silt_metadata_v1_GetObjectResponse, _silt_metadata_v1_GetObjectRequest__Output, _silt_metadata_v1_GetObjectResponse__Output>
  GetObjectTagging: MethodDefinition<_silt_metadata_v1_GetObjectTaggingRequest, _silt_metadata_v1_GetObjectTaggingResponse, _silt_metadata_v1_GetObjectTaggingRequest__Output, _silt_metadata_v1_GetObjectTaggingResponse__Output>
  GetObjects: MethodDefinition<_silt_metadata_v1_GetObjectsRequest, _silt_metadata_v1_GetObjectsResponse, _silt_metadata_v1_GetObjectsRequest__Output, _silt_metadata_v1_GetObjectsResponse__Output>
  ListBuckets: MethodDefinition<_silt_metadata_v1_ListBucketsRequest, _silt_metadata_v1_ListBucketsResponse, _silt_metadata_v1_ListBucketsRequest__Output, _silt_metadata_v1_ListBucketsResponse__Output>
  ListObjects: MethodDefinition<_silt_metadata_v1_ListObjectsRequest, _silt_metadata_v1_ListObjectsResponse, _silt_metadata_v1_ListObjectsRequest__Output, _silt_metadata_v1_ListObjectsResponse__Output>
  PutBucketTagging: MethodDefinition<_silt_metadata_v1_PutBucketTaggingRequest, _silt_metadata_v1_PutBucketTaggingResponse, _silt_metadata_v1_PutBucketTaggingRequest__Output, _silt_metadata_v1_PutBucketTaggingResponse__Output>
  PutObjectTagging: MethodDefinition<_silt_metadata_v1_PutObjectTaggingRequest, _silt_metadata_v1_PutObjectTaggingResponse, _silt_metadata_v1_PutObjectTaggingRequest__Output, _silt_metadata_v1_PutObjectTaggingResponse__Output>
  SyncObject: MethodDefinition<_silt_metadata_v1_SyncObjectRequest, _silt_metadata_v1_SyncObjectResponse, _silt_metadata_v1_SyncObjectRequest__Output, _silt_metadata_v1_SyncObjectResponse__Output>
  Watch: MethodDefinition<_silt_metadata_v1_WatchAck, _silt_metadata_v1_Invalidation, _silt_metadata_v1_WatchAck__Output, _silt_metadata_v1_Invalidation__Output>
}
