// Original file: proto/silt/blockcache/v1/blockcache.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetStatsRequest as _silt_blockcache_v1_GetStatsRequest, GetStatsRequest__Output as _silt_blockcache_v1_GetStatsRequest__Output } from '../../../silt/blockcache/v1/GetStatsRequest';
import type { GetStatsResponse as _silt_blockcache_v1_GetStatsResponse, GetStatsResponse__Output as _silt_blockcache_v1_GetStatsResponse__Output } from '../../../silt/blockcache/v1/GetStatsResponse';
import type { ReadObjectResponse as _silt_blockcache_v1_ReadObjectResponse, ReadObjectResponse__Output as _silt_blockcache_v1_ReadObjectResponse__Output } from '../../../silt/blockcache/v1/ReadObjectResponse';
import type { ReadRangeResponse as _silt_blockcache_v1_ReadRangeResponse, ReadRangeResponse__Output as _silt_blockcache_v1_ReadRangeResponse__Output } from '../../../silt/blockcache/v1/ReadRangeResponse';
import type { ReadRequest as _silt_blockcache_v1_ReadRequest, ReadRequest__Output as _silt_blockcache_v1_ReadRequest__Output } from '../../../silt/blockcache/v1/ReadRequest';
import type { ShortCircuitReport as _silt_blockcache_v1_ShortCircuitReport, ShortCircuitReport__Output as _silt_blockcache_v1_ShortCircuitReport__Output } from '../../../silt/blockcache/v1/ShortCircuitReport';
import type { ShortCircuitReportResponse as _silt_blockcache_v1_ShortCircuitReportResponse, ShortCircuitReportResponse__Output as _silt_blockcache_v1_ShortCircuitReportResponse__Output } from '../../../silt/blockcache/v1/ShortCircuitReportResponse';

export interface BlockCacheServiceClient extends grpc.Client {
  GetStats(argument: _silt_blockcache_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _silt_blockcache_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _silt_blockcache_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _silt_blockcache_v1_GetStatsRequest, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _silt_blockcache_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _silt_blockcache_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _silt_blockcache_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _silt_blockcache_v1_GetStatsRequest, callback: grpc.requestCallback<_silt_blockcache_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  
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
  GetStats: grpc.handleUnaryCall<_silt_blockcache_v1_GetStatsRequest__Output, _silt_blockcache_v1_GetStatsResponse>;
  
  ReadObject: grpc.handleServerStreamingCall<_silt_blockcache_v1_ReadRequest__Output, _silt_blockcache_v1_ReadObjectResponse>;
  
  ReadRange: grpc.handleUnaryCall<_silt_blockcache_v1_ReadRequest__Output, _silt_blockcache_v1_ReadRangeResponse>;
  
  ReportShortCircuitReads: grpc.handleUnaryCall<_silt_blockcache_v1_ShortCircuitReport__Output, _silt_blockcache_v1_ShortCircuitReportResponse>;
  
}

export interface BlockCacheServiceDefinition extends grpc.ServiceDefinition {
  GetStats: MethodDefinition<_silt_blockcache_v1_GetStatsRequest, _silt_blockcache_v1_GetStatsResponse, _silt_blockcache_v1_GetStatsRequest__Output, _silt_blockcache_v1_GetStatsResponse__Output>
  ReadObject: MethodDefinition<_silt_blockcache_v1_ReadRequest, _silt_blockcache_v1_ReadObjectResponse, _silt_blockcache_v1_ReadRequest__Output, _silt_blockcache_v1_ReadObjectResponse__Output>
  ReadRange: MethodDefinition<_silt_blockcache_v1_ReadRequest, _silt_blockcache_v1_ReadRangeResponse, _silt_blockcache_v1_ReadRequest__Output, _silt_blockcache_v1_ReadRangeResponse__Output>
  ReportShortCircuitReads: MethodDefinition<_silt_blockcache_v1_ShortCircuitReport, _silt_blockcache_v1_ShortCircuitReportResponse, _silt_blockcache_v1_ShortCircuitReport__Output, _silt_blockcache_v1_ShortCircuitReportResponse__Output>
}
