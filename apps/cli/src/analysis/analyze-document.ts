import type {
  AnalysisDocument,
  BudgetReport,
  FinishReason,
  Locale,
  PreparedMediaInfo,
  Usage,
} from '@seer/core';
import type { StartedAnalysis } from '@seer/core/node';

/**
 * The document `seer analyze --json` prints: the API's non-streaming answer, with `result` always
 * present.
 */
export interface AnalyzeDocument {
  id: string;
  model: string;
  template: string;
  locale: Locale;
  reasoning: string;
  text: string;
  result: Record<string, unknown> | null;
  finishReason: FinishReason;
  usage: Usage | null;
  /** How the thinking budget reached the model, when one was asked. */
  budget: BudgetReport | null;
  timing: { reasoningMs: number; totalMs: number } | null;
  media: PreparedMediaInfo[];
  /** Present when the stream ended with an error after it began. */
  error?: { code: string; message: string; retryable: boolean };
}

/**
 * The `--json` document of an analysis: what it started as, and what `collectAnalysis` gathered from
 * its events. A stream that never finished reads as `finishReason: "error"` with null counts.
 */
export function toAnalyzeDocument(
  started: Pick<StartedAnalysis, 'id' | 'model' | 'template' | 'locale' | 'media'>,
  collected: AnalysisDocument,
): AnalyzeDocument {
  const { finish, error } = collected;
  // The keys in the order the document has always been printed in.
  return {
    id: started.id,
    model: started.model,
    template: started.template,
    locale: started.locale,
    reasoning: collected.reasoning,
    text: collected.text,
    result: finish?.result ?? null,
    finishReason: finish?.finishReason ?? 'error',
    usage: finish?.usage ?? null,
    budget: finish?.budget ?? null,
    timing: finish?.timing ?? null,
    media: started.media,
    ...(error ? { error: { code: error.code, message: error.message, retryable: error.retryable } } : {}),
  };
}
