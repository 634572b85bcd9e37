import type { HistoryRun } from './history';

/** A saved run for tests: a finished math-pattern run with one image. */
export function sampleRun(overrides: Partial<HistoryRun> = {}): HistoryRun {
  return {
    version: 1,
    id: 'run-1',
    createdAt: Date.UTC(2025, 2, 4, 14, 5),
    template: { id: 'math-pattern', title: { en: 'Math patterns', zh: '数字规律' } },
    model: { id: 'demo', label: 'Demo model' },
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
        sentWidth: 56,
        sentHeight: 56,
        sentBytes: 900,
        tokens: 4,
        thumbnail: 'data:image/jpeg;base64,AAAA',
      },
    ],
    status: 'finished',
    reasoning: 'First, 3 + 7 = 10.\n\n# Not a heading of the export',
    answer: 'The missing number is **10**.',
    reasoningEnd: { durationMs: 12_345, tokens: 3412 },
    finishReason: 'stop',
    usage: { inputTokens: 1200, outputTokens: 3500, reasoningTokens: 3412 },
    timing: { reasoningMs: 12_345, totalMs: 15_000 },
    result: { answer: 10 },
    ...overrides,
  };
}
