// Original file: proto/silt/metadata/v1/metadata.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetMountRequest as _silt_metadata_v1_GetMountRequest, GetMountRequest__Output as _silt_metadata_v1_GetMountRequest__Output } from '../../../silt/metadata/v1/GetMountRequest';
import type { GetMountResponse as _silt_metadata_v1_GetMountResponse, GetMountResponse__Output as _silt_metadata_v1_GetMountResponse__Output } from '../../../silt/metadata/v1/GetMountResponse';
import type { ListMountsRequest as _silt_metadata_v1_ListMountsRequest, ListMountsRequest__Output as _silt_metadata_v1_ListMountsRequest__Output } from '../../../silt/metadata/v1/ListMountsRequest';
import type { ListMountsResponse as _silt_metadata_v1_ListMountsResponse, ListMountsResponse__Output as _silt_metadata_v1_ListMountsResponse__Output } from '../../../silt/metadata/v1/ListMountsResponse';
import type { MountRequest as _silt_metadata_v1_MountRequest, MountRequest__Output as _silt_metadata_v1_MountRequest__Output } from '../../../silt/metadata/v1/MountRequest';
import type { MountResponse as _silt_metadata_v1_MountResponse, MountResponse__Output as _silt_metadata_v1_MountResponse__Output } from '../../../silt/metadata/v1/MountResponse';
import type { UnmountRequest as _silt_metadata_v1_UnmountRequest, UnmountRequest__Output as _silt_metadata_v1_UnmountRequest__Output } from '../../../silt/metadata/v1/UnmountRequest';
import type { UnmountResponse as _silt_metadata_v1_UnmountResponse, UnmountResponse__Output as _silt_metadata_v1_UnmountResponse__Output } from '../../../silt/metadata/v1/UnmountResponse';

export interface MountServiceClient extends grpc.Client {
  GetMount(argument: _silt_metadata_v1_GetMountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetMountResponse__Output>): grpc.ClientUnaryCall;
  GetMount(argument: _silt_metadata_v1_GetMountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetMountResponse__Output>): grpc.ClientUnaryCall;
  GetMount(argument: _silt_metadata_v1_GetMountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetMountResponse__Output>): grpc.ClientUnaryCall;
  GetMount(argument: _silt_metadata_v1_GetMountRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetMountResponse__Output>): grpc.ClientUnaryCall;
  getMount(argument: _silt_metadata_v1_GetMountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetMountResponse__Output>): grpc.ClientUnaryCall;
  getMount(argument: _silt_metadata_v1_GetMountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_GetMountResponse__Output>): grpc.ClientUnaryCall;
  getMount(argument: _silt_metadata_v1_GetMountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_GetMountResponse__Output>): grpc.ClientUnaryCall;
  getMount(argument: _silt_metadata_v1_GetMountRequest, callback: grpc.requestCallback<_silt_metadata_v1_GetMountResponse__Output>): grpc.ClientUnaryCall;
  
  ListMounts(argument: _silt_metadata_v1_ListMountsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListMountsResponse__Output>): grpc.ClientUnaryCall;
  ListMounts(argument: _silt_metadata_v1_ListMountsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListMountsResponse__Output>): grpc.ClientUnaryCall;
  ListMounts(argument: _silt_metadata_v1_ListMountsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListMountsResponse__Output>): grpc.ClientUnaryCall;
  ListMounts(argument: _silt_metadata_v1_ListMountsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListMountsResponse__Output>): grpc.ClientUnaryCall;
  listMounts(argument: _silt_metadata_v1_ListMountsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListMountsResponse__Output>): grpc.ClientUnaryCall;
  listMounts(argument: _silt_metadata_v1_ListMountsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListMountsResponse__Output>): grpc.ClientUnaryCall;
  listMounts(argument: _silt_metadata_v1_ListMountsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListMountsResponse__Output>): grpc.ClientUnaryCall;
  listMounts(argument: _silt_metadata_v1_ListMountsRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListMountsResponse__Output>): grpc.ClientUnaryCall;
  
  Mount(argument: _silt_metadata_v1_MountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_MountResponse__Output>): grpc.ClientUnaryCall;
  Mount(argument: _silt_metadata_v1_MountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_MountResponse__Output>): grpc.ClientUnaryCall;
  Mount(argument: _silt_metadata_v1_MountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_MountResponse__Output>): grpc.ClientUnaryCall;
  Mount(argument: _silt_metadata_v1_MountRequest, callback: grpc.requestCallback<_silt_metadata_v1_MountResponse__Output>): grpc.ClientUnaryCall;
  mount(argument: _silt_metadata_v1_MountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_MountResponse__Output>): grpc.ClientUnaryCall;
  mount(argument: _silt_metadata_v1_MountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_MountResponse__Output>): grpc.ClientUnaryCall;
  mount(argument: _silt_metadata_v1_MountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_MountResponse__Output>): grpc.ClientUnaryCall;
  mount(argument: _silt_metadata_v1_MountRequest, callback: grpc.requestCallback<_silt_metadata_v1_MountResponse__Output>): grpc.ClientUnaryCall;
  
  Unmount(argument: _silt_metadata_v1_UnmountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_UnmountResponse__Output>): grpc.ClientUnaryCall;
  Unmount(argument: _silt_metadata_v1_UnmountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_UnmountResponse__Output>): grpc.ClientUnaryCall;
  Unmount(argument: _silt_metadata_v1_UnmountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_UnmountResponse__Output>): grpc.ClientUnaryCall;
  Unmount(argument: _silt_metadata_v1_UnmountRequest, callback: grpc.requestCallback<_silt_metadata_v1_UnmountResponse__Output>): grpc.ClientUnaryCall;
  unmount(argument: _silt_metadata_v1_UnmountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_UnmountResponse__Output>): grpc.ClientUnaryCall;
  unmount(argument: _silt_metadata_v1_UnmountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_UnmountResponse__Output>): grpc.ClientUnaryCall;
  unmount(argument: _silt_metadata_v1_UnmountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_UnmountResponse__Output>): grpc.ClientUnaryCall;
  unmount(argument: _silt_metadata_v1_UnmountRequest, callback: grpc.requestCallback<_silt_metadata_v1_UnmountResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MountServiceHandlers extends grpc.UntypedServiceImplementation {
  GetMount: grpc.handleUnaryCall<_silt_metadata_v1_GetMountRequest__Output, _silt_metadata_v1_GetMountResponse>;
  
  ListMounts: grpc.handleUnaryCall<_silt_metadata_v1_ListMountsRequest__Output, _silt_metadata_v1_ListMountsResponse>;
  
  Mount: grpc.handleUnaryCall<_silt_metadata_v1_MountRequest__Output, _silt_metadata_v1_MountResponse>;
  
  Unmount: grpc.handleUnaryCall<_silt_metadata_v1_UnmountRequest__Output, _silt_metadata_v1_UnmountResponse>;
  
}

export interface MountServiceDefinition extends grpc.ServiceDefinition {
  GetMount: MethodDefinition<_silt_metadata_v1_GetMountRequest, _silt_metadata_v1_GetMountResponse, _silt_metadata_v1_GetMountRequest__Output, _silt_metadata_v1_GetMountResponse__Output>
  ListMounts: MethodDefinition<_silt_metadata_v1_ListMountsRequest, _silt_metadata_v1_ListMountsResponse, _silt_metadata_v1_ListMountsRequest__Output, _silt_metadata_v1_ListMountsResponse__Output>
  Mount: MethodDefinition<_silt_metadata_v1_MountRequest, _silt_metadata_v1_MountResponse, _silt_metadata_v1_MountRequest__Output, _silt_metadata_v1_MountResponse__Output>
  Unmount: MethodDefinition<_silt_metadata_v1_UnmountRequest, _silt_metadata_v1_UnmountResponse, _silt_metadata_v1_UnmountRequest__Output, _silt_metadata_v1_UnmountResponse__Output>
}
