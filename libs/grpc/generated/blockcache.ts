import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BlockCacheServiceClient as _silt_blockcache_v1_BlockCacheServiceClient, BlockCacheServiceDefinition as _silt_blockcache_v1_BlockCacheServiceDefinition } from './silt/blockcache/v1/BlockCacheService';
import type { FreeObjectRequest as _silt_blockcache_v1_FreeObjectRequest, FreeObjectRequest__Output as _silt_blockcache_v1_FreeObjectRequest__Output } from './silt/blockcache/v1/FreeObjectRequest';
import type { FreeObjectResponse as _silt_blockcache_v1_FreeObjectResponse, FreeObjectResponse__Output as _silt_blockcache_v1_FreeObjectResponse__Output } from './silt/blockcache/v1/FreeObjectResponse';
import type { GetStatsRequest as _silt_blockcache_v1_GetStatsRequest, GetStatsRequest__Output as _silt_blockcache_v1_GetStatsRequest__Output } from './silt/blockcache/v1/GetStatsRequest';
import type { GetStatsResponse as _silt_blockcache_v1_GetStatsResponse, GetStatsResponse__Output as _silt_blockcache_v1_GetStatsResponse__Output } from './silt/blockcache/v1/GetStatsResponse';
import type { LoadObjectRequest as _silt_blockcache_v1_LoadObjectRequest, LoadObjectRequest__Output as _silt_blockcache_v1_LoadObjectRequest__Output } from './silt/blockcache/v1/LoadObjectRequest';
import type { LoadObjectResponse as _silt_blockcache_v1_LoadObjectResponse, LoadObjectResponse__Output as _silt_blockcache_v1_LoadObjectResponse__Output } from './silt/blockcache/v1/LoadObjectResponse';
import type { ReadObjectResponse as _silt_blockcache_v1_ReadObjectResponse, ReadObjectResponse__Output as _silt_blockcache_v1_ReadObjectResponse__Output } from './silt/blockcache/v1/ReadObjectResponse';
import type { ReadRangeResponse as _silt_blockcache_v1_ReadRangeResponse, ReadRangeResponse__Output as _silt_blockcache_v1_ReadRangeResponse__Output } from './silt/blockcache/v1/ReadRangeResponse';
import type { ReadRequest as _silt_blockcache_v1_ReadRequest, ReadRequest__Output as _silt_blockcache_v1_ReadRequest__Output } from './silt/blockcache/v1/ReadRequest';
import type { ShortCircuitReport as _silt_blockcache_v1_ShortCircuitReport, ShortCircuitReport__Output as _silt_blockcache_v1_ShortCircuitReport__Output } from './silt/blockcache/v1/ShortCircuitReport';
import type { ShortCircuitReportResponse as _silt_blockcache_v1_ShortCircuitReportResponse, ShortCircuitReportResponse__Output as _silt_blockcache_v1_ShortCircuitReportResponse__Output } from './silt/blockcache/v1/ShortCircuitReportResponse';
import type { TierStats as _silt_blockcache_v1_TierStats, TierStats__Output as _silt_blockcache_v1_TierStats__Output } from './silt/blockcache/v1/TierStats';
import type { ObjectPart as _silt_common_v1_ObjectPart, ObjectPart__Output as _silt_common_v1_ObjectPart__Output } from './silt/common/v1/ObjectPart';
import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from './silt/common/v1/ObjectRecord';
import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from './silt/common/v1/Tag';
import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from './silt/common/v1/UfsLocation';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  silt: {
    blockcache: {
      v1: {
        BlockCacheService: SubtypeConstructor<typeof grpc.Client, _silt_blockcache_v1_BlockCacheServiceClient> & { service: _silt_blockcache_v1_BlockCacheServiceDefinition }
        FreeObjectRequest: MessageTypeDefinition<_silt_blockcache_v1_FreeObjectRequest, _silt_blockcache_v1_FreeObjectRequest__Output>
        FreeObjectResponse: MessageTypeDefinition<_silt_blockcache_v1_FreeObjectResponse, _silt_blockcache_v1_FreeObjectResponse__Output>
        GetStatsRequest: MessageTypeDefinition<_silt_blockcache_v1_GetStatsRequest, _silt_blockcache_v1_GetStatsRequest__Output>
        GetStatsResponse: MessageTypeDefinition<_silt_blockcache_v1_GetStatsResponse, _silt_blockcache_v1_GetStatsResponse__Output>
        LoadObjectRequest: MessageTypeDefinition<_silt_blockcache_v1_LoadObjectRequest, _silt_blockcache_v1_LoadObjectRequest__Output>
        LoadObjectResponse: MessageTypeDefinition<_silt_blockcache_v1_LoadObjectResponse, _silt_blockcache_v1_LoadObjectResponse__Output>
        ReadObjectResponse: MessageTypeDefinition<_silt_blockcache_v1_ReadObjectResponse, _silt_blockcache_v1_ReadObjectResponse__Output>
        ReadRangeResponse: MessageTypeDefinition<_silt_blockcache_v1_ReadRangeResponse, _silt_blockcache_v1_ReadRangeResponse__Output>
        ReadRequest: MessageTypeDefinition<_silt_blockcache_v1_ReadRequest, _silt_blockcache_v1_ReadRequest__Output>
        ShortCircuitReport: MessageTypeDefinition<_silt_blockcache_v1_ShortCircuitReport, _silt_blockcache_v1_ShortCircuitReport__Output>
        ShortCircuitReportResponse: MessageTypeDefinition<_silt_blockcache_v1_ShortCircuitReportResponse, _silt_blockcache_v1_ShortCircuitReportResponse__Output>
        TierStats: MessageTypeDefinition<_silt_blockcache_v1_TierStats, _silt_blockcache_v1_TierStats__Output>
      }
    }
    common: {
      v1: {
        ObjectPart: MessageTypeDefinition<_silt_common_v1_ObjectPart, _silt_common_v1_ObjectPart__Output>
        ObjectRecord: MessageTypeDefinition<_silt_common_v1_ObjectRecord, _silt_common_v1_ObjectRecord__Output>
        Tag: MessageTypeDefinition<_silt_common_v1_Tag, _silt_common_v1_Tag__Output>
        UfsLocation: MessageTypeDefinition<_silt_common_v1_UfsLocation, _silt_common_v1_UfsLocation__Output>
      }
    }
  }
}

