import type { AnalysisEvent } from '@seer/core';

/** What the log keeps of one analysis: timings, counts and codes, never its text or media. */
export interface AnalysisSummary {
  outcome: 'finished' | 'error' | 'cancelled';
  /** From the start of streaming to the first thinking or answer text. */
  firstTokenMs?: number;
  durationMs: number;
  finishReason?: string;
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  errorCode?: string;
}

/**
 * Watches one analysis's events and, once it is over (finished, failed, or cancelled because the
 * client went away or the server stopped it), reports its summary once.
 */
export class AnalysisObserver {
  readonly #started = performance.now();
  readonly #summary: Partial<AnalysisSummary> = {};
  readonly #report: (summary: AnalysisSummary) => void;
  #isReported = false;

  constructor(report: (summary: AnalysisSummary) => void) {
    this.#report = report;
  }

  /** Notes what one event says: when the first text came, the usage, an error's code. */
  observe(event: AnalysisEvent): void {
    const summary = this.#summary;
    if (
      (event.type === 'reasoning-delta' || event.type === 'text-delta') &&
      summary.firstTokenMs === undefined
    ) {
      summary.firstTokenMs = Math.round(performance.now() - this.#started);
    } else if (event.type === 'finish') {
      summary.finishReason = event.finishReason;
      summary.inputTokens = event.usage.inputTokens;
      summary.outputTokens = event.usage.outputTokens;
      if (event.usage.reasoningTokens !== undefined) summary.reasoningTokens = event.usage.reasoningTokens;
    } else if (event.type === 'error') {
      summary.errorCode = event.code;
    }
  }

  /** Reports the summary; later calls do nothing. A stream that broke off counts as an error. */
  end(outcome: AnalysisSummary['outcome']): void {
    if (this.#isReported) return;
    this.#isReported = true;
    if (outcome === 'error') this.#summary.errorCode ??= 'stream_failed';
    this.#report({
      ...this.#summary,
      outcome: this.#summary.errorCode ? 'error' : outcome,
      durationMs: Math.round(performance.now() - this.#started),
    });
  }
}

/** Passes an analysis's events through unchanged while an {@link AnalysisObserver} watches them. */
export function observeAnalysis<Event extends AnalysisEvent>(
  events: ReadableStream<Event>,
  report: (summary: AnalysisSummary) => void,
): ReadableStream<Event> {
  const observer = new AnalysisObserver(report);
  const reader = events.getReader();
  return new ReadableStream<Event>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) {
          observer.end('finished');
          controller.close();
          return;
        }
        observer.observe(value);
        controller.enqueue(value);
      } catch (error) {
        observer.end('error');
        controller.error(error);
      }
    },
    cancel: (reason) => {
      observer.end('cancelled');
      return reader.cancel(reason);
    },
  });
}
