import { type ChatChunkMapper, type ChatStreamData, type ModelStreamEvent, toOpenAIError } from '@seer/core';
import type { SSEStreamOutcome } from '../sse-writer';

const encoder = new TextEncoder();
const DONE = encoder.encode('data: [DONE]\n\n');

/** One `data:` event of OpenAI's stream. */
function formatData(data: ChatStreamData): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(data)}\n\n`);
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

/** Options of {@link createChatCompletionStream}. */
export interface ChatCompletionStreamOptions {
  /** How long the stream may be silent before a `: ping` comment; default 15 s. */
  pingIntervalMs?: number | undefined;
  /** Called with each model event as it is written. */
  onEvent?: (event: ModelStreamEvent) => void;
  /** Ends the stream early when aborted (shutdown), with a `shutting_down` error; the model is cancelled. */
  stopSignal?: AbortSignal;
  /** Called once when the stream is over. */
  onEnd?: (outcome: SSEStreamOutcome) => void;
}

/**
 * Writes a chat completion as OpenAI streams one (`data: <chunk>` events, then `data: [DONE]`): the
 * role chunk at once, then each model event through the mapper, with a `: ping` comment whenever the
 * model is silent for the ping interval. An error ends it as an OpenAI error event, which OpenAI's SDKs
 * raise. Cancelling the returned stream (the client went away) cancels the model's events, which
 * aborts the provider request. It reads the events itself, so each token crosses one stream on its way.
 */
export function createChatCompletionStream(
  events: ReadableStream<ModelStreamEvent>,
  mapper: ChatChunkMapper,
  options: ChatCompletionStreamOptions = {},
): ReadableStream<Uint8Array> {
  const pingIntervalMs = options.pingIntervalMs ?? 15_000;
  const reader = events.getReader();
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastWrite = Date.now();
  let isOver = false;
  let onStop = () => {};
  const end = (outcome: SSEStreamOutcome) => {
    if (isOver) return false;
    isOver = true;
    clearInterval(pingTimer);
    options.stopSignal?.removeEventListener('abort', onStop);
    options.onEnd?.(outcome);
    return true;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(formatData(mapper.first()));
      onStop = () => {
        if (!end('cancelled')) return;
        controller.enqueue(formatData(SHUTTING_DOWN));
        controller.enqueue(DONE);
        controller.close();
        reader.cancel(new Error('Seer is shutting down.')).catch(() => {});
      };
      pingTimer = setInterval(
        () => {
          if (Date.now() - lastWrite < pingIntervalMs) return;
          lastWrite = Date.now();
          controller.enqueue(encoder.encode(': ping\n\n'));
        },
        Math.max(10, Math.floor(pingIntervalMs / 3)),
      );
      if (options.stopSignal?.aborted) onStop();
      else options.stopSignal?.addEventListener('abort', onStop, { once: true });
    },
    async pull(controller) {
      try {
        // An event that writes nothing (a block opening or closing) must not end the pull: a pull that
        // enqueues nothing is not called again.
        for (;;) {
          const { value, done } = await reader.read();
          if (isOver) return;
          if (done) {
            end('finished');
            controller.enqueue(DONE);
            controller.close();
            return;
          }
          options.onEvent?.(value);
          const written = mapper.map(value);
          for (const data of written) controller.enqueue(formatData(data));
          if (written.length > 0) {
            lastWrite = Date.now();
            return;
          }
        }
      } catch {
        if (!end('error')) return;
        controller.enqueue(formatData(BROKE_OFF));
        controller.enqueue(DONE);
        controller.close();
      }
    },
    async cancel(reason) {
      end('cancelled');
      await reader.cancel(reason);
    },
  });
}
