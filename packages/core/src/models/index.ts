export * from './budget';
export * from './config';
export * from './presets';
