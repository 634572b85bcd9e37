export * from './score';
export * from './summary';
