export * from './budget';
export * from './config';
export * from './known-presets';
export * from './presets';
