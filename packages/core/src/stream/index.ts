export * from './chat-chunk';
export * from './normalize-chunks';
export * from './parse-sse';
export * from './sink';
export * from './think-tag-splitter';
