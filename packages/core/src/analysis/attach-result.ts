import type { AnalysisEvent, BudgetReport, ModelStreamEvent, PreparedMediaInfo } from '../contract/events';
import type { Locale } from '../contract/templates';
import { groundAnswer } from '../grounding/ground-answer';
import type { CoordinateSystem } from '../grounding/read-marks';
import type { Template } from '../templates/template';

/** What the answer's marks are placed on: the media as prepared, and how the model writes coordinates. */
export interface Grounding {
  media: readonly PreparedMediaInfo[];
  coordinates: CoordinateSystem;
}

/**
 * The template's result read from a whole answer, with the places the model marked (`regions`, and
 * `regionsDropped` for marks that could not be placed) when it marked any. The template reads the
 * answer without its blocks of marks. `undefined` when there is nothing to report.
 */
export function readResult(
  answer: string,
  template: Template,
  locale: Locale,
  grounding?: Grounding,
): Record<string, unknown> | undefined {
  let grounded: ReturnType<typeof groundAnswer> | undefined;
  let result: Record<string, unknown> | undefined;
  try {
    grounded = grounding ? groundAnswer(answer, grounding.media, grounding.coordinates) : undefined;
    result = template.extractResult?.(grounded?.prose ?? answer, locale, { media: grounding?.media ?? [] });
  } catch {
    result = undefined;
  }
  if (!grounded || (grounded.regions.length === 0 && grounded.dropped === 0)) return result;
  return { ...result, regions: grounded.regions, regionsDropped: grounded.dropped };
}

/**
 * Reads the template's structured result from the answer text as it passes ({@link readResult}), and
 * adds it to the `finish` event, with the thinking budget's report when the request had one. Extraction never throws; when nothing can be read, `finish` has no `result`.
 * A pulling stream rather than a `TransformStream`: each event crosses one stream hop instead of a
 * pipe's several, which counts on the relay's path (docs/performance.md, time to first token).
 * Cancelling it cancels `events`.
 */
export function attachResult(
  events: ReadableStream<ModelStreamEvent>,
  template: Template,
  locale: Locale,
  budget?: BudgetReport,
  grounding?: Grounding,
): ReadableStream<ModelStreamEvent> {
  const reader = events.getReader();
  let answer = '';
  const withResult = (finish: Extract<ModelStreamEvent, { type: 'finish' }>): ModelStreamEvent => {
    const event = budget && !finish.budget ? { ...finish, budget } : finish;
    const result = readResult(answer, template, locale, grounding);
    return result === undefined ? event : { ...event, result };
  };
  return new ReadableStream<ModelStreamEvent>({
    async pull(controller) {
      const { value: event, done } = await reader.read();
      if (done) return controller.close();
      if (event.type === 'text-delta') answer += event.text;
      controller.enqueue(event.type === 'finish' ? withResult(event) : event);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The thinking, the answer and the last event of one analysis, gathered from its events. */
export interface CollectedAnalysis {
  reasoning: string;
  text: string;
  finish?: Extract<AnalysisEvent, { type: 'finish' }>;
  error?: Extract<AnalysisEvent, { type: 'error' }>;
}

/** Gathers model events into one document. */
export async function collectAnalysis(events: ReadableStream<ModelStreamEvent>): Promise<CollectedAnalysis> {
  const document: CollectedAnalysis = { reasoning: '', text: '' };
  const reader = events.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    const event = next.value;
    if (event.type === 'reasoning-delta') document.reasoning += event.text;
    else if (event.type === 'text-delta') document.text += event.text;
    else if (event.type === 'finish') document.finish = event;
    else if (event.type === 'error') document.error = event;
  }
  return document;
}
