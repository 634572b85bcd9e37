export * from './prompt';
export * from './record';
export * from './score';
export * from './summary';
