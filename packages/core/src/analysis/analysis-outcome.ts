import type { AnalysisResponse } from '../contract/analysis-response';
import type { PreparedMediaInfo } from '../contract/events';
import type { Locale } from '../contract/templates';
import type { CollectedAnalysis } from './attach-result';

/** What an analysis said before its model's events: the `start` event's fields and the prepared media. */
export interface AnalysisStart {
  id: string;
  model: string;
  template: string;
  locale: Locale;
  media: PreparedMediaInfo[];
}

/** The error that ended an analysis before its result, as the `error` event says it. */
export interface AnalysisFailure {
  code: string;
  message: string;
  retryable: boolean;
}

/**
 * How a non-streamed analysis ended: its whole document, or the failure that ended it with what the
 * model had said so far. The API answers `stream: false` with it and `seer analyze --json` prints it.
 */
export type AnalysisOutcome =
  | { isFinished: true; response: AnalysisResponse }
  | { isFinished: false; failure: AnalysisFailure; partial: { reasoning: string; text: string } };

/** A stream that closed without `finish` or `error`: the provider went away mid-answer. */
const ENDED_WITHOUT_RESULT: AnalysisFailure = {
  code: 'upstream_error',
  message: 'The stream ended without a result.',
  retryable: true,
};

/**
 * Turns an analysis's start and its gathered events (`collectAnalysis`) into its outcome. The document
 * carries the budget report and the template's result when `finish` had them.
 *
 * @example
 * const outcome = toAnalysisOutcome(started, await collectAnalysis(started.events));
 * if (outcome.isFinished) console.log(outcome.response.text);
 */
export function toAnalysisOutcome(start: AnalysisStart, collected: CollectedAnalysis): AnalysisOutcome {
  const { finish, error } = collected;
  if (error || !finish) {
    const failure = error
      ? { code: error.code, message: error.message, retryable: error.retryable }
      : ENDED_WITHOUT_RESULT;
    return { isFinished: false, failure, partial: { reasoning: collected.reasoning, text: collected.text } };
  }
  const { finishReason, usage, budget, timing, result } = finish;
  return {
    isFinished: true,
    response: {
      id: start.id,
      model: start.model,
      template: start.template,
      locale: start.locale,
      media: start.media,
      reasoning: collected.reasoning,
      text: collected.text,
      finishReason,
      usage,
      ...(budget === undefined ? {} : { budget }),
      timing,
      ...(result === undefined ? {} : { result }),
    },
  };
}
