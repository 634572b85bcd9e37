import { type AnalysisEvent, toSSEParts } from '@seer/core';

const encoder = new TextEncoder();

/** Options of {@link createSSEStream}. */
export interface SSEStreamOptions {
  /** How long the stream may be silent before a `: ping` comment; default 15 s. */
  pingIntervalMs?: number;
  /** Events written before those of the stream (`start`, `media`). */
  first?: AnalysisEvent[];
  /** Called with each event of the stream as it is written. */
  onEvent?: (event: AnalysisEvent) => void;
  /**
   * Ends the stream early when aborted (shutdown): an `error` event with `shutting_down`, then the end
   * of the stream; the event source is cancelled, which aborts the provider request.
   */
  stopSignal?: AbortSignal;
  /**
   * Called once when the stream is over: `finished` when the events ended, `error` when reading them
   * failed, `cancelled` when the client went away or the server stopped the stream.
   */
  onEnd?: (outcome: SSEStreamOutcome) => void;
}

/** How an SSE stream ended, for {@link SSEStreamOptions.onEnd}. */
export type SSEStreamOutcome = 'finished' | 'error' | 'cancelled';

/** The event a stream ends with when the server shuts down before it finished. */
export const SHUTTING_DOWN_EVENT: AnalysisEvent = {
  type: 'error',
  code: 'shutting_down',
  message: 'Seer is restarting, so this analysis was stopped. Try again in a moment.',
  retryable: true,
};

/** One event in SSE form: `event: <type>\nid: <n>\ndata: <json>\n\n`. */
export function formatSSEEvent(event: AnalysisEvent, id: number): string {
  const { event: name, data } = toSSEParts(event);
  return `event: ${name}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Writes analysis events as a Server-Sent Events byte stream, with a `: ping` comment whenever the model
 * is silent for the ping interval so that proxies keep the connection. Cancelling the returned stream
 * (the client went away) cancels the event source, which aborts the provider request. It reads the
 * events itself, with the first events and the observer as options rather than streams of their own:
 * each stream in between would cost every token a hop on the relay's path (docs/performance.md, time to
 * first token).
 */
export function createSSEStream(
  events: ReadableStream<AnalysisEvent>,
  options: SSEStreamOptions = {},
): ReadableStream<Uint8Array> {
  const pingIntervalMs = options.pingIntervalMs ?? 15_000;
  const reader = events.getReader();
  let id = 0;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastWrite = Date.now();
  let isOver = false;
  const end = (outcome: SSEStreamOutcome) => {
    if (isOver) return false;
    isOver = true;
    clearInterval(pingTimer);
    options.stopSignal?.removeEventListener('abort', onStop);
    options.onEnd?.(outcome);
    return true;
  };
  let onStop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of options.first ?? [])
        controller.enqueue(encoder.encode(formatSSEEvent(event, id++)));
      onStop = () => {
        if (!end('cancelled')) return;
        controller.enqueue(encoder.encode(formatSSEEvent(SHUTTING_DOWN_EVENT, id++)));
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
        const { value, done } = await reader.read();
        // Stopped for shutdown while this read was waiting: the stream is already closed.
        if (isOver) return;
        if (done) {
          end('finished');
          controller.close();
          return;
        }
        options.onEvent?.(value);
        lastWrite = Date.now();
        controller.enqueue(encoder.encode(formatSSEEvent(value, id++)));
      } catch (error) {
        if (!end('error')) return;
        controller.error(error);
      }
    },
    async cancel(reason) {
      end('cancelled');
      await reader.cancel(reason);
    },
  });
}
