import type { TemplateDescription } from '@seer/core';
import { useCallback, useEffect, useRef } from 'react';
import type { ModelSummary } from '../api/seer-api';
import type { HistoryRun } from '../lib/history';
import { noteOfSavedRun, type RunRequestNote, toHistoryRun } from '../lib/history-record';
import { makeThumbnail } from '../lib/history-thumbnail';
import type { Locale } from '../lib/i18n';
import type { MediaItem } from '../lib/media-item';
import type { Analysis } from './use-analysis';

/** What a run asks, as Analyze is pressed. */
export interface AskedRun {
  template: TemplateDescription;
  model: ModelSummary;
  locale: Locale;
  /** As typed; kept trimmed, and not at all when empty. */
  question: string;
  items: readonly MediaItem[];
}

/** What `useHistorySaving` gives a component. */
export interface HistorySaving {
  /** Notes what the run about to start asks, to be saved with it when it ends. */
  noteRun: (asked: AskedRun) => void;
  /** Notes that the last run is asked again, now ("Think longer"). */
  noteRunAgain: () => void;
  /** Notes that the run about to be read is this saved one, found again after a reload. */
  noteResumed: (run: HistoryRun) => void;
}

/** The note of a run: what it asks, and its media with previews made small for the history. */
async function noteOf({ template, model, locale, question, items }: AskedRun): Promise<RunRequestNote> {
  const createdAt = Date.now();
  const media = await Promise.all(
    items.map(async (item) => ({
      name: item.name,
      kind: item.kind,
      bytes: item.file.size,
      ...(item.source ? { width: item.source.width, height: item.source.height } : {}),
      ...(item.video ? { durationSeconds: item.video.durationSeconds } : {}),
      thumbnail: await makeThumbnail(item.previewURL ?? item.video?.urls[0]),
    })),
  );
  const trimmed = question.trim();
  return {
    createdAt,
    template: { id: template.id, title: { ...template.title } },
    model: { id: model.id, label: model.label },
    locale,
    uiLocale: locale,
    ...(trimmed ? { question: trimmed } : {}),
    media,
  };
}

/**
 * Saves every run of `analysis` with `save`, together with what it asked, noted when it started: as
 * running once the server gave its id (so that a reload finds it again), then again when it ends
 * (finished, stopped or failed), under the same id.
 */
export function useHistorySaving(
  analysis: Analysis,
  save: (run: HistoryRun) => Promise<void>,
): HistorySaving {
  const noteRef = useRef<Promise<RunRequestNote>>(undefined);
  const { state, thinking, answer } = analysis;
  const previousStatusRef = useRef(state.status);
  // The id of the run last saved as running: saved once, not at each phase of the run.
  const savedRunningRef = useRef<string>(undefined);

  useEffect(() => {
    const wasRunning = previousStatusRef.current === 'running';
    previousStatusRef.current = state.status;
    const note = noteRef.current;
    if (!note) return;
    if (state.status === 'running') {
      const id = state.start?.id;
      if (id === undefined || savedRunningRef.current === id) return;
      savedRunningRef.current = id;
    } else if (!wasRunning) return;
    const reasoning = thinking.value;
    const answered = answer.value;
    void note.then((resolved) => {
      const run = toHistoryRun(
        resolved,
        state,
        reasoning,
        answered,
        resolved.runId ?? `local-${resolved.createdAt}`,
      );
      if (run) return save(run);
    });
  }, [state, thinking, answer, save]);

  const noteRun = useCallback((asked: AskedRun) => {
    noteRef.current = noteOf(asked);
  }, []);

  const noteRunAgain = useCallback(() => {
    const note = noteRef.current;
    if (note) noteRef.current = note.then((resolved) => ({ ...resolved, createdAt: Date.now() }));
  }, []);

  const noteResumed = useCallback((run: HistoryRun) => {
    noteRef.current = Promise.resolve(noteOfSavedRun(run));
    savedRunningRef.current = run.id;
  }, []);

  return { noteRun, noteRunAgain, noteResumed };
}
