export * from './nearest-names';
export * from './seer-error';
