export * from './config';
export * from './presets';
export * from './budget';
