export * from './analysis';
export * from './errors';
export * from './extract';
export * from './media';
export * from './models';
export * from './provider';
export * from './stream';
export * from './templates';
