// Seer's HTTP contract: every request and response body and every event, one zod schema each. The API
// validates with them and publishes them as OpenAPI; the playground, the CLI and the tests read with them.
export * from './analysis-request';
export * from './analysis-response';
export * from './chat-completions-request';
export * from './chat-completions-response';
export * from './errors';
export * from './events';
export * from './health';
export * from './models';
export * from './preprocess-response';
export * from './regions';
export * from './templates';
