import type { UpstreamError } from '../errors';
import type { AttemptWatcher } from './provider-fetch';
import { timeoutError } from './upstream-errors';

/** What {@link CallDeadlines} needs. */
export interface CallDeadlinesOptions {
  /** Cut the provider when it sends nothing for this long, before or during the stream. */
  idleTimeoutMs: number;
  /** Cut the provider when the whole call lasts longer than this, whatever it sends meanwhile. */
  totalTimeoutMs: number;
  /** The caller's signal: aborting it aborts the call at once. */
  signal?: AbortSignal | undefined;
}

/**
 * The timers of one model call and the signal that ends it. The total deadline runs from the start;
 * the idle timer runs while an attempt waits for the provider and restarts with every piece of the
 * stream, and it is stopped while the SDK waits before a retry (a provider's `Retry-After` may be longer
 * than the idle timeout). These are Seer's rules, not the SDK's: its own timeout covers one attempt until
 * the headers, and it retries when it fires, whereas a silent provider ends Seer's call.
 */
export class CallDeadlines {
  /** Aborted by either timer, by the caller's signal, or by {@link abort}. */
  readonly signal: AbortSignal;
  /** The start of the last error answer the provider gave, for the error's message. */
  lastErrorBody: string | undefined;
  /** Whether any byte of the stream arrived. */
  hasFirstByte = false;
  /** Tells the idle timer about the SDK's attempts; goes to the client's fetch with the request. */
  readonly watcher: AttemptWatcher;

  readonly #options: CallDeadlinesOptions;
  readonly #controller = new AbortController();
  readonly #totalTimer: ReturnType<typeof setTimeout>;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #timedOut: 'idle' | 'total' | undefined;
  #isFinished = false;
  readonly #onCallerAbort = () => this.abort();

  constructor(options: CallDeadlinesOptions) {
    this.#options = options;
    this.signal = this.#controller.signal;
    this.#totalTimer = setTimeout(() => this.#expire('total'), options.totalTimeoutMs);
    options.signal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.watcher = {
      onSend: () => this.#restartIdleTimer(),
      onBytes: () => {
        this.hasFirstByte = true;
        this.#restartIdleTimer();
      },
      onFailure: (body) => {
        this.#stopIdleTimer();
        if (body !== undefined) this.lastErrorBody = body;
      },
    };
  }

  /** Ends the call: the provider request and the reading of its stream stop at once. */
  abort(): void {
    this.#controller.abort();
  }

  /** Whether the caller's signal ended the call. */
  get isAbortedByCaller(): boolean {
    return this.#options.signal?.aborted === true && this.#timedOut === undefined;
  }

  /** The `upstream_timeout` error when a timer ended the call, else undefined. */
  timeoutError(): UpstreamError | undefined {
    if (this.#timedOut === undefined) return undefined;
    const { idleTimeoutMs, totalTimeoutMs } = this.#options;
    const timeoutMs = this.#timedOut === 'total' ? totalTimeoutMs : idleTimeoutMs;
    return timeoutError(this.#timedOut, timeoutMs, !this.hasFirstByte);
  }

  /** Stops the timers and lets go of the caller's signal; the call's outcome is known. */
  finish(): void {
    this.#isFinished = true;
    this.#stopIdleTimer();
    clearTimeout(this.#totalTimer);
    this.#options.signal?.removeEventListener('abort', this.#onCallerAbort);
  }

  #expire(timeout: 'idle' | 'total'): void {
    this.#timedOut ??= timeout;
    this.abort();
  }

  #restartIdleTimer(): void {
    if (this.#isFinished) return;
    // Every piece of the stream restarts the timer: Node's timers restart in place, cheaper than a new one.
    if (typeof this.#idleTimer === 'object' && typeof this.#idleTimer.refresh === 'function') {
      this.#idleTimer.refresh();
      return;
    }
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.#expire('idle'), this.#options.idleTimeoutMs);
  }

  #stopIdleTimer(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
