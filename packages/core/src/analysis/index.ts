export * from './attach-result';
export * from './request';
