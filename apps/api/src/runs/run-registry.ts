import {
  type AnalysisEvent,
  type AnalysisRun,
  collectAnalysis,
  type ModelStreamEvent,
  RequestError,
  toAnalysisOutcome,
} from '@seer/core';
import type { StartedAnalysis } from '@seer/core/node';
import type { Lifecycle } from '../lifecycle';
import { AnalysisObserver, type AnalysisSummary } from '../observe-analysis';
import type { RunSettings } from '../server-config';
import { LocalRun, type RunDescription, type RunItem } from './local-run';
import type { RunMirror } from './run-mirror';

/** The event a run ends with when its model's events break off without one. */
const BROKEN_EVENT: AnalysisEvent = {
  type: 'error',
  code: 'stream_failed',
  message: 'The analysis stopped unexpectedly. Try again.',
  retryable: true,
};

/** How often the instance tells the shared store its runs are alive. */
const ALIVE_INTERVAL_MS = 1000;

/** What starting a run needs besides the started analysis. */
export interface RunStart {
  owner: string | undefined;
  detached: boolean;
  /** Aborts the model call: the run's own, so that a client going away does not end it. */
  abort: AbortController;
  /** Called once with the run's summary for the log. */
  log: (summary: AnalysisSummary) => void;
}

/** A reader of a run: its events, and the function that says it is gone. */
export interface RunReader {
  items: AsyncGenerator<RunItem>;
  /** Counts the reader out: when it was the last, the run's grace period starts. */
  release: () => void;
}

/** The answer for a run that is not there, or not the caller's. */
function unknownAnalysis(id: string): RequestError {
  return new RequestError({
    code: 'unknown_analysis',
    status: 404,
    message: `There is no analysis "${id}" here: it never existed, its time is up, or it was started with another token.`,
  });
}

/**
 * The runs of this instance, and through the mirror those of the others (docs/runs.md). It pumps each
 * analysis's model events into its run as they come, whoever reads them; stops a run whose readers are
 * all gone once the grace period passes without one; keeps a finished run for the TTL; and registers
 * running runs with the lifecycle, so that shutdown waits for them and then stops them.
 */
export class RunRegistry {
  readonly #runs = new Map<string, LocalRun>();
  readonly #settings: RunSettings;
  readonly #lifecycle: Lifecycle;
  readonly #mirror: RunMirror | undefined;
  #aliveTimer: ReturnType<typeof setInterval> | undefined;
  /** The grace period running for each run without a reader. */
  readonly #graceTimers = new WeakMap<LocalRun, ReturnType<typeof setTimeout>>();

  constructor(settings: RunSettings, lifecycle: Lifecycle, mirror?: RunMirror) {
    this.#settings = settings;
    this.#lifecycle = lifecycle;
    this.#mirror = mirror;
    mirror?.onStopRequest((id) => this.#runs.get(id)?.stop('cancelled'));
  }

  /**
   * Starts a run of an analysis whose model has started: `start` and `media` first, then the model's
   * events as they come. The run goes on while it has readers, for the grace period without one, or to
   * its end when detached.
   */
  start(started: StartedAnalysis, options: RunStart): LocalRun {
    const description: RunDescription = {
      id: started.id,
      owner: options.owner,
      model: started.model,
      template: started.template,
      locale: started.locale,
      media: started.media,
      createdAt: Date.now(),
      detached: options.detached,
    };
    const run = new LocalRun(description, this.#settings.maxEventBytes);
    this.#runs.set(run.description.id, run);
    this.#mirror?.started(description);
    const mirror = this.#mirror;
    if (mirror) run.onDropped = (seqs, total) => mirror.dropped(description.id, seqs, total);
    const observer = new AnalysisObserver(options.log);
    const reader = started.events.getReader();
    run.onAppended = (seq, event) => {
      observer.observe(event);
      mirror?.appended(description.id, seq, event);
    };
    run.whenStopped((reason) => {
      observer.end('cancelled');
      options.abort.abort(new Error(`The analysis was stopped (${reason}).`));
      reader.cancel(reason).catch(() => {});
    });
    const unregister = this.#lifecycle.add({ stop: () => run.stop('shutting_down') });
    run.whenOver(() => {
      unregister();
      mirror?.ended(description.id, run.status);
      setTimeout(() => {
        if (this.#runs.get(description.id) === run) this.#runs.delete(description.id);
      }, this.#settings.ttlMs).unref();
    });
    this.#keepAlive();

    run.append({
      type: 'start',
      id: started.id,
      model: started.model,
      template: started.template,
      locale: started.locale,
    });
    for (const item of started.media) run.append({ type: 'media', item });
    void pump(reader, run, observer);
    return run;
  }

  /** Starts following a run from after `after` (−1: from the start), as the caller (`owner`) may. */
  async read(id: string, owner: string | undefined, after: number, signal: AbortSignal): Promise<RunReader> {
    const run = this.#runs.get(id);
    if (run) {
      this.#checkOwner(run.description, owner);
      const release = run.addReader(() => this.#whenUnread(run));
      return { items: run.follow(after, signal), release };
    }
    const shared = await this.#mirror?.find(id);
    if (!shared) throw unknownAnalysis(id);
    this.#checkOwner(shared.description, owner);
    const mirror = this.#mirror!;
    mirror.markReader(id);
    const marking = setInterval(() => mirror.markReader(id), ALIVE_INTERVAL_MS);
    let isReleased = false;
    return {
      items: mirror.follow(id, after, signal),
      release: () => {
        if (isReleased) return;
        isReleased = true;
        clearInterval(marking);
      },
    };
  }

  /** The status document of a run, with its document or error once it is over. */
  async status(id: string, owner: string | undefined): Promise<AnalysisRun> {
    const run = this.#runs.get(id);
    if (run) {
      this.#checkOwner(run.description, owner);
      return describeRun(run.statusDocument(), run.description, run.modelEvents());
    }
    const shared = await this.#mirror?.find(id);
    if (!shared) throw unknownAnalysis(id);
    this.#checkOwner(shared.description, owner);
    const document = sharedStatusDocument(shared);
    if (shared.status === 'running') return document;
    const events: AnalysisEvent[] = [];
    const finished = new AbortController();
    for await (const item of this.#mirror!.follow(id, -1, finished.signal)) events.push(item.event);
    return describeRun(document, shared.description, events);
  }

  /** Stops a run (on whichever instance runs it) and answers its status. */
  async cancel(id: string, owner: string | undefined): Promise<AnalysisRun> {
    const run = this.#runs.get(id);
    if (run) {
      this.#checkOwner(run.description, owner);
      run.stop('cancelled');
      return this.status(id, owner);
    }
    const shared = await this.#mirror?.find(id);
    if (!shared) throw unknownAnalysis(id);
    this.#checkOwner(shared.description, owner);
    if (shared.status === 'running') {
      await this.#mirror!.requestStop(id);
      await waitFor(async () => (await this.#mirror!.find(id))?.status !== 'running', 5000);
    }
    return this.status(id, owner);
  }

  /** Stops every run of this instance's timers; the runs themselves end through the lifecycle. */
  async close(): Promise<void> {
    clearInterval(this.#aliveTimer);
    await this.#mirror?.close();
  }

  /**
   * The last reader of a run went away: unless it is detached, it waits the grace period for another.
   * A reader that comes and goes again starts the period afresh.
   */
  #whenUnread(run: LocalRun): void {
    if (run.isOver || run.description.detached) return;
    clearTimeout(this.#graceTimers.get(run));
    const stopIfUnread = async () => {
      if (run.isOver || run.readers > 0) return;
      if (await this.#mirror?.hasRemoteReaders(run.description.id)) {
        this.#graceTimers.set(run, setTimeout(stopIfUnread, ALIVE_INTERVAL_MS).unref());
        return;
      }
      if (run.readers === 0) run.stop('abandoned');
    };
    if (this.#settings.detachedGraceMs === 0) void stopIfUnread();
    else this.#graceTimers.set(run, setTimeout(stopIfUnread, this.#settings.detachedGraceMs).unref());
  }

  #checkOwner(description: RunDescription, owner: string | undefined): void {
    if (description.owner !== undefined && description.owner !== owner) throw unknownAnalysis(description.id);
  }

  /** While runs are running here, the shared store hears every second that they are alive. */
  #keepAlive(): void {
    if (!this.#mirror || this.#aliveTimer) return;
    this.#aliveTimer = setInterval(() => {
      const running = [...this.#runs.values()].filter((run) => !run.isOver).map((run) => run.description.id);
      if (running.length > 0) this.#mirror!.alive(running);
    }, ALIVE_INTERVAL_MS);
    this.#aliveTimer.unref();
  }
}

/**
 * Moves a run's model events into it as they come. A stream that ends without `finish` or `error`
 * (or breaks) ends the run with a retryable error; a run stopped meanwhile takes no more.
 */
async function pump(
  reader: ReadableStreamDefaultReader<ModelStreamEvent>,
  run: LocalRun,
  observer: AnalysisObserver,
): Promise<void> {
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || run.isOver) break;
      run.append(value);
    }
  } catch {
    // Told below, as a run that ended without its last event.
  }
  if (!run.isOver) run.append(BROKEN_EVENT);
  observer.end('finished');
}

/** The status document of a run known only through the shared store. */
function sharedStatusDocument(
  shared: { description: RunDescription } & Pick<AnalysisRun, 'status' | 'lastEventId'>,
): AnalysisRun {
  const { id, model, template, createdAt, detached } = shared.description;
  return {
    id,
    object: 'analysis.run',
    status: shared.status,
    model,
    template,
    createdAt: new Date(createdAt).toISOString(),
    lastEventId: shared.lastEventId,
    detached,
  };
}

/** A status document with, once the run is over, its document or its error and what the model had said. */
async function describeRun(
  document: AnalysisRun,
  description: RunDescription,
  events: readonly AnalysisEvent[],
): Promise<AnalysisRun> {
  if (document.status === 'running') return document;
  const modelEvents = events.filter(
    (event): event is ModelStreamEvent =>
      event.type !== 'start' && event.type !== 'media' && event.type !== 'notice',
  );
  const collected = await collectAnalysis(
    new ReadableStream<ModelStreamEvent>({
      start(controller) {
        for (const event of modelEvents) controller.enqueue(event);
        controller.close();
      },
    }),
  );
  const outcome = toAnalysisOutcome(description, collected);
  if (outcome.isFinished) return { ...document, analysis: outcome.response };
  return { ...document, error: outcome.failure, partial: outcome.partial };
}

/** Polls `isDone` every 50 ms until it holds or `timeoutMs` passes. */
async function waitFor(isDone: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isDone()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
