import { type ChatChunkMapper, type ChatStreamData, type ModelStreamEvent, toOpenAIError } from '@seer/core';
import { createRelayStream, type RelayOptions } from '../relay-stream';

const DONE = 'data: [DONE]\n\n';

/** One `data:` event of OpenAI's stream. */
function formatData(data: ChatStreamData): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/** The error a stream ends with when the server shuts down before it finished. */
const SHUTTING_DOWN = toOpenAIError({
  status: 503,
  code: 'shutting_down',
  message: 'Seer is restarting, so this answer was stopped. Try again in a moment.',
  details: { retryable: true },
});

/** The error a stream ends with when reading the model's events failed inside Seer. */
const BROKE_OFF = toOpenAIError({
  status: 500,
  code: 'internal_error',
  message: 'The answer broke off inside Seer.',
});

/**
 * Writes a chat completion as OpenAI streams one (`data: <chunk>` events, then `data: [DONE]`): the
 * role chunk at once, then each model event through the mapper. An error ends it as an OpenAI error
 * event, which OpenAI's SDKs raise. See {@link createRelayStream} for pings, cancelling and shutdown.
 */
export function createChatCompletionStream(
  events: ReadableStream<ModelStreamEvent>,
  mapper: ChatChunkMapper,
  options: RelayOptions<ModelStreamEvent> = {},
): ReadableStream<Uint8Array> {
  return createRelayStream(
    events,
    {
      first: () => [formatData(mapper.first())],
      write: (event) => mapper.map(event).map(formatData),
      last: () => [DONE],
      stopped: () => [formatData(SHUTTING_DOWN), DONE],
      broken: () => [formatData(BROKE_OFF), DONE],
    },
    options,
  );
}
