// Original file: proto/silt/metadata/v1/metadata.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { HeartbeatRequest as _silt_metadata_v1_HeartbeatRequest, HeartbeatRequest__Output as _silt_metadata_v1_HeartbeatRequest__Output } from '../../../silt/metadata/v1/HeartbeatRequest';
import type { HeartbeatResponse as _silt_metadata_v1_HeartbeatResponse, HeartbeatResponse__Output as _silt_metadata_v1_HeartbeatResponse__Output } from '../../../silt/metadata/v1/HeartbeatResponse';
import type { ListWorkersRequest as _silt_metadata_v1_ListWorkersRequest, ListWorkersRequest__Output as _silt_metadata_v1_ListWorkersRequest__Output } from '../../../silt/metadata/v1/ListWorkersRequest';
import type { ListWorkersResponse as _silt_metadata_v1_ListWorkersResponse, ListWorkersResponse__Output as _silt_metadata_v1_ListWorkersResponse__Output } from '../../../silt/metadata/v1/ListWorkersResponse';
import type { RegisterWorkerRequest as _silt_metadata_v1_RegisterWorkerRequest, RegisterWorkerRequest__Output as _silt_metadata_v1_RegisterWorkerRequest__Output } from '../../../silt/metadata/v1/RegisterWorkerRequest';
import type { RegisterWorkerResponse as _silt_metadata_v1_RegisterWorkerResponse, RegisterWorkerResponse__Output as _silt_metadata_v1_RegisterWorkerResponse__Output } from '../../../silt/metadata/v1/RegisterWorkerResponse';

export interface MembershipServiceClient extends grpc.Client {
  Heartbeat(argument: _silt_metadata_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _silt_metadata_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _silt_metadata_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _silt_metadata_v1_HeartbeatRequest, callback: grpc.requestCallback<_silt_metadata_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _silt_metadata_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _silt_metadata_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _silt_metadata_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _silt_metadata_v1_HeartbeatRequest, callback: grpc.requestCallback<_silt_metadata_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  ListWorkers(argument: _silt_metadata_v1_ListWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _silt_metadata_v1_ListWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _silt_metadata_v1_ListWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _silt_metadata_v1_ListWorkersRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _silt_metadata_v1_ListWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _silt_metadata_v1_ListWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _silt_metadata_v1_ListWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _silt_metadata_v1_ListWorkersRequest, callback: grpc.requestCallback<_silt_metadata_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterWorker(argument: _silt_metadata_v1_RegisterWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _silt_metadata_v1_RegisterWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _silt_metadata_v1_RegisterWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _silt_metadata_v1_RegisterWorkerRequest, callback: grpc.requestCallback<_silt_metadata_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _silt_metadata_v1_RegisterWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _silt_metadata_v1_RegisterWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_metadata_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _silt_metadata_v1_RegisterWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_metadata_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _silt_metadata_v1_RegisterWorkerRequest, callback: grpc.requestCallback<_silt_metadata_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MembershipServiceHandlers extends grpc.UntypedServiceImplementation {
  Heartbeat: grpc.handleUnaryCall<_silt_metadata_v1_HeartbeatRequest__Output, _silt_metadata_v1_HeartbeatResponse>;
  
  ListWorkers: grpc.handleUnaryCall<_silt_metadata_v1_ListWorkersRequest__Output, _silt_metadata_v1_ListWorkersResponse>;
  
  RegisterWorker: grpc.handleUnaryCall<_silt_metadata_v1_RegisterWorkerRequest__Output, _silt_metadata_v1_RegisterWorkerResponse>;
  
}

export interface MembershipServiceDefinition extends grpc.ServiceDefinition {
  Heartbeat: MethodDefinition<_silt_metadata_v1_HeartbeatRequest, _silt_metadata_v1_HeartbeatResponse, _silt_metadata_v1_HeartbeatRequest__Output, _silt_metadata_v1_HeartbeatResponse__Output>
  ListWorkers: MethodDefinition<_silt_metadata_v1_ListWorkersRequest, _silt_metadata_v1_ListWorkersResponse, _silt_metadata_v1_ListWorkersRequest__Output, _silt_metadata_v1_ListWorkersResponse__Output>
  RegisterWorker: MethodDefinition<_silt_metadata_v1_RegisterWorkerRequest, _silt_metadata_v1_RegisterWorkerResponse, _silt_metadata_v1_RegisterWorkerRequest__Output, _silt_metadata_v1_RegisterWorkerResponse__Output>
}
