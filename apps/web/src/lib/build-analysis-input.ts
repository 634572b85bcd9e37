import type { AnalysisRequest } from '../api/seer-api';
import type { AnalysisInput } from '../hooks/use-analysis';
import type { Locale } from './i18n';
import type { MediaUpload } from './media-items-store';

/** What an analysis asks: the task, the answer's language, the question, the model and its budget. */
export interface AnalysisAsk {
  templateId: string;
  locale: Locale;
  /** As typed; sent trimmed, and not at all when empty. */
  question: string;
  modelId: string;
  /** The thinking budget in tokens; undefined sends none. */
  budget: number | undefined;
}

/**
 * The request for an analysis and the files it uploads in multipart, each media item named by its
 * field (`image0`, `image1`, `video0`), in the order of `uploads`.
 *
 * @example
 * const ask = { templateId: 'palm-reading', locale: 'en', question: '', modelId: 'qvq-max', budget: undefined };
 * buildAnalysisInput(ask, [{ kind: 'image', file: palm }]);
 * // request: { template: 'palm-reading', locale: 'en', media: [{ type: 'image', file: 'image0' }], … }
 * // files: Map { 'image0' => palm }
 */
export function buildAnalysisInput(ask: AnalysisAsk, uploads: readonly MediaUpload[]): AnalysisInput {
  const counters = { image: 0, video: 0 };
  const named = uploads.map(({ kind, file }) => ({ kind, file, field: `${kind}${counters[kind]++}` }));
  const question = ask.question.trim();
  const request: AnalysisRequest = {
    template: ask.templateId,
    locale: ask.locale,
    ...(question ? { question } : {}),
    media: named.map(({ kind, field }) => ({ type: kind, file: field })),
    model: ask.modelId,
    ...(ask.budget !== undefined ? { thinking: { budget: ask.budget } } : {}),
  };
  return { request, files: new Map(named.map(({ field, file }) => [field, file])) };
}
