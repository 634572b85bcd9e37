export * from './load-image';
export * from './start-analysis';
