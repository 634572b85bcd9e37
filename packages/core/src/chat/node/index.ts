// The Node-only half of Seer's chat completions: preparing a chat's media and starting the model.
export * from './prepare-chat-media';
export * from './start-chat-completion';
