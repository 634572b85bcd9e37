export * from './data-url';
export * from './plan-image';
export * from './plan-video';
export * from './prepared-media';
export * from './smart-resize';
