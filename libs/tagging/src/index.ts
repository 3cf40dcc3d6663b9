export * from './tag-set';
export * from './tagging.module';
export * from './tagging.service';
