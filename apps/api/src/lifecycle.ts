import { SeerError } from '@seer/core';

/** A request in flight (a stream, or a request answered in one piece) as the shutdown sees it. */
export interface RunningStream {
  /**
   * Ends it now: a stream gets an `error` event and its provider request is aborted; a request answered
   * in one piece is aborted and answered `503 shutting_down`.
   */
  stop(): void;
}

/** The signal that ends a request answered in one piece when the shutdown stops it, by request. */
const stopSignals = new WeakMap<Request, AbortSignal>();

/**
 * The signal a handler passes down for one request: aborted when the client goes away or when the
 * shutdown's grace period ends with the request still running.
 */
export function requestSignal(request: Request): AbortSignal {
  const stop = stopSignals.get(request);
  return stop ? AbortSignal.any([request.signal, stop]) : request.signal;
}

/** The answer to a request the shutdown had to stop: `503 shutting_down`, retryable. */
export function shuttingDown(): SeerError {
  return new SeerError({
    code: 'shutting_down',
    status: 503,
    isRetryable: true,
    message: 'Seer is shutting down. Try again in a moment.',
    details: { retryable: true },
  });
}

/** Whether the shutdown stopped this request (rather than the client or an error). */
export function wasStoppedByShutdown(request: Request): boolean {
  return stopSignals.get(request)?.aborted === true;
}

/**
 * The API's requests in flight (streams, and requests answered in one piece), and whether it is
 * shutting down. On SIGTERM the server stops accepting, the requests get a grace period to finish by
 * themselves, and those still running are then ended cleanly (a stream with an `error` event the client
 * can retry on, a one-piece request with `503 shutting_down`; the upstream request aborted either way),
 * so a deploy neither cuts answers mid-sentence nor waits on them forever.
 */
export class Lifecycle {
  #streams = new Set<RunningStream>();
  #isDraining = false;
  #onEmpty: (() => void) | undefined;

  /** Whether shutdown has begun: new requests are refused with 503. */
  get isDraining(): boolean {
    return this.#isDraining;
  }

  /** How many streams are running. */
  get size(): number {
    return this.#streams.size;
  }

  /**
   * Registers a request answered in one piece (`stream: false`, `/v1/preprocess`) for as long as its
   * handler runs, so that the shutdown waits for it too; see {@link requestSignal}.
   */
  track(request: Request): () => void {
    const stop = new AbortController();
    stopSignals.set(request, stop.signal);
    return this.add({ stop: () => stop.abort() });
  }

  /** Registers a running stream; the returned function unregisters it when it ends. */
  add(stream: RunningStream): () => void {
    this.#streams.add(stream);
    return () => {
      this.#streams.delete(stream);
      if (this.#streams.size === 0) this.#onEmpty?.();
    };
  }

  /**
   * Begins shutdown: waits up to `graceMs` for the running streams to end, then stops the rest and
   * waits (briefly) for them to be gone. Resolves with how many had to be stopped.
   */
  async drain(graceMs: number): Promise<{ stopped: number }> {
    this.#isDraining = true;
    const empty = () =>
      new Promise<void>((resolve) => {
        if (this.#streams.size === 0) return resolve();
        this.#onEmpty = resolve;
      });
    const timeout = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    await Promise.race([empty(), timeout(graceMs)]);
    const stopped = this.#streams.size;
    for (const stream of [...this.#streams]) stream.stop();
    await Promise.race([empty(), timeout(2000)]);
    return { stopped };
  }
}
