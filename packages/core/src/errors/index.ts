export * from './seer-error';
