export * from './fetch-url';
export * from './load-image';
export * from './prepare-image';
export * from './prepare-media';
export * from './start-analysis';
