import { describe, expect, test } from 'vitest';
import type { RunState } from '../hooks/use-analysis';
import {
  formatRunTime,
  parseHistoryRun,
  readHistoryRuns,
  runsBeyondLimit,
  serializeHistoryRun,
} from './history';
import { sampleRun } from './history-fixtures';
import { noteOfSavedRun, type RunRequestNote, toHistoryRun, toRunState } from './history-record';
import { fitWithin } from './history-thumbnail';

describe('saved runs', () => {
  test('survive serialization unchanged', () => {
    const run = sampleRun();
    const stored = serializeHistoryRun(run);
    expect(structuredClone(stored)).toEqual(run);
    expect(parseHistoryRun(structuredClone(stored))).toEqual(run);
  });

  test('drop undefined fields when serialized', () => {
    const stored = serializeHistoryRun(sampleRun({ question: undefined }));
    expect('question' in stored).toBe(false);
  });

  test('refuse what is not a run', () => {
    expect(parseHistoryRun(undefined)).toBeUndefined();
    expect(parseHistoryRun({ ...sampleRun(), version: 2 })).toBeUndefined();
    expect(parseHistoryRun({ ...sampleRun(), status: 'paused' })).toBeUndefined();
    // Only small previews as data URLs, never a link to elsewhere.
    const media = [{ ...sampleRun().media[0], thumbnail: 'https://example.com/a.jpg' }];
    expect(parseHistoryRun({ ...sampleRun(), media })).toBeUndefined();
    expect(() => serializeHistoryRun({ ...sampleRun(), id: '' })).toThrow();
  });

  test('are read newest first, leaving out anything else', () => {
    const older = sampleRun({ id: 'a', createdAt: 1 });
    const newer = sampleRun({ id: 'b', createdAt: 2 });
    expect(readHistoryRuns([older, { junk: true }, newer]).map((run) => run.id)).toEqual(['b', 'a']);
  });

  test('beyond the limit, the oldest go', () => {
    const runs = [1, 2, 3, 4].map((createdAt) => sampleRun({ id: `r${createdAt}`, createdAt }));
    expect(runsBeyondLimit(runs, 2)).toEqual(['r2', 'r1']);
    expect(runsBeyondLimit(runs, 10)).toEqual([]);
  });

  test('show their time as year-month-day hour:minute', () => {
    expect(formatRunTime(Date.UTC(2025, 11, 31, 23, 59), 'UTC')).toBe('2025-12-31 23:59');
  });
});

describe('toHistoryRun and toRunState', () => {
  const run = sampleRun();
  const note: RunRequestNote = {
    createdAt: run.createdAt,
    template: run.template,
    model: run.model,
    locale: 'en',
    uiLocale: 'en',
    question: 'What comes next?',
    media: [
      {
        name: 'puzzle.png',
        kind: 'image',
        bytes: 1234,
        width: 64,
        height: 48,
        thumbnail: 'data:image/jpeg;base64,AAAA',
      },
    ],
  };
  const finished: RunState = {
    status: 'finished',
    start: { type: 'start', id: 'run-1', model: 'demo', template: 'math-pattern', locale: 'en' },
    media: { 0: { index: 0, type: 'image', width: 56, height: 56, bytes: 900, tokens: 4 } },
    reasoning: 'done',
    reasoningEnd: { type: 'reasoning-end', durationMs: 12_345, tokens: 3412 },
    answer: 'done',
    finish: {
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 1200, outputTokens: 3500, reasoningTokens: 3412 },
      timing: { reasoningMs: 12_345, totalMs: 15_000 },
      result: { answer: 10 },
    },
  };

  test('a finished run keeps what was asked and everything that came back', () => {
    expect(toHistoryRun(note, finished, run.reasoning, run.answer, 'local')).toEqual(run);
  });

  test('a run still going is saved as running once it has its id, so that a reload finds it', () => {
    const running: RunState = {
      status: 'running',
      media: {},
      reasoning: 'streaming',
      answer: 'none',
    };
    expect(toHistoryRun(note, running, '', '', 'local')).toBeUndefined();
    expect(toHistoryRun(note, { ...running, start: finished.start! }, 'Three', '', 'local')).toMatchObject({
      id: 'run-1',
      status: 'running',
      reasoning: 'Three',
      answer: '',
    });
  });

  test('a run stopped before it started is not saved', () => {
    expect(
      toHistoryRun(
        note,
        { status: 'stopped', media: {}, reasoning: 'none', answer: 'none' },
        '',
        '',
        'local',
      ),
    ).toBeUndefined();
  });

  test('a run refused before it started is saved with its error under a local id', () => {
    const error = { code: 'invalid_request', message: 'No.', isRetryable: false };
    const saved = toHistoryRun(
      note,
      { status: 'failed', media: {}, reasoning: 'none', answer: 'none', error },
      '',
      '',
      'local-1',
    );
    expect(saved).toMatchObject({ id: 'local-1', status: 'failed', error });
    expect(parseHistoryRun(saved)).toEqual(saved);
  });

  test('a run found again after a reload is saved under its own id, even when none of its events came', () => {
    const saved = sampleRun({ id: 'an_1', status: 'running', reasoning: '', answer: '' });
    const note = noteOfSavedRun(saved);
    const error = { code: 'network_error', message: 'Offline.', isRetryable: true };
    const failed = toHistoryRun(
      note,
      { status: 'failed', media: {}, reasoning: 'none', answer: 'none', error },
      '',
      '',
      note.runId ?? 'local',
    );
    expect(failed).toMatchObject({ id: 'an_1', status: 'failed', createdAt: saved.createdAt, error });
    expect(failed?.question).toBe(saved.question);
  });

  test('a reopened run shows as it ended', () => {
    expect(toRunState(run)).toEqual({ ...finished, media: {} });
  });

  test('a run saved as running that is reopened is not running on this page: it shows as interrupted', () => {
    expect(toRunState(sampleRun({ status: 'running' })).status).toBe('interrupted');
    expect(toRunState(sampleRun({ status: 'interrupted' })).status).toBe('interrupted');
  });
});

describe('fitWithin', () => {
  test('scales the longer side down to 160 px, never up', () => {
    expect(fitWithin(3024, 4032)).toEqual({ width: 120, height: 160 });
    expect(fitWithin(64, 48)).toEqual({ width: 64, height: 48 });
    expect(fitWithin(10_000, 10)).toEqual({ width: 160, height: 1 });
  });
});
