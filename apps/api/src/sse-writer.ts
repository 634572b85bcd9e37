import { type AnalysisEvent, toSSEParts } from '@seer/core';
import { createRelayStream, type RelayOptions } from './relay-stream';

/** Options of {@link createSSEStream}. */
export interface SSEStreamOptions extends RelayOptions<AnalysisEvent> {
  /** Events written before those of the stream (`start`, `media`). */
  first?: AnalysisEvent[];
}

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
 * Writes analysis events as Seer's Server-Sent Events (`event:`, `id:`, `data:`), after the `first`
 * events; see {@link createRelayStream} for pings, cancelling and shutdown.
 */
export function createSSEStream(
  events: ReadableStream<AnalysisEvent>,
  options: SSEStreamOptions = {},
): ReadableStream<Uint8Array> {
  let id = 0;
  const format = (event: AnalysisEvent) => formatSSEEvent(event, id++);
  return createRelayStream(
    events,
    {
      first: () => (options.first ?? []).map(format),
      write: (event) => [format(event)],
      last: () => [],
      stopped: () => [format(SHUTTING_DOWN_EVENT)],
      broken: () => undefined,
    },
    options,
  );
}
