import type { PreparedMediaInfo } from '@seer/core';
import type { RunState } from '../hooks/use-analysis';
import type { HistoryMedia, HistoryRun } from './history';

/** What was asked for a run, noted when Analyze is pressed. */
export interface RunRequestNote {
  createdAt: number;
  template: HistoryRun['template'];
  model: HistoryRun['model'];
  locale: HistoryRun['locale'];
  uiLocale: HistoryRun['uiLocale'];
  question?: string;
  /** The added media, in request order, with their previews (made small by the caller). */
  media: HistoryMedia[];
  /**
   * The run's id when it is known before its events are (a run found again after a reload), so that
   * it is saved under that id even when none of its events could be read.
   */
  runId?: string;
}

/** What a saved run asked, as it was noted when it started: to save it again as it goes on. */
export function noteOfSavedRun(run: HistoryRun): RunRequestNote {
  return {
    createdAt: run.createdAt,
    template: run.template,
    model: run.model,
    locale: run.locale,
    uiLocale: run.uiLocale,
    ...(run.question === undefined ? {} : { question: run.question }),
    media: run.media,
    runId: run.id,
  };
}

/** The media facts with what the server reported sending for each (`media` events, by index). */
function withPrepared(media: HistoryMedia[], prepared: RunState['media']): HistoryMedia[] {
  return media.map((item, index) => {
    const report: PreparedMediaInfo | undefined = prepared[index];
    if (!report) return item;
    return {
      ...item,
      sentWidth: report.width,
      sentHeight: report.height,
      sentBytes: report.bytes,
      tokens: report.tokens,
      ...(report.originalWidth && report.originalHeight
        ? { markedWidth: report.originalWidth, markedHeight: report.originalHeight }
        : {}),
      ...(report.durationSeconds === undefined ? {} : { durationSeconds: report.durationSeconds }),
    };
  });
}

/**
 * A run as history keeps it: running once the server gave its id, then finished, stopped or failed;
 * undefined before it has an id, or when it never got anywhere (stopped before the server started it).
 */
export function toHistoryRun(
  note: RunRequestNote,
  state: RunState,
  reasoning: string,
  answer: string,
  fallbackId: string,
): HistoryRun | undefined {
  const { status } = state;
  if (status === 'idle' || status === 'interrupted') return undefined;
  if (status === 'running' ? !state.start : !state.start && !state.error) return undefined;
  const { finish } = state;
  return {
    version: 1,
    id: state.start?.id ?? fallbackId,
    createdAt: note.createdAt,
    template: note.template,
    model: note.model,
    locale: note.locale,
    ...(note.uiLocale ? { uiLocale: note.uiLocale } : {}),
    ...(note.question ? { question: note.question } : {}),
    media: withPrepared(note.media, state.media),
    status,
    reasoning,
    answer,
    ...(state.reasoningEnd
      ? {
          reasoningEnd: {
            durationMs: state.reasoningEnd.durationMs,
            ...(state.reasoningEnd.tokens === undefined ? {} : { tokens: state.reasoningEnd.tokens }),
          },
        }
      : {}),
    ...(finish
      ? {
          finishReason: finish.finishReason,
          usage: finish.usage,
          timing: finish.timing,
          ...(finish.result ? { result: finish.result } : {}),
        }
      : {}),
    ...(state.error ? { error: state.error } : {}),
  };
}

/**
 * The run state a saved run shows in the Thinking and Answer regions. One saved as running that is
 * opened from the list is not running here: this page is not reading it.
 */
export function toRunState(run: HistoryRun): RunState {
  return {
    status: run.status === 'running' ? 'interrupted' : run.status,
    start: { type: 'start', id: run.id, model: run.model.id, template: run.template.id, locale: run.locale },
    media: {},
    reasoning: run.reasoning ? 'done' : 'none',
    ...(run.reasoningEnd ? { reasoningEnd: { type: 'reasoning-end', ...run.reasoningEnd } } : {}),
    answer: run.answer ? 'done' : 'none',
    ...(run.usage && run.timing && run.finishReason
      ? {
          finish: {
            type: 'finish',
            finishReason: run.finishReason,
            usage: run.usage,
            timing: run.timing,
            ...(run.result ? { result: run.result } : {}),
          },
        }
      : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}
