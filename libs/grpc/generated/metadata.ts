import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ObjectPart as _silt_common_v1_ObjectPart, ObjectPart__Output as _silt_common_v1_ObjectPart__Output } from './silt/common/v1/ObjectPart';
import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from './silt/common/v1/ObjectRecord';
import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from './silt/common/v1/Tag';
import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from './silt/common/v1/UfsLocation';
import type { AbortUploadRequest as _silt_metadata_v1_AbortUploadRequest, AbortUploadRequest__Output as _silt_metadata_v1_AbortUploadRequest__Output } from './silt/metadata/v1/AbortUploadRequest';
import type { AbortUploadResponse as _silt_metadata_v1_AbortUploadResponse, AbortUploadResponse__Output as _silt_metadata_v1_AbortUploadResponse__Output } from './silt/metadata/v1/AbortUploadResponse';
import type { Bucket as _silt_metadata_v1_Bucket, Bucket__Output as _silt_metadata_v1_Bucket__Output } from './silt/metadata/v1/Bucket';
import type { CommitObjectRequest as _silt_metadata_v1_CommitObjectRequest, CommitObjectRequest__Output as _silt_metadata_v1_CommitObjectRequest__Output } from './silt/metadata/v1/CommitObjectRequest';
import type { CommitObjectResponse as _silt_metadata_v1_CommitObjectResponse, CommitObjectResponse__Output as _silt_metadata_v1_CommitObjectResponse__Output } from './silt/metadata/v1/CommitObjectResponse';
import type { CompleteUploadRequest as _silt_metadata_v1_CompleteUploadRequest, CompleteUploadRequest__Output as _silt_metadata_v1_CompleteUploadRequest__Output } from './silt/metadata/v1/CompleteUploadRequest';
import type { CompleteUploadResponse as _silt_metadata_v1_CompleteUploadResponse, CompleteUploadResponse__Output as _silt_metadata_v1_CompleteUploadResponse__Output } from './silt/metadata/v1/CompleteUploadResponse';
import type { CreateBucketRequest as _silt_metadata_v1_CreateBucketRequest, CreateBucketRequest__Output as _silt_metadata_v1_CreateBucketRequest__Output } from './silt/metadata/v1/CreateBucketRequest';
import type { CreateBucketResponse as _silt_metadata_v1_CreateBucketResponse, CreateBucketResponse__Output as _silt_metadata_v1_CreateBucketResponse__Output } from './silt/metadata/v1/CreateBucketResponse';
import type { CreateUploadRequest as _silt_metadata_v1_CreateUploadRequest, CreateUploadRequest__Output as _silt_metadata_v1_CreateUploadRequest__Output } from './silt/metadata/v1/CreateUploadRequest';
import type { CreateUploadResponse as _silt_metadata_v1_CreateUploadResponse, CreateUploadResponse__Output as _silt_metadata_v1_CreateUploadResponse__Output } from './silt/metadata/v1/CreateUploadResponse';
import type { DeleteBucketRequest as _silt_metadata_v1_DeleteBucketRequest, DeleteBucketRequest__Output as _silt_metadata_v1_DeleteBucketRequest__Output } from './silt/metadata/v1/DeleteBucketRequest';
import type { DeleteBucketResponse as _silt_metadata_v1_DeleteBucketResponse, DeleteBucketResponse__Output as _silt_metadata_v1_DeleteBucketResponse__Output } from './silt/metadata/v1/DeleteBucketResponse';
import type { DeleteBucketTaggingRequest as _silt_metadata_v1_DeleteBucketTaggingRequest, DeleteBucketTaggingRequest__Output as _silt_metadata_v1_DeleteBucketTaggingRequest__Output } from './silt/metadata/v1/DeleteBucketTaggingRequest';
import type { DeleteBucketTaggingResponse as _silt_metadata_v1_DeleteBucketTaggingResponse, DeleteBucketTaggingResponse__Output as _silt_metadata_v1_DeleteBucketTaggingResponse__Output } from './silt/metadata/v1/DeleteBucketTaggingResponse';
import type { DeleteObjectRequest as _silt_metadata_v1_DeleteObjectRequest, DeleteObjectRequest__Output as _silt_metadata_v1_DeleteObjectRequest__Output } from './silt/metadata/v1/DeleteObjectRequest';
import type { DeleteObjectResponse as _silt_metadata_v1_DeleteObjectResponse, DeleteObjectResponse__Output as _silt_metadata_v1_DeleteObjectResponse__Output } from './silt/metadata/v1/DeleteObjectResponse';
import type { DeleteObjectTaggingRequest as _silt_metadata_v1_DeleteObjectTaggingRequest, DeleteObjectTaggingRequest__Output as _silt_metadata_v1_DeleteObjectTaggingRequest__Output } from './silt/metadata/v1/DeleteObjectTaggingRequest';
import type { DeleteObjectTaggingResponse as _silt_metadata_v1_DeleteObjectTaggingResponse, DeleteObjectTaggingResponse__Output as _silt_metadata_v1_DeleteObjectTaggingResponse__Output } from './silt/metadata/v1/DeleteObjectTaggingResponse';
import type { GetBucketRequest as _silt_metadata_v1_GetBucketRequest, GetBucketRequest__Output as _silt_metadata_v1_GetBucketRequest__Output } from './silt/metadata/v1/GetBucketRequest';
import type { GetBucketResponse as _silt_metadata_v1_GetBucketResponse, GetBucketResponse__Output as _silt_metadata_v1_GetBucketResponse__Output } from './silt/metadata/v1/GetBucketResponse';
import type { GetBucketTaggingRequest as _silt_metadata_v1_GetBucketTaggingRequest, GetBucketTaggingRequest__Output as _silt_metadata_v1_GetBucketTaggingRequest__Output } from './silt/metadata/v1/GetBucketTaggingRequest';
import type { GetBucketTaggingResponse as _silt_metadata_v1_GetBucketTaggingResponse, GetBucketTaggingResponse__Output as _silt_metadata_v1_GetBucketTaggingResponse__Output } from './silt/metadata/v1/GetBucketTaggingResponse';
import type { GetMountRequest as _silt_metadata_v1_GetMountRequest, GetMountRequest__Output as _silt_metadata_v1_GetMountRequest__Output } from './silt/metadata/v1/GetMountRequest';
import type { GetMountResponse as _silt_metadata_v1_GetMountResponse, GetMountResponse__Output as _silt_metadata_v1_GetMountResponse__Output } from './silt/metadata/v1/GetMountResponse';
import type { GetObjectRequest as _silt_metadata_v1_GetObjectRequest, GetObjectRequest__Output as _silt_metadata_v1_GetObjectRequest__Output } from './silt/metadata/v1/GetObjectRequest';
import type { GetObjectResponse as _silt_metadata_v1_GetObjectResponse, GetObjectResponse__Output as _silt_metadata_v1_GetObjectResponse__Output } from './silt/metadata/v1/GetObjectResponse';
import type { GetObjectTaggingRequest as _silt_metadata_v1_GetObjectTaggingRequest, GetObjectTaggingRequest__Output as _silt_metadata_v1_GetObjectTaggingRequest__Output } from './silt/metadata/v1/GetObjectTaggingRequest';
import type { GetObjectTaggingResponse as _silt_metadata_v1_GetObjectTaggingResponse, GetObjectTaggingResponse__Output as _silt_metadata_v1_GetObjectTaggingResponse__Output } from './silt/metadata/v1/GetObjectTaggingResponse';
import type { GetObjectsRequest as _silt_metadata_v1_GetObjectsRequest, GetObjectsRequest__Output as _silt_metadata_v1_GetObjectsRequest__Output } from './silt/metadata/v1/GetObjectsRequest';
import type { GetObjectsResponse as _silt_metadata_v1_GetObjectsResponse, GetObjectsResponse__Output as _silt_metadata_v1_GetObjectsResponse__Output } from './silt/metadata/v1/GetObjectsResponse';
import type { GetObjectsResult as _silt_metadata_v1_GetObjectsResult, GetObjectsResult__Output as _silt_metadata_v1_GetObjectsResult__Output } from './silt/metadata/v1/GetObjectsResult';
import type { GetUploadRequest as _silt_metadata_v1_GetUploadRequest, GetUploadRequest__Output as _silt_metadata_v1_GetUploadRequest__Output } from './silt/metadata/v1/GetUploadRequest';
import type { GetUploadResponse as _silt_metadata_v1_GetUploadResponse, GetUploadResponse__Output as _silt_metadata_v1_GetUploadResponse__Output } from './silt/metadata/v1/GetUploadResponse';
import type { HeartbeatRequest as _silt_metadata_v1_HeartbeatRequest, HeartbeatRequest__Output as _silt_metadata_v1_HeartbeatRequest__Output } from './silt/metadata/v1/HeartbeatRequest';
import type { HeartbeatResponse as _silt_metadata_v1_HeartbeatResponse, HeartbeatResponse__Output as _silt_metadata_v1_HeartbeatResponse__Output } from './silt/metadata/v1/HeartbeatResponse';
import type { Invalidation as _silt_metadata_v1_Invalidation, Invalidation__Output as _silt_metadata_v1_Invalidation__Output } from './silt/metadata/v1/Invalidation';
import type { ListBucketsRequest as _silt_metadata_v1_ListBucketsRequest, ListBucketsRequest__Output as _silt_metadata_v1_ListBucketsRequest__Output } from './silt/metadata/v1/ListBucketsRequest';
import type { ListBucketsResponse as _silt_metadata_v1_ListBucketsResponse, ListBucketsResponse__Output as _silt_metadata_v1_ListBucketsResponse__Output } from './silt/metadata/v1/ListBucketsResponse';
import type { ListMountsRequest as _silt_metadata_v1_ListMountsRequest, ListMountsRequest__Output as _silt_metadata_v1_ListMountsRequest__Output } from './silt/metadata/v1/ListMountsRequest';
import type { ListMountsResponse as _silt_metadata_v1_ListMountsResponse, ListMountsResponse__Output as _silt_metadata_v1_ListMountsResponse__Output } from './silt/metadata/v1/ListMountsResponse';
import type { ListObjectsRequest as _silt_metadata_v1_ListObjectsRequest, ListObjectsRequest__Output as _silt_metadata_v1_ListObjectsRequest__Output } from './silt/metadata/v1/ListObjectsRequest';
import type { ListObjectsResponse as _silt_metadata_v1_ListObjectsResponse, ListObjectsResponse__Output as _silt_metadata_v1_ListObjectsResponse__Output } from './silt/metadata/v1/ListObjectsResponse';
import type { ListPartsRequest as _silt_metadata_v1_ListPartsRequest, ListPartsRequest__Output as _silt_metadata_v1_ListPartsRequest__Output } from './silt/metadata/v1/ListPartsRequest';
import type { ListPartsResponse as _silt_metadata_v1_ListPartsResponse, ListPartsResponse__Output as _silt_metadata_v1_ListPartsResponse__Output } from './silt/metadata/v1/ListPartsResponse';
import type { ListUploadsRequest as _silt_metadata_v1_ListUploadsRequest, ListUploadsRequest__Output as _silt_metadata_v1_ListUploadsRequest__Output } from './silt/metadata/v1/ListUploadsRequest';
import type { ListUploadsResponse as _silt_metadata_v1_ListUploadsResponse, ListUploadsResponse__Output as _silt_metadata_v1_ListUploadsResponse__Output } from './silt/metadata/v1/ListUploadsResponse';
import type { ListWorkersRequest as _silt_metadata_v1_ListWorkersRequest, ListWorkersRequest__Output as _silt_metadata_v1_ListWorkersRequest__Output } from './silt/metadata/v1/ListWorkersRequest';
import type { ListWorkersResponse as _silt_metadata_v1_ListWorkersResponse, ListWorkersResponse__Output as _silt_metadata_v1_ListWorkersResponse__Output } from './silt/metadata/v1/ListWorkersResponse';
import type { MembershipServiceClient as _silt_metadata_v1_MembershipServiceClient, MembershipServiceDefinition as _silt_metadata_v1_MembershipServiceDefinition } from './silt/metadata/v1/MembershipService';
import type { MetadataServiceClient as _silt_metadata_v1_MetadataServiceClient, MetadataServiceDefinition as _silt_metadata_v1_MetadataServiceDefinition } from './silt/metadata/v1/MetadataService';
import type { MountInfo as _silt_metadata_v1_MountInfo, MountInfo__Output as _silt_metadata_v1_MountInfo__Output } from './silt/metadata/v1/MountInfo';
import type { MountRequest as _silt_metadata_v1_MountRequest, MountRequest__Output as _silt_metadata_v1_MountRequest__Output } from './silt/metadata/v1/MountRequest';
import type { MountResponse as _silt_metadata_v1_MountResponse, MountResponse__Output as _silt_metadata_v1_MountResponse__Output } from './silt/metadata/v1/MountResponse';
import type { MountServiceClient as _silt_metadata_v1_MountServiceClient, MountServiceDefinition as _silt_metadata_v1_MountServiceDefinition } from './silt/metadata/v1/MountService';
import type { MultipartServiceClient as _silt_metadata_v1_MultipartServiceClient, MultipartServiceDefinition as _silt_metadata_v1_MultipartServiceDefinition } from './silt/metadata/v1/MultipartService';
import type { ObjectSummary as _silt_metadata_v1_ObjectSummary, ObjectSummary__Output as _silt_metadata_v1_ObjectSummary__Output } from './silt/metadata/v1/ObjectSummary';
import type { Part as _silt_metadata_v1_Part, Part__Output as _silt_metadata_v1_Part__Output } from './silt/metadata/v1/Part';
import type { PutBucketTaggingRequest as _silt_metadata_v1_PutBucketTaggingRequest, PutBucketTaggingRequest__Output as _silt_metadata_v1_PutBucketTaggingRequest__Output } from './silt/metadata/v1/PutBucketTaggingRequest';
import type { PutBucketTaggingResponse as _silt_metadata_v1_PutBucketTaggingResponse, PutBucketTaggingResponse__Output as _silt_metadata_v1_PutBucketTaggingResponse__Output } from './silt/metadata/v1/PutBucketTaggingResponse';
import type { PutObjectTaggingRequest as _silt_metadata_v1_PutObjectTaggingRequest, PutObjectTaggingRequest__Output as _silt_metadata_v1_PutObjectTaggingRequest__Output } from './silt/metadata/v1/PutObjectTaggingRequest';
import type { PutObjectTaggingResponse as _silt_metadata_v1_PutObjectTaggingResponse, PutObjectTaggingResponse__Output as _silt_metadata_v1_PutObjectTaggingResponse__Output } from './silt/metadata/v1/PutObjectTaggingResponse';
import type { PutPartRequest as _silt_metadata_v1_PutPartRequest, PutPartRequest__Output as _silt_metadata_v1_PutPartRequest__Output } from './silt/metadata/v1/PutPartRequest';
import type { PutPartResponse as _silt_metadata_v1_PutPartResponse, PutPartResponse__Output as _silt_metadata_v1_PutPartResponse__Output } from './silt/metadata/v1/PutPartResponse';
import type { RegisterWorkerRequest as _silt_metadata_v1_RegisterWorkerRequest, RegisterWorkerRequest__Output as _silt_metadata_v1_RegisterWorkerRequest__Output } from './silt/metadata/v1/RegisterWorkerRequest';
import type { RegisterWorkerResponse as _silt_metadata_v1_RegisterWorkerResponse, RegisterWorkerResponse__Output as _silt_metadata_v1_RegisterWorkerResponse__Output } from './silt/metadata/v1/RegisterWorkerResponse';
import type { SyncObjectRequest as _silt_metadata_v1_SyncObjectRequest, SyncObjectRequest__Output as _silt_metadata_v1_SyncObjectRequest__Output } from './silt/metadata/v1/SyncObjectRequest';
import type { SyncObjectResponse as _silt_metadata_v1_SyncObjectResponse, SyncObjectResponse__Output as _silt_metadata_v1_SyncObjectResponse__Output } from './silt/metadata/v1/SyncObjectResponse';
import type { UnmountRequest as _silt_metadata_v1_UnmountRequest, UnmountRequest__Output as _silt_metadata_v1_UnmountRequest__Output } from './silt/metadata/v1/UnmountRequest';
import type { UnmountResponse as _silt_metadata_v1_UnmountResponse, UnmountResponse__Output as _silt_metadata_v1_UnmountResponse__Output } from './silt/metadata/v1/UnmountResponse';
import type { Upload as _silt_metadata_v1_Upload, Upload__Output as _silt_metadata_v1_Upload__Output } from './silt/metadata/v1/Upload';
import type { WatchAck as _silt_metadata_v1_WatchAck, WatchAck__Output as _silt_metadata_v1_WatchAck__Output } from './silt/metadata/v1/WatchAck';
import type { WorkerInfo as _silt_metadata_v1_WorkerInfo, WorkerInfo__Output as _silt_metadata_v1_WorkerInfo__Output } from './silt/metadata/v1/WorkerInfo';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  silt: {
    common: {
      v1: {
        ObjectPart: MessageTypeDefinition<_silt_common_v1_ObjectPart, _silt_common_v1_ObjectPart__Output>
        ObjectRecord: MessageTypeDefinition<_silt_common_v1_ObjectRecord, _silt_common_v1_ObjectRecord__Output>
        Tag: MessageTypeDefinition<_silt_common_v1_Tag, _silt_common_v1_Tag__Output>
        UfsLocation: MessageTypeDefinition<_silt_common_v1_UfsLocation, _silt_common_v1_UfsLocation__Output>
      }
    }
    metadata: {
      v1: {
        AbortUploadRequest: MessageTypeDefinition<_silt_metadata_v1_AbortUploadRequest, _silt_metadata_v1_AbortUploadRequest__Output>
        AbortUploadResponse: MessageTypeDefinition<_silt_metadata_v1_AbortUploadResponse, _silt_metadata_v1_AbortUploadResponse__Output>
        Bucket: MessageTypeDefinition<_silt_metadata_v1_Bucket, _silt_metadata_v1_Bucket__Output>
        CommitObjectRequest: MessageTypeDefinition<_silt_metadata_v1_CommitObjectRequest, _silt_metadata_v1_CommitObjectRequest__Output>
        CommitObjectResponse: MessageTypeDefinition<_silt_metadata_v1_CommitObjectResponse, _silt_metadata_v1_CommitObjectResponse__Output>
        CompleteUploadRequest: MessageTypeDefinition<_silt_metadata_v1_CompleteUploadRequest, _silt_metadata_v1_CompleteUploadRequest__Output>
        CompleteUploadResponse: MessageTypeDefinition<_silt_metadata_v1_CompleteUploadResponse, _silt_metadata_v1_CompleteUploadResponse__Output>
        CreateBucketRequest: MessageTypeDefinition<_silt_metadata_v1_CreateBucketRequest, _silt_metadata_v1_CreateBucketRequest__Output>
        CreateBucketResponse: MessageTypeDefinition<_silt_metadata_v1_CreateBucketResponse, _silt_metadata_v1_CreateBucketResponse__Output>
        CreateUploadRequest: MessageTypeDefinition<_silt_metadata_v1_CreateUploadRequest, _silt_metadata_v1_CreateUploadRequest__Output>
        CreateUploadResponse: MessageTypeDefinition<_silt_metadata_v1_CreateUploadResponse, _silt_metadata_v1_CreateUploadResponse__Output>
        DeleteBucketRequest: MessageTypeDefinition<_silt_metadata_v1_DeleteBucketRequest, _silt_metadata_v1_DeleteBucketRequest__Output>
        DeleteBucketResponse: MessageTypeDefinition<_silt_metadata_v1_DeleteBucketResponse, _silt_metadata_v1_DeleteBucketResponse__Output>
        DeleteBucketTaggingRequest: MessageTypeDefinition<_silt_metadata_v1_DeleteBucketTaggingRequest, _silt_metadata_v1_DeleteBucketTaggingRequest__Output>
        DeleteBucketTaggingResponse: MessageTypeDefinition<_silt_metadata_v1_DeleteBucketTaggingResponse, _silt_metadata_v1_DeleteBucketTaggingResponse__Output>
        DeleteObjectRequest: MessageTypeDefinition<_silt_metadata_v1_DeleteObjectRequest, _silt_metadata_v1_DeleteObjectRequest__Output>
        DeleteObjectResponse: MessageTypeDefinition<_silt_metadata_v1_DeleteObjectResponse, _silt_metadata_v1_DeleteObjectResponse__Output>
        DeleteObjectTaggingRequest: MessageTypeDefinition<_silt_metadata_v1_DeleteObjectTaggingRequest, _silt_metadata_v1_DeleteObjectTaggingRequest__Output>
        DeleteObjectTaggingResponse: MessageTypeDefinition<_silt_metadata_v1_DeleteObjectTaggingResponse, _silt_metadata_v1_DeleteObjectTaggingResponse__Output>
        GetBucketRequest: MessageTypeDefinition<_silt_metadata_v1_GetBucketRequest, _silt_metadata_v1_GetBucketRequest__Output>
        GetBucketResponse: MessageTypeDefinition<_silt_metadata_v1_GetBucketResponse, _silt_metadata_v1_GetBucketResponse__Output>
        GetBucketTaggingRequest: MessageTypeDefinition<_silt_metadata_v1_GetBucketTaggingRequest, _silt_metadata_v1_GetBucketTaggingRequest__Output>
        GetBucketTaggingResponse: MessageTypeDefinition<_silt_metadata_v1_GetBucketTaggingResponse, _silt_metadata_v1_GetBucketTaggingResponse__Output>
        GetMountRequest: MessageTypeDefinition<_silt_metadata_v1_GetMountRequest, _silt_metadata_v1_GetMountRequest__Output>
        GetMountResponse: MessageTypeDefinition<_silt_metadata_v1_GetMountResponse, _silt_metadata_v1_GetMountResponse__Output>
        GetObjectRequest: MessageTypeDefinition<_silt_metadata_v1_GetObjectRequest, _silt_metadata_v1_GetObjectRequest__Output>
        GetObjectResponse: MessageTypeDefinition<_silt_metadata_v1_GetObjectResponse, _silt_metadata_v1_GetObjectResponse__Output>
        GetObjectTaggingRequest: MessageTypeDefinition<_silt_metadata_v1_GetObjectTaggingRequest, _silt_metadata_v1_GetObjectTaggingRequest__Output>
        GetObjectTaggingResponse: MessageTypeDefinition<_silt_metadata_v1_GetObjectTaggingResponse, _silt_metadata_v1_GetObjectTaggingResponse__Output>
        GetObjectsRequest: MessageTypeDefinition<_silt_metadata_v1_GetObjectsRequest, _silt_metadata_v1_GetObjectsRequest__Output>
        GetObjectsResponse: MessageTypeDefinition<_silt_metadata_v1_GetObjectsResponse, _silt_metadata_v1_GetObjectsResponse__Output>
        GetObjectsResult: MessageTypeDefinition<_silt_metadata_v1_GetObjectsResult, _silt_metadata_v1_GetObjectsResult__Output>
        GetUploadRequest: MessageTypeDefinition<_silt_metadata_v1_GetUploadRequest, _silt_metadata_v1_GetUploadRequest__Output>
        GetUploadResponse: MessageTypeDefinition<_silt_metadata_v1_GetUploadResponse, _silt_metadata_v1_GetUploadResponse__Output>
        HeartbeatRequest: MessageTypeDefinition<_silt_metadata_v1_HeartbeatRequest, _silt_metadata_v1_HeartbeatRequest__Output>
        HeartbeatResponse: MessageTypeDefinition<_silt_metadata_v1_HeartbeatResponse, _silt_metadata_v1_HeartbeatResponse__Output>
        Invalidation: MessageTypeDefinition<_silt_metadata_v1_Invalidation, _silt_metadata_v1_Invalidation__Output>
        ListBucketsRequest: MessageTypeDefinition<_silt_metadata_v1_ListBucketsRequest, _silt_metadata_v1_ListBucketsRequest__Output>
        ListBucketsResponse: MessageTypeDefinition<_silt_metadata_v1_ListBucketsResponse, _silt_metadata_v1_ListBucketsResponse__Output>
        ListMountsRequest: MessageTypeDefinition<_silt_metadata_v1_ListMountsRequest, _silt_metadata_v1_ListMountsRequest__Output>
        ListMountsResponse: MessageTypeDefinition<_silt_metadata_v1_ListMountsResponse, _silt_metadata_v1_ListMountsResponse__Output>
        ListObjectsRequest: MessageTypeDefinition<_silt_metadata_v1_ListObjectsRequest, _silt_metadata_v1_ListObjectsRequest__Output>
        ListObjectsResponse: MessageTypeDefinition<_silt_metadata_v1_ListObjectsResponse, _silt_metadata_v1_ListObjectsResponse__Output>
        ListPartsRequest: MessageTypeDefinition<_silt_metadata_v1_ListPartsRequest, _silt_metadata_v1_ListPartsRequest__Output>
        ListPartsResponse: MessageTypeDefinition<_silt_metadata_v1_ListPartsResponse, _silt_metadata_v1_ListPartsResponse__Output>
        ListUploadsRequest: MessageTypeDefinition<_silt_metadata_v1_ListUploadsRequest, _silt_metadata_v1_ListUploadsRequest__Output>
        ListUploadsResponse: MessageTypeDefinition<_silt_metadata_v1_ListUploadsResponse, _silt_metadata_v1_ListUploadsResponse__Output>
        ListWorkersRequest: MessageTypeDefinition<_silt_metadata_v1_ListWorkersRequest, _silt_metadata_v1_ListWorkersRequest__Output>
        ListWorkersResponse: MessageTypeDefinition<_silt_metadata_v1_ListWorkersResponse, _silt_metadata_v1_ListWorkersResponse__Output>
        MembershipService: SubtypeConstructor<typeof grpc.Client, _silt_metadata_v1_MembershipServiceClient> & { service: _silt_metadata_v1_MembershipServiceDefinition }
        MetadataService: SubtypeConstructor<typeof grpc.Client, _silt_metadata_v1_MetadataServiceClient> & { service: _silt_metadata_v1_MetadataServiceDefinition }
        MountInfo: MessageTypeDefinition<_silt_metadata_v1_MountInfo, _silt_metadata_v1_MountInfo__Output>
        MountRequest: MessageTypeDefinition<_silt_metadata_v1_MountRequest, _silt_metadata_v1_MountRequest__Output>
        MountResponse: MessageTypeDefinition<_silt_metadata_v1_MountResponse, _silt_metadata_v1_MountResponse__Output>
        MountService: SubtypeConstructor<typeof grpc.Client, _silt_metadata_v1_MountServiceClient> & { service: _silt_metadata_v1_MountServiceDefinition }
        MultipartService: SubtypeConstructor<typeof grpc.Client, _silt_metadata_v1_MultipartServiceClient> & { service: _silt_metadata_v1_MultipartServiceDefinition }
        ObjectSummary: MessageTypeDefinition<_silt_metadata_v1_ObjectSummary, _silt_metadata_v1_ObjectSummary__Output>
        Part: MessageTypeDefinition<_silt_metadata_v1_Part, _silt_metadata_v1_Part__Output>
        PutBucketTaggingRequest: MessageTypeDefinition<_silt_metadata_v1_PutBucketTaggingRequest, _silt_metadata_v1_PutBucketTaggingRequest__Output>
        PutBucketTaggingResponse: MessageTypeDefinition<_silt_metadata_v1_PutBucketTaggingResponse, _silt_metadata_v1_PutBucketTaggingResponse__Output>
        PutObjectTaggingRequest: MessageTypeDefinition<_silt_metadata_v1_PutObjectTaggingRequest, _silt_metadata_v1_PutObjectTaggingRequest__Output>
        PutObjectTaggingResponse: MessageTypeDefinition<_silt_metadata_v1_PutObjectTaggingResponse, _silt_metadata_v1_PutObjectTaggingResponse__Output>
        PutPartRequest: MessageTypeDefinition<_silt_metadata_v1_PutPartRequest, _silt_metadata_v1_PutPartRequest__Output>
        PutPartResponse: MessageTypeDefinition<_silt_metadata_v1_PutPartResponse, _silt_metadata_v1_PutPartResponse__Output>
        RegisterWorkerRequest: MessageTypeDefinition<_silt_metadata_v1_RegisterWorkerRequest, _silt_metadata_v1_RegisterWorkerRequest__Output>
        RegisterWorkerResponse: MessageTypeDefinition<_silt_metadata_v1_RegisterWorkerResponse, _silt_metadata_v1_RegisterWorkerResponse__Output>
        SyncObjectRequest: MessageTypeDefinition<_silt_metadata_v1_SyncObjectRequest, _silt_metadata_v1_SyncObjectRequest__Output>
        SyncObjectResponse: MessageTypeDefinition<_silt_metadata_v1_SyncObjectResponse, _silt_metadata_v1_SyncObjectResponse__Output>
        UnmountRequest: MessageTypeDefinition<_silt_metadata_v1_UnmountRequest, _silt_metadata_v1_UnmountRequest__Output>
        UnmountResponse: MessageTypeDefinition<_silt_metadata_v1_UnmountResponse, _silt_metadata_v1_UnmountResponse__Output>
        Upload: MessageTypeDefinition<_silt_metadata_v1_Upload, _silt_metadata_v1_Upload__Output>
        WatchAck: MessageTypeDefinition<_silt_metadata_v1_WatchAck, _silt_metadata_v1_WatchAck__Output>
        WorkerInfo: MessageTypeDefinition<_silt_metadata_v1_WorkerInfo, _silt_metadata_v1_WorkerInfo__Output>
      }
    }
  }
}

