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
 * Passes an analysis's events through unchanged and, once it is over (finished, failed, or cancelled
 * because the client went away or the server stopped it), reports its summary once.
 */
export function observeAnalysis<Event extends AnalysisEvent>(
  events: ReadableStream<Event>,
  report: (summary: AnalysisSummary) => void,
): ReadableStream<Event> {
  const started = performance.now();
  const reader = events.getReader();
  const summary: Partial<AnalysisSummary> = {};
  let isReported = false;
  const finish = (outcome: AnalysisSummary['outcome']) => {
    if (isReported) return;
    isReported = true;
    report({
      ...summary,
      outcome: summary.errorCode ? 'error' : outcome,
      durationMs: Math.round(performance.now() - started),
    });
  };
  const observe = (event: Event) => {
    if (
      (event.type === 'reasoning-delta' || event.type === 'text-delta') &&
      summary.firstTokenMs === undefined
    ) {
      summary.firstTokenMs = Math.round(performance.now() - started);
    } else if (event.type === 'finish') {
      summary.finishReason = event.finishReason;
      summary.inputTokens = event.usage.inputTokens;
      summary.outputTokens = event.usage.outputTokens;
      if (event.usage.reasoningTokens !== undefined) summary.reasoningTokens = event.usage.reasoningTokens;
    } else if (event.type === 'error') {
      summary.errorCode = event.code;
    }
  };
  return new ReadableStream<Event>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) {
          finish('finished');
          controller.close();
          return;
        }
        observe(value);
        controller.enqueue(value);
      } catch (error) {
        summary.errorCode ??= 'stream_failed';
        finish('error');
        controller.error(error);
      }
    },
    cancel: (reason) => {
      finish('cancelled');
      return reader.cancel(reason);
    },
  });
}
