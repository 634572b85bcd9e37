export * from './analysis-outcome';
export * from './attach-result';
export * from './check-template-media';
