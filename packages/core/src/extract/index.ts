export * from './boxed-answer';
export * from './final-answer';
export * from './option-letter';
export * from './sections';
export * from './timed-beats';
