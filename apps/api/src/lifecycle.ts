/** A running stream as the shutdown sees it. */
export interface RunningStream {
  /** Ends the stream now: an `error` event to the client, and its provider request aborted. */
  stop(): void;
}

/**
 * The API's running streams, and whether it is shutting down. On SIGTERM the server stops accepting,
 * the streams get a grace period to finish by themselves, and those still running are then ended
 * cleanly (an `error` event the client can retry on, the upstream request aborted), so a deploy
 * neither cuts answers mid-sentence nor waits on them forever.
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
