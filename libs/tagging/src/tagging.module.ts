import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { metadataClient } from '../../grpc/src/clients';
import { TAGGING_METADATA_CLIENT, TAGGING_OPTIONS, TaggingService, type TaggingMetadataClient, type TaggingOptions } from './tagging.service';

export interface TaggingModuleOptions extends TaggingOptions {
  /** host:port of the metadata service (config `metadata.host`:`metadata.port`). */
  metadataAddress: string;
}

/**
 * Object and bucket tagging as a module of its own: import `TaggingModule.forRoot({ metadataAddress, restrictions })`
 * in any Nest app and inject `TaggingService`. It brings its own metadata gRPC client, closed when the app shuts
 * down. (The S3 gateway builds a TaggingService over the client it already has instead.)
 */
@Module({})
export class TaggingModule implements OnApplicationShutdown {
  constructor(@Inject(TAGGING_METADATA_CLIENT) private readonly client: TaggingMetadataClient & { close(): void }) {}

  static forRoot(options: TaggingModuleOptions): DynamicModule {
    const { metadataAddress, ...rest } = options;
    return {
      module: TaggingModule,
      providers: [
        { provide: TAGGING_OPTIONS, useValue: rest },
        { provide: TAGGING_METADATA_CLIENT, useFactory: () => metadataClient(metadataAddress) },
        TaggingService,
      ],
      exports: [TaggingService],
    };
  }

  onApplicationShutdown(): void {
    this.client.close();
  }
}
