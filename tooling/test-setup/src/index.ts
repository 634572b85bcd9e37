export * from './api-process';
export * from './photo';
export * from './system-tools';
