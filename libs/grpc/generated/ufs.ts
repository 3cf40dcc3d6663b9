import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ObjectPart as _silt_common_v1_ObjectPart, ObjectPart__Output as _silt_common_v1_ObjectPart__Output } from './silt/common/v1/ObjectPart';
import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from './silt/common/v1/ObjectRecord';
import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from './silt/common/v1/Tag';
import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from './silt/common/v1/UfsLocation';
import type { ComposeObjectRequest as _silt_ufs_v1_ComposeObjectRequest, ComposeObjectRequest__Output as _silt_ufs_v1_ComposeObjectRequest__Output } from './silt/ufs/v1/ComposeObjectRequest';
import type { ComposePart as _silt_ufs_v1_ComposePart, ComposePart__Output as _silt_ufs_v1_ComposePart__Output } from './silt/ufs/v1/ComposePart';
import type { CopyObjectRequest as _silt_ufs_v1_CopyObjectRequest, CopyObjectRequest__Output as _silt_ufs_v1_CopyObjectRequest__Output } from './silt/ufs/v1/CopyObjectRequest';
import type { CopyObjectResponse as _silt_ufs_v1_CopyObjectResponse, CopyObjectResponse__Output as _silt_ufs_v1_CopyObjectResponse__Output } from './silt/ufs/v1/CopyObjectResponse';
import type { CreateDirectoryRequest as _silt_ufs_v1_CreateDirectoryRequest, CreateDirectoryRequest__Output as _silt_ufs_v1_CreateDirectoryRequest__Output } from './silt/ufs/v1/CreateDirectoryRequest';
import type { CreateDirectoryResponse as _silt_ufs_v1_CreateDirectoryResponse, CreateDirectoryResponse__Output as _silt_ufs_v1_CreateDirectoryResponse__Output } from './silt/ufs/v1/CreateDirectoryResponse';
import type { DeleteDirectoryRequest as _silt_ufs_v1_DeleteDirectoryRequest, DeleteDirectoryRequest__Output as _silt_ufs_v1_DeleteDirectoryRequest__Output } from './silt/ufs/v1/DeleteDirectoryRequest';
import type { DeleteDirectoryResponse as _silt_ufs_v1_DeleteDirectoryResponse, DeleteDirectoryResponse__Output as _silt_ufs_v1_DeleteDirectoryResponse__Output } from './silt/ufs/v1/DeleteDirectoryResponse';
import type { DeleteObjectRequest as _silt_ufs_v1_DeleteObjectRequest, DeleteObjectRequest__Output as _silt_ufs_v1_DeleteObjectRequest__Output } from './silt/ufs/v1/DeleteObjectRequest';
import type { DeleteObjectResponse as _silt_ufs_v1_DeleteObjectResponse, DeleteObjectResponse__Output as _silt_ufs_v1_DeleteObjectResponse__Output } from './silt/ufs/v1/DeleteObjectResponse';
import type { DeleteStagingRequest as _silt_ufs_v1_DeleteStagingRequest, DeleteStagingRequest__Output as _silt_ufs_v1_DeleteStagingRequest__Output } from './silt/ufs/v1/DeleteStagingRequest';
import type { DeleteStagingResponse as _silt_ufs_v1_DeleteStagingResponse, DeleteStagingResponse__Output as _silt_ufs_v1_DeleteStagingResponse__Output } from './silt/ufs/v1/DeleteStagingResponse';
import type { ListUfsObjectsRequest as _silt_ufs_v1_ListUfsObjectsRequest, ListUfsObjectsRequest__Output as _silt_ufs_v1_ListUfsObjectsRequest__Output } from './silt/ufs/v1/ListUfsObjectsRequest';
import type { ListUfsObjectsResponse as _silt_ufs_v1_ListUfsObjectsResponse, ListUfsObjectsResponse__Output as _silt_ufs_v1_ListUfsObjectsResponse__Output } from './silt/ufs/v1/ListUfsObjectsResponse';
import type { ObjectDescription as _silt_ufs_v1_ObjectDescription, ObjectDescription__Output as _silt_ufs_v1_ObjectDescription__Output } from './silt/ufs/v1/ObjectDescription';
import type { ReadObjectRequest as _silt_ufs_v1_ReadObjectRequest, ReadObjectRequest__Output as _silt_ufs_v1_ReadObjectRequest__Output } from './silt/ufs/v1/ReadObjectRequest';
import type { ReadObjectResponse as _silt_ufs_v1_ReadObjectResponse, ReadObjectResponse__Output as _silt_ufs_v1_ReadObjectResponse__Output } from './silt/ufs/v1/ReadObjectResponse';
import type { SetObjectTagsRequest as _silt_ufs_v1_SetObjectTagsRequest, SetObjectTagsRequest__Output as _silt_ufs_v1_SetObjectTagsRequest__Output } from './silt/ufs/v1/SetObjectTagsRequest';
import type { SetObjectTagsResponse as _silt_ufs_v1_SetObjectTagsResponse, SetObjectTagsResponse__Output as _silt_ufs_v1_SetObjectTagsResponse__Output } from './silt/ufs/v1/SetObjectTagsResponse';
import type { StagingTarget as _silt_ufs_v1_StagingTarget, StagingTarget__Output as _silt_ufs_v1_StagingTarget__Output } from './silt/ufs/v1/StagingTarget';
import type { StatObjectRequest as _silt_ufs_v1_StatObjectRequest, StatObjectRequest__Output as _silt_ufs_v1_StatObjectRequest__Output } from './silt/ufs/v1/StatObjectRequest';
import type { StatObjectResponse as _silt_ufs_v1_StatObjectResponse, StatObjectResponse__Output as _silt_ufs_v1_StatObjectResponse__Output } from './silt/ufs/v1/StatObjectResponse';
import type { StatObjectsRequest as _silt_ufs_v1_StatObjectsRequest, StatObjectsRequest__Output as _silt_ufs_v1_StatObjectsRequest__Output } from './silt/ufs/v1/StatObjectsRequest';
import type { StatObjectsResponse as _silt_ufs_v1_StatObjectsResponse, StatObjectsResponse__Output as _silt_ufs_v1_StatObjectsResponse__Output } from './silt/ufs/v1/StatObjectsResponse';
import type { StatObjectsResult as _silt_ufs_v1_StatObjectsResult, StatObjectsResult__Output as _silt_ufs_v1_StatObjectsResult__Output } from './silt/ufs/v1/StatObjectsResult';
import type { UfsEntry as _silt_ufs_v1_UfsEntry, UfsEntry__Output as _silt_ufs_v1_UfsEntry__Output } from './silt/ufs/v1/UfsEntry';
import type { UfsServiceClient as _silt_ufs_v1_UfsServiceClient, UfsServiceDefinition as _silt_ufs_v1_UfsServiceDefinition } from './silt/ufs/v1/UfsService';
import type { WriteObjectHeader as _silt_ufs_v1_WriteObjectHeader, WriteObjectHeader__Output as _silt_ufs_v1_WriteObjectHeader__Output } from './silt/ufs/v1/WriteObjectHeader';
import type { WriteObjectRequest as _silt_ufs_v1_WriteObjectRequest, WriteObjectRequest__Output as _silt_ufs_v1_WriteObjectRequest__Output } from './silt/ufs/v1/WriteObjectRequest';
import type { WriteObjectResponse as _silt_ufs_v1_WriteObjectResponse, WriteObjectResponse__Output as _silt_ufs_v1_WriteObjectResponse__Output } from './silt/ufs/v1/WriteObjectResponse';
import type { WriteObjectTrailer as _silt_ufs_v1_WriteObjectTrailer, WriteObjectTrailer__Output as _silt_ufs_v1_WriteObjectTrailer__Output } from './silt/ufs/v1/WriteObjectTrailer';

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
    ufs: {
      v1: {
        ComposeObjectRequest: MessageTypeDefinition<_silt_ufs_v1_ComposeObjectRequest, _silt_ufs_v1_ComposeObjectRequest__Output>
        ComposePart: MessageTypeDefinition<_silt_ufs_v1_ComposePart, _silt_ufs_v1_ComposePart__Output>
        CopyObjectRequest: MessageTypeDefinition<_silt_ufs_v1_CopyObjectRequest, _silt_ufs_v1_CopyObjectRequest__Output>
        CopyObjectResponse: MessageTypeDefinition<_silt_ufs_v1_CopyObjectResponse, _silt_ufs_v1_CopyObjectResponse__Output>
        CreateDirectoryRequest: MessageTypeDefinition<_silt_ufs_v1_CreateDirectoryRequest, _silt_ufs_v1_CreateDirectoryRequest__Output>
        CreateDirectoryResponse: MessageTypeDefinition<_silt_ufs_v1_CreateDirectoryResponse, _silt_ufs_v1_CreateDirectoryResponse__Output>
        DeleteDirectoryRequest: MessageTypeDefinition<_silt_ufs_v1_DeleteDirectoryRequest, _silt_ufs_v1_DeleteDirectoryRequest__Output>
        DeleteDirectoryResponse: MessageTypeDefinition<_silt_ufs_v1_DeleteDirectoryResponse, _silt_ufs_v1_DeleteDirectoryResponse__Output>
        DeleteObjectRequest: MessageTypeDefinition<_silt_ufs_v1_DeleteObjectRequest, _silt_ufs_v1_DeleteObjectRequest__Output>
        DeleteObjectResponse: MessageTypeDefinition<_silt_ufs_v1_DeleteObjectResponse, _silt_ufs_v1_DeleteObjectResponse__Output>
        DeleteStagingRequest: MessageTypeDefinition<_silt_ufs_v1_DeleteStagingRequest, _silt_ufs_v1_DeleteStagingRequest__Output>
        DeleteStagingResponse: MessageTypeDefinition<_silt_ufs_v1_DeleteStagingResponse, _silt_ufs_v1_DeleteStagingResponse__Output>
        ListUfsObjectsRequest: MessageTypeDefinition<_silt_ufs_v1_ListUfsObjectsRequest, _silt_ufs_v1_ListUfsObjectsRequest__Output>
        ListUfsObjectsResponse: MessageTypeDefinition<_silt_ufs_v1_ListUfsObjectsResponse, _silt_ufs_v1_ListUfsObjectsResponse__Output>
        ObjectDescription: MessageTypeDefinition<_silt_ufs_v1_ObjectDescription, _silt_ufs_v1_ObjectDescription__Output>
        ReadObjectRequest: MessageTypeDefinition<_silt_ufs_v1_ReadObjectRequest, _silt_ufs_v1_ReadObjectRequest__Output>
        ReadObjectResponse: MessageTypeDefinition<_silt_ufs_v1_ReadObjectResponse, _silt_ufs_v1_ReadObjectResponse__Output>
        SetObjectTagsRequest: MessageTypeDefinition<_silt_ufs_v1_SetObjectTagsRequest, _silt_ufs_v1_SetObjectTagsRequest__Output>
        SetObjectTagsResponse: MessageTypeDefinition<_silt_ufs_v1_SetObjectTagsResponse, _silt_ufs_v1_SetObjectTagsResponse__Output>
        StagingTarget: MessageTypeDefinition<_silt_ufs_v1_StagingTarget, _silt_ufs_v1_StagingTarget__Output>
        StatObjectRequest: MessageTypeDefinition<_silt_ufs_v1_StatObjectRequest, _silt_ufs_v1_StatObjectRequest__Output>
        StatObjectResponse: MessageTypeDefinition<_silt_ufs_v1_StatObjectResponse, _silt_ufs_v1_StatObjectResponse__Output>
        StatObjectsRequest: MessageTypeDefinition<_silt_ufs_v1_StatObjectsRequest, _silt_ufs_v1_StatObjectsRequest__Output>
        StatObjectsResponse: MessageTypeDefinition<_silt_ufs_v1_StatObjectsResponse, _silt_ufs_v1_StatObjectsResponse__Output>
        StatObjectsResult: MessageTypeDefinition<_silt_ufs_v1_StatObjectsResult, _silt_ufs_v1_StatObjectsResult__Output>
        UfsEntry: MessageTypeDefinition<_silt_ufs_v1_UfsEntry, _silt_ufs_v1_UfsEntry__Output>
        UfsService: SubtypeConstructor<typeof grpc.Client, _silt_ufs_v1_UfsServiceClient> & { service: _silt_ufs_v1_UfsServiceDefinition }
        WriteObjectHeader: MessageTypeDefinition<_silt_ufs_v1_WriteObjectHeader, _silt_ufs_v1_WriteObjectHeader__Output>
        WriteObjectRequest: MessageTypeDefinition<_silt_ufs_v1_WriteObjectRequest, _silt_ufs_v1_WriteObjectRequest__Output>
        WriteObjectResponse: MessageTypeDefinition<_silt_ufs_v1_WriteObjectResponse, _silt_ufs_v1_WriteObjectResponse__Output>
        WriteObjectTrailer: MessageTypeDefinition<_silt_ufs_v1_WriteObjectTrailer, _silt_ufs_v1_WriteObjectTrailer__Output>
      }
    }
  }
}

