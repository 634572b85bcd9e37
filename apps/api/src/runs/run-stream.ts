import { toSSEParts } from '@seer/core';
import { createRelayStream } from '../relay-stream';
import type { RunItem } from './local-run';
import type { RunReader } from './run-registry';

/** One run item in SSE form: `event:`, then `id:` unless it is a notice, then `data:`. */
export function formatRunItem(item: RunItem): string {
  const id = item.seq === undefined ? '' : `id: ${item.seq}\n`;
  if (item.data !== undefined) return `event: ${item.event.type}\n${id}data: ${item.data}\n\n`;
  const { event: name, data } = toSSEParts(item.event);
  return `event: ${name}\n${id}data: ${JSON.stringify(data)}\n\n`;
}

/**
 * A reader of a run as a Server-Sent Events byte stream, with pings while the model is silent. When the
 * client goes away, the reader is released (and `stop` aborted), so that the run's grace period can
 * start; the run itself goes on.
 */
export function createRunStream(
  reader: RunReader,
  stop: AbortController,
  pingIntervalMs?: number,
): ReadableStream<Uint8Array> {
  const items = new ReadableStream<RunItem>({
    async pull(controller) {
      const next = await reader.items.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel() {
      stop.abort();
    },
  });
  return createRelayStream(
    items,
    {
      first: () => [],
      write: (item) => [formatRunItem(item)],
      last: () => [],
      stopped: () => [],
      broken: () => undefined,
    },
    { pingIntervalMs, onEnd: reader.release },
  );
}
