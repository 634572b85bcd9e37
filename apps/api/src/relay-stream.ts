const encoder = new TextEncoder();

/** How a relay stream ended: the events ended, reading them failed, or it was cancelled or stopped. */
export type RelayOutcome = 'finished' | 'error' | 'cancelled';

/** What a relay writes, in the wire form of one protocol (Seer's events, OpenAI's chunks). */
export interface RelayDialect<E> {
  /** Written at once, before any event. */
  first(): string[];
  /** Written for one event; may be nothing (an event the protocol does not carry). */
  write(event: E): string[];
  /** Written after the last event. */
  last(): string[];
  /** Written when the server stops the stream early (shutdown). */
  stopped(): string[];
  /** Written when reading the events failed; undefined errors the byte stream instead. */
  broken(error: unknown): string[] | undefined;
}

/** Options of {@link createRelayStream}. */
export interface RelayOptions<E> {
  /** How long the stream may be silent before a `: ping` comment; default 15 s. */
  pingIntervalMs?: number | undefined;
  /** Called with each event as it is written. */
  onEvent?: ((event: E) => void) | undefined;
  /** Ends the stream early when aborted (shutdown); the event source is cancelled, aborting the provider. */
  stopSignal?: AbortSignal | undefined;
  /** Called once when the stream is over. */
  onEnd?: ((outcome: RelayOutcome) => void) | undefined;
}

/**
 * Relays events as a Server-Sent Events byte stream in one protocol's form, with a `: ping` comment
 * whenever the model is silent for the ping interval so that proxies keep the connection. Cancelling
 * the returned stream (the client went away) cancels the event source, which aborts the provider
 * request. It reads the events itself rather than through streams in between: each would cost every
 * token a hop on the relay's path (docs/performance.md, time to first token).
 */
export function createRelayStream<E>(
  events: ReadableStream<E>,
  dialect: RelayDialect<E>,
  options: RelayOptions<E> = {},
): ReadableStream<Uint8Array> {
  const pingIntervalMs = options.pingIntervalMs ?? 15_000;
  const reader = events.getReader();
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastWrite = Date.now();
  let isOver = false;
  let onStop = () => {};
  const end = (outcome: RelayOutcome) => {
    if (isOver) return false;
    isOver = true;
    clearInterval(pingTimer);
    options.stopSignal?.removeEventListener('abort', onStop);
    options.onEnd?.(outcome);
    return true;
  };
  const enqueueAll = (controller: ReadableStreamDefaultController<Uint8Array>, frames: string[]) => {
    for (const frame of frames) controller.enqueue(encoder.encode(frame));
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      enqueueAll(controller, dialect.first());
      onStop = () => {
        if (!end('cancelled')) return;
        enqueueAll(controller, dialect.stopped());
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
        // An event that writes nothing must not end the pull: a pull that enqueues nothing is not
        // called again.
        for (;;) {
          const { value, done } = await reader.read();
          // Stopped for shutdown while this read was waiting: the stream is already closed.
          if (isOver) return;
          if (done) {
            end('finished');
            enqueueAll(controller, dialect.last());
            controller.close();
            return;
          }
          options.onEvent?.(value);
          const frames = dialect.write(value);
          if (frames.length === 0) continue;
          lastWrite = Date.now();
          enqueueAll(controller, frames);
          return;
        }
      } catch (error) {
        if (!end('error')) return;
        const frames = dialect.broken(error);
        if (frames === undefined) return controller.error(error);
        enqueueAll(controller, frames);
        controller.close();
      }
    },
    async cancel(reason) {
      end('cancelled');
      await reader.cancel(reason);
    },
  });
}
