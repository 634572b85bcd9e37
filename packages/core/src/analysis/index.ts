export * from './attach-result';
export * from './check-template-media';
