// Original file: proto/silt/blockcache/v1/blockcache.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { FreeObjectRequest as _silt_blockcache_v1_FreeObjectRequest, FreeObjectRequest__Output as _silt_blockcache_v1_FreeObjectRequest__Output } from '../../../silt/blockcache/v1/FreeObjectRequest';
import type { FreeObjectResponse as _silt_blockcache_v1_FreeObjectResponse, FreeObjectResponse__Output as _silt_blockcache_v1_FreeObjectResponse__Output } from '../../../silt/blockcache/v1/FreeObjectResponse';
import type { GetStatsRequest as _silt_blockcache_v1_GetStatsRequest, GetStatsRequest__Output as _silt_blockcache_v1_GetStatsRequest__Output } from '../../../silt/blockcache/v1/GetStatsRequest';
import type { GetStatsResponse as _silt_blockcache_v1_GetStatsResponse, GetStatsResponse__Output as _silt_blockcache_v1_GetStatsResponse__Output } from '../../../silt/blockcache/v1/GetStatsResponse';
import type { LoadObjectRequest as _silt_blockcache_v1_LoadObjectRequest, LoadObjectRequest__Output as _silt_blockcache_v1_LoadObjectRequest__Output } from '../../../silt/blockcache/v1/LoadObjectRequest';
import type { LoadObjectResponse as _silt_blockcache_v1_LoadObjectResponse, LoadObjectResponse__Output as _silt_blockcache_v1_LoadObjectResponse__Output } from '../../../silt/blockcache/v1/LoadObjectResponse';
import type { ReadObjectResponse as _silt_blockcache_v1_ReadObjectResponse, ReadObjectResponse__Output as _silt_blockcache_v1_ReadObjectResponse__Output } from '../../../silt/blockcache/v1/ReadObjectResponse';
import type { ReadRangeResponse as _silt_blockcache_v1_ReadRangeResponse, ReadRangeResponse__Output as _silt_blockcache_v1_ReadRangeResponse__Output } from '../../../silt/blockcache/v1/ReadRangeResponse';
import type { ReadRequest as _silt_blockcache_v1_ReadRequest, ReadRequest__Output as _silt_blockcache_v1_ReadRequest__Output } from '../../../silt/blockcache/v1/ReadRequest';
import type { ShortCircuitReport as _silt_blockcache_v1_ShortCircuitReport, ShortCircuitReport__Output as _silt_blockcache_v1_ShortCircuitReport__Output } from '../../../silt/blockcache/v1/ShortCircuitReport';
import type { ShortCircuitReportResponse as _silt_blockcache_v1_ShortCircuitReportResponse, ShortCircuitReportResponse__Output as _silt_blockcache_v1_ShortCircuitReportResponse__Output } from '../../../silt/blockcache/v1/ShortCircuitReportResponse';

export interface BlockCacheServiceClient extends grpc.Client {
  FreeObject(argument: _silt_blockcache_v1_FreeObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_FreeObjectResponse__Output>): grpc.ClientUnaryCall;
  FreeObject(argument: _silt_blockcache_v1_FreeObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_FreeObjectResponse__Output>): grpc.ClientUnaryCall;
  FreeObject(argument: _silt_blockcache_v1_FreeObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_FreeObjectResponse__Output>): grpc.ClientUnaryCall;
  FreeObject(argument: _silt_blockcache_v1_FreeObjectRequest, callback: grpc.requestCallback<_silt_blockcache_v1_FreeObjectResponse__Output>): grpc.ClientUnaryCall;
  freeObject(argument: _silt_blockcache_v1_FreeObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_FreeObjectResponse__Output>): grpc.ClientUnaryCall;
  freeObject(argument: _silt_blockcache_v1_FreeObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_FreeObjectResponse__Output>): grpc.ClientUnaryCall;
  freeObject(argument: _silt_blockcache_v1_FreeObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_FreeObjectResponse__Output>): grpc.ClientUnaryCall;
  freeObject(argument: _silt_blockcache_v1_FreeObjectRequest, callback: grpc.requestCallback<_silt_blockcache_v1_FreeObjectResponse__Output>): grpc.ClientUnaryCall;
  
  GetStats(argument: _silt_blockcache_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _silt_blockcache_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _silt_blockcache_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _silt_blockcache_v1_GetStatsRequest, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _silt_blockcache_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _silt_blockcache_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _silt_blockcache_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _silt_blockcache_v1_GetStatsRequest, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  
  LoadObject(argument: _silt_blockcache_v1_LoadObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_LoadObjectResponse__Output>): grpc.ClientUnaryCall;
  LoadObject(argument: _silt_blockcache_v1_LoadObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_LoadObjectResponse__Output>): grpc.ClientUnaryCall;
  LoadObject(argument: _silt_blockcache_v1_LoadObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_LoadObjectResponse__Output>): grpc.ClientUnaryCall;
  LoadObject(argument: _silt_blockcache_v1_LoadObjectRequest, callback: grpc.requestCallback<_silt_blockcache_v1_LoadObjectResponse__Output>): grpc.ClientUnaryCall;
  loadObject(argument: _silt_blockcache_v1_LoadObjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_LoadObjectResponse__Output>): grpc.ClientUnaryCall;
  loadObject(argument: _silt_blockcache_v1_LoadObjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_LoadObjectResponse__Output>): grpc.ClientUnaryCall;
  loadObject(argument: _silt_blockcache_v1_LoadObjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_LoadObjectResponse__Output>): grpc.ClientUnaryCall;
  loadObject(argument: _silt_blockcache_v1_LoadObjectRequest, callback: grpc.requestCallback<_silt_blockcache_v1_LoadObjectResponse__Output>): grpc.ClientUnaryCall;
  
  ReadObject(argument: _silt_blockcache_v1_ReadRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_blockcache_v1_ReadObjectResponse__Output>;
  ReadObject(argument: _silt_blockcache_v1_ReadRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_blockcache_v1_ReadObjectResponse__Output>;
  readObject(argument: _silt_blockcache_v1_ReadRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_blockcache_v1_ReadObjectResponse__Output>;
  readObject(argument: _silt_blockcache_v1_ReadRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_silt_blockcache_v1_ReadObjectResponse__Output>;
  
  ReadRange(argument: _silt_blockcache_v1_ReadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_ReadRangeResponse__Output>): grpc.ClientUnaryCall;
  ReadRange(argument: _silt_blockcache_v1_ReadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_ReadRangeResponse__Output>): grpc.ClientUnaryCall;
  ReadRange(argument: _silt_blockcache_v1_ReadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_ReadRangeResponse__Output>): grpc.ClientUnaryCall;
  ReadRange(argument: _silt_blockcache_v1_ReadRequest, callback: grpc.requestCallback<_silt_blockcache_v1_ReadRangeResponse__Output>): grpc.ClientUnaryCall;
  readRange(argument: _silt_blockcache_v1_ReadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_ReadRangeResponse__Output>): grpc.ClientUnaryCall;
  readRange(argument: _silt_blockcache_v1_ReadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_ReadRangeResponse__Output>): grpc.ClientUnaryCall;
  readRange(argument: _silt_blockcache_v1_ReadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_ReadRangeResponse__Output>): grpc.ClientUnaryCall;
  readRange(argument: _silt_blockcache_v1_ReadRequest, callback: grpc.requestCallback<_silt_blockcache_v1_ReadRangeResponse__Output>): grpc.ClientUnaryCall;
  
  ReportShortCircuitReads(argument: _silt_blockcache_v1_ShortCircuitReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_ShortCircuitReportResponse__Output>): grpc.ClientUnaryCall;
  ReportShortCircuitReads(argument: _silt_blockcache_v1_ShortCircuitReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_ShortCircuitReportResponse__Output>): grpc.ClientUnaryCall;
  ReportShortCircuitReads(argument: _silt_blockcache_v1_ShortCircuitReport, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_ShortCircuitReportResponse__Output>): grpc.ClientUnaryCall;
  ReportShortCircuitReads(argument: _silt_blockcache_v1_ShortCircuitReport, callback: grpc.requestCallback<_silt_blockcache_v1_ShortCircuitReportResponse__Output>): grpc.ClientUnaryCall;
  reportShortCircuitReads(argument: _silt_blockcache_v1_ShortCircuitReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_ShortCircuitReportResponse__Output>): grpc.ClientUnaryCall;
  reportShortCircuitReads(argument: _silt_blockcache_v1_ShortCircuitReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_ShortCircuitReportResponse__Output>): grpc.ClientUnaryCall;
  reportShortCircuitReads(argument: _silt_blockcache_v1_ShortCircuitReport, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_ShortCircuitReportResponse__Output>): grpc.ClientUnaryCall;
  reportShortCircuitReads(argument: _silt_blockcache_v1_ShortCircuitReport, callback: grpc.requestCallback<_silt_blockcache_v1_ShortCircuitReportResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BlockCacheServiceHandlers extends grpc.UntypedServiceImplementation {
  FreeObject: grpc.handleUnaryCall<_silt_blockcache_v1_FreeObjectRequest__Output, _silt_blockcache_v1_FreeObjectResponse>;
  
  GetStats: grpc.handleUnaryCall<_silt_blockcache_v1_GetStatsRequest__Output, _silt_blockcache_v1_GetStatsResponse>;
  
  LoadObject: grpc.handleUnaryCall<_silt_blockcache_v1_LoadObjectRequest__Output, _silt_blockcache_v1_LoadObjectResponse>;
  
  ReadObject: grpc.handleServerStreamingCall<_silt_blockcache_v1_ReadRequest__Output, _silt_blockcache_v1_ReadObjectResponse>;
  
  ReadRange: grpc.handleUnaryCall<_silt_blockcache_v1_ReadRequest__Output, _silt_blockcache_v1_ReadRangeResponse>;
  
  ReportShortCircuitReads: grpc.handleUnaryCall<_silt_blockcache_v1_ShortCircuitReport__Output, _silt_blockcache_v1_ShortCircuitReportResponse>;
  
}

export interface BlockCacheServiceDefinition extends grpc.ServiceDefinition {
  FreeObject: MethodDefinition<_silt_blockcache_v1_FreeObjectRequest, _silt_blockcache_v1_FreeObjectResponse, _silt_blockcache_v1_FreeObjectRequest__Output, _silt_blockcache_v1_FreeObjectResponse__Output>
  GetStats: MethodDefinition<_silt_blockcache_v1_GetStatsRequest, _silt_blockcache_v1_GetStatsResponse, _silt_blockcache_v1_GetStatsRequest__Output, _silt_blockcache_v1_GetStatsResponse__Output>
  LoadObject: MethodDefinition<_silt_blockcache_v1_LoadObjectRequest, _silt_blockcache_v1_LoadObjectResponse, _silt_blockcache_v1_LoadObjectRequest__Output, _silt_blockcache_v1_LoadObjectResponse__Output>
  ReadObject: MethodDefinition<_silt_blockcache_v1_ReadRequest, _silt_blockcache_v1_ReadObjectResponse, _silt_blockcache_v1_ReadRequest__Output, _silt_blockcache_v1_ReadObjectResponse__Output>
  ReadRange: MethodDefinition<_silt_blockcache_v1_ReadRequest, _silt_blockcache_v1_ReadRangeResponse, _silt_blockcache_v1_ReadRequest__Output, _silt_blockcache_v1_ReadRangeResponse__Output>
  ReportShortCircuitReads: MethodDefinition<_silt_blockcache_v1_ShortCircuitReport, _silt_blockcache_v1_ShortCircuitReportResponse, _silt_blockcache_v1_ShortCircuitReport__Output, _silt_blockcache_v1_ShortCircuitReportResponse__Output>
}
