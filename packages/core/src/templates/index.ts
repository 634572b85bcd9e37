export * from './custom-template';
export * from './freeform';
export * from './math-pattern';
export * from './multi-image-compare';
export * from './palm-reading';
export * from './registry';
export * from './template';
export * from './video-narration';
