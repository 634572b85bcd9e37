export * from './budget';
export * from './config';
export * from './known-presets';
export * from './media-limits';
export * from './presets';
export * from './prices';
export * from './resolve-model';
