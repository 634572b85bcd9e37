export * from './build-messages';
export * from './call-model';
export * from './demo-model';
export * from './forced-budget';
export * from './provider-client';
export * from './provider-fetch';
