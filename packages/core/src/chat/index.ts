// Seer as an OpenAI chat-completions server (docs/openai-compatible.md): reading a request's messages,
// model and budget, and writing Seer's events as OpenAI's chunks and body. The part that prepares media
// and calls the model is Node-only, in `@seer/core/node`.
export * from './chat-budget';
export * from './chat-chunks';
export * from './chat-completion-body';
export * from './chat-locale';
export * from './chat-messages';
export * from './chat-model';
export * from './model-entries';
export * from './openai-error';
export * from './read-conversation';
