export * from './errors';
export * from './extract';
export * from './media';
export * from './models';
export * from './stream';
export * from './templates';
export * from './analysis';
export * from './provider';
