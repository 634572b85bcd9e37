export * from './chat-chunk';
export * from './frame-events';
export * from './normalize-chunks';
export * from './sink';
export * from './think-tag-splitter';
