import { Module, type DynamicModule } from '@nestjs/common';
import type { SiltConfig } from '../../libs/config/src/schema';
import { TaggingModule } from '../../libs/tagging/src/tagging.module';

/** The whole app: TaggingModule and nothing else from Silt (no gateway, no metadata store, no HTTP server). */
@Module({})
export class TaggingAppModule {
  static forRoot(config: SiltConfig): DynamicModule {
    return {
      module: TaggingAppModule,
      imports: [
        TaggingModule.forRoot({
          metadataAddress: `${config['metadata.host']}:${config['metadata.port']}`,
          restrictions: config['s3.tagging.restrictions.enabled'],
        }),
      ],
    };
  }
}
