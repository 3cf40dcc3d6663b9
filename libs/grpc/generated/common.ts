import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ObjectPart as _silt_common_v1_ObjectPart, ObjectPart__Output as _silt_common_v1_ObjectPart__Output } from './silt/common/v1/ObjectPart';
import type { ObjectRecord as _silt_common_v1_ObjectRecord, ObjectRecord__Output as _silt_common_v1_ObjectRecord__Output } from './silt/common/v1/ObjectRecord';
import type { Tag as _silt_common_v1_Tag, Tag__Output as _silt_common_v1_Tag__Output } from './silt/common/v1/Tag';
import type { UfsLocation as _silt_common_v1_UfsLocation, UfsLocation__Output as _silt_common_v1_UfsLocation__Output } from './silt/common/v1/UfsLocation';

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
  }
}

