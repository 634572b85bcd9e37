export * from './photo';
export * from './system-tools';
