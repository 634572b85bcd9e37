import {
  type AnalysisEvent,
  type AnalysisRun,
  type Locale,
  type PreparedMediaInfo,
  type RunStatus,
  toSSEParts,
} from '@seer/core';

/** One event of a run as a reader gets it: with its SSE id, or none for a `notice`. */
export interface RunItem {
  seq?: number;
  event: AnalysisEvent;
  /** The event's SSE data as JSON, when it was written once already for every reader. */
  data?: string;
}

/** What a run is about, fixed when it starts. */
export interface RunDescription {
  id: string;
  /** The key of the token that started it (`clientKey`), when the server has tokens; only it may read the run. */
  owner: string | undefined;
  model: string;
  template: string;
  locale: Locale;
  media: PreparedMediaInfo[];
  createdAt: number;
  detached: boolean;
}

/** How a run that did not finish by itself was ended. */
export type StopReason = 'cancelled' | 'abandoned' | 'shutting_down';

/** The error event each {@link StopReason} ends a run with. */
const STOP_EVENTS: Record<StopReason, Extract<AnalysisEvent, { type: 'error' }>> = {
  cancelled: { type: 'error', code: 'cancelled', message: 'The analysis was cancelled.', retryable: false },
  abandoned: {
    type: 'error',
    code: 'abandoned',
    message: 'The analysis was stopped because no reader came back for it.',
    retryable: true,
  },
  shutting_down: {
    type: 'error',
    code: 'shutting_down',
    message: 'Seer is restarting, so this analysis was stopped. Try again in a moment.',
    retryable: true,
  },
};

/** The notice a reader gets where the oldest thinking was dropped from the replay. */
export function droppedNotice(droppedEvents: number): AnalysisEvent {
  return {
    type: 'notice',
    code: 'thinking_dropped',
    message: `The oldest part of the thinking (${droppedEvents} events) is no longer kept for replay; the events after it follow.`,
    droppedEvents,
  };
}

/** Whether an event ends a run's stream. */
export function isTerminal(event: AnalysisEvent): boolean {
  return event.type === 'finish' || event.type === 'error';
}

/** A stored event, its SSE data as JSON, and the bytes it counts for against the run's limit. */
interface StoredEvent {
  event: AnalysisEvent;
  data: string;
  bytes: number;
}

/**
 * One run of this instance: its events in order as they are produced (each numbered by its place, the
 * SSE id), the readers following it, and how it ends. The events are kept up to `maxEventBytes`; past
 * that the oldest thinking deltas are dropped, and a reader that reaches the gap is told so once.
 */
export class LocalRun {
  readonly description: RunDescription;
  #status: RunStatus = 'running';
  readonly #events: (StoredEvent | undefined)[] = [];
  #bytes = 0;
  readonly #maxEventBytes: number;
  /** The first stored event that may still be dropped. */
  #dropCursor = 0;
  #droppedEvents = 0;
  #wake = new Set<() => void>();
  #readers = 0;
  #onStop: (reason: StopReason) => void = () => {};
  #onEnd = new Set<() => void>();
  /** Told of each event as it is added, with its SSE id. */
  onAppended: (seq: number, event: AnalysisEvent) => void = () => {};
  /** Told which events were dropped, and how many in all so far. */
  onDropped: (seqs: number[], droppedEvents: number) => void = () => {};

  constructor(description: RunDescription, maxEventBytes: number) {
    this.description = description;
    this.#maxEventBytes = maxEventBytes;
  }

  get status(): RunStatus {
    return this.#status;
  }

  get isOver(): boolean {
    return this.#status !== 'running';
  }

  /** How many readers follow it on this instance. */
  get readers(): number {
    return this.#readers;
  }

  /** The SSE id of the last event so far. */
  get lastEventId(): number {
    return this.#events.length - 1;
  }

  /** Sets what stopping it does (cancels its model events); called once by whoever runs it. */
  whenStopped(stop: (reason: StopReason) => void): void {
    this.#onStop = stop;
  }

  /** Calls `listener` once the run is over (at once if it is). */
  whenOver(listener: () => void): void {
    if (this.isOver) listener();
    else this.#onEnd.add(listener);
  }

  /**
   * Adds the next event; a `finish` or `error` ends the run. Events after the end are ignored.
   * Returns its SSE id, or undefined when ignored.
   */
  append(event: AnalysisEvent): number | undefined {
    if (this.isOver) return undefined;
    // Written once here for every reader, and measured for the limit on the way.
    const data = JSON.stringify(toSSEParts(event).data);
    const bytes = data.length + 32;
    this.#events.push({ event, data, bytes });
    this.#bytes += bytes;
    if (this.#bytes > this.#maxEventBytes) this.#dropOldestThinking();
    this.onAppended(this.#events.length - 1, event);
    if (event.type === 'finish') this.#end('finished');
    else if (event.type === 'error') {
      this.#end(event.code === 'cancelled' || event.code === 'abandoned' ? 'cancelled' : 'failed');
    } else this.#wakeReaders();
    return this.#events.length - 1;
  }

  /**
   * Stops a running run: the reason's error event ends it for every reader, and the model's events are
   * cancelled, which aborts the provider request. A run already over is left as it is.
   */
  stop(reason: StopReason): void {
    if (this.isOver) return;
    this.append(STOP_EVENTS[reason]);
    this.#onStop(reason);
  }

  /**
   * The events after `after` (−1 for all), then those to come, until the run's last event or until
   * `signal` aborts. Where events a reader has not seen were dropped, a notice stands in for them.
   */
  async *follow(after: number, signal: AbortSignal): AsyncGenerator<RunItem> {
    let next = after + 1;
    let isInGap = false;
    for (;;) {
      while (next < this.#events.length) {
        const seq = next++;
        const stored = this.#events[seq];
        if (!stored) {
          if (!isInGap) yield { event: droppedNotice(this.#droppedEvents) };
          isInGap = true;
          continue;
        }
        isInGap = false;
        yield { seq, event: stored.event, data: stored.data };
      }
      if (this.isOver || signal.aborted) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#wake.delete(wake);
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.#wake.add(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /** Counts a reader in; the returned function counts it out, once. */
  addReader(onLast: () => void): () => void {
    this.#readers++;
    let isGone = false;
    return () => {
      if (isGone) return;
      isGone = true;
      this.#readers--;
      if (this.#readers === 0) onLast();
    };
  }

  /** The model's events so far, for the status document (`start`, `media` and notices left out). */
  modelEvents(): AnalysisEvent[] {
    return this.#events.flatMap((stored) => (stored ? [stored.event] : []));
  }

  /** The status document without the finished run's document (see the registry). */
  statusDocument(): AnalysisRun {
    const { id, model, template, createdAt, detached } = this.description;
    return {
      id,
      object: 'analysis.run',
      status: this.#status,
      model,
      template,
      createdAt: new Date(createdAt).toISOString(),
      lastEventId: this.lastEventId,
      detached,
    };
  }

  #end(status: RunStatus): void {
    this.#status = status;
    this.#wakeReaders();
    for (const listener of this.#onEnd) listener();
    this.#onEnd.clear();
  }

  #wakeReaders(): void {
    for (const wake of [...this.#wake]) wake();
  }

  /** Drops thinking deltas from the oldest on until the run is within its limit, or none is left to drop. */
  #dropOldestThinking(): void {
    const seqs: number[] = [];
    while (this.#bytes > this.#maxEventBytes && this.#dropCursor < this.#events.length) {
      const seq = this.#dropCursor++;
      const stored = this.#events[seq];
      if (stored?.event.type !== 'reasoning-delta') continue;
      this.#events[seq] = undefined;
      this.#bytes -= stored.bytes;
      this.#droppedEvents++;
      seqs.push(seq);
    }
    if (seqs.length > 0) this.onDropped(seqs, this.#droppedEvents);
  }
}
