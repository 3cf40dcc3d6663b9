export * from './clients';
export * from './loader';
export * from './options';
export * from './pre-encoded';
export * from './server';
export * from './status';
