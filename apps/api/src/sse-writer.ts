import { type AnalysisEvent, toSSEParts } from '@seer/core';

const encoder = new TextEncoder();

/** Events that come first, then the events of a stream; cancelling it cancels that stream. */
export function prependEvents(
  first: AnalysisEvent[],
  rest: ReadableStream<AnalysisEvent>,
): ReadableStream<AnalysisEvent> {
  const queue = [...first];
  const reader = rest.getReader();
  return new ReadableStream<AnalysisEvent>({
    async pull(controller) {
      const next = queue.shift();
      if (next) return controller.enqueue(next);
      const { value, done } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** Options of {@link createSSEStream}. */
export interface SSEStreamOptions {
  /** How long the stream may be silent before a `: ping` comment; default 15 s. */
  pingIntervalMs?: number;
  /** Called once when the client goes away before the stream ended. */
  onCancel?: () => void;
}

/** One event in SSE form: `event: <type>\nid: <n>\ndata: <json>\n\n`. */
export function formatSSEEvent(event: AnalysisEvent, id: number): string {
  const { event: name, data } = toSSEParts(event);
  return `event: ${name}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Writes analysis events as a Server-Sent Events byte stream, with a `: ping` comment whenever the model
 * is silent for the ping interval so that proxies keep the connection. Cancelling the returned stream
 * (the client went away) cancels the event source, which aborts the provider request.
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
  return new ReadableStream<Uint8Array>({
    start(controller) {
      pingTimer = setInterval(
        () => {
          if (Date.now() - lastWrite < pingIntervalMs) return;
          lastWrite = Date.now();
          controller.enqueue(encoder.encode(': ping\n\n'));
        },
        Math.max(10, Math.floor(pingIntervalMs / 3)),
      );
    },
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) {
          clearInterval(pingTimer);
          controller.close();
          return;
        }
        lastWrite = Date.now();
        controller.enqueue(encoder.encode(formatSSEEvent(value, id++)));
      } catch (error) {
        clearInterval(pingTimer);
        controller.error(error);
      }
    },
    async cancel() {
      clearInterval(pingTimer);
      options.onCancel?.();
      await reader.cancel();
    },
  });
}
