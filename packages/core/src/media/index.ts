export * from './data-url';
export * from './plan-image';
export * from './smart-resize';
export * from './prepared-media';
