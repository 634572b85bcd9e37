import { describe, expect, it } from 'vitest';
import { accuracyByBudgetChart } from './accuracy-charts';
import { clusteredInterval, wilsonInterval } from './confidence-intervals';
import type { EvalRecord } from './record';
import { type EvalSummary, summarizeEval } from './summarize-eval';
import { record, sweep } from './test-records';

describe('summarizeEval', () => {
  const records: EvalRecord[] = [
    record({ id: 'a', budget: 1024, correct: true, subject: 'algebra', level: 2, costUSD: 0.01 }),
    record({ id: 'b', budget: 1024, correct: false, subject: 'algebra', level: 10, costUSD: 0.02 }),
    record({
      id: 'c',
      budget: 1024,
      status: 'unparsed',
      extracted: null,
      subject: 'metric geometry',
      level: 2,
    }),
    record({
      id: 'd',
      budget: 1024,
      status: 'unanswered',
      extracted: null,
      subject: 'combinatorics',
      level: 1,
    }),
    record({
      id: 'e',
      budget: 1024,
      status: 'error',
      extracted: null,
      latencyMs: 60_000,
      usage: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, isEstimated: false },
      error: { code: 'timeout', message: 'timed out' },
    }),
    record({
      id: 'a',
      budget: 128,
      correct: false,
      usage: { ...record({ id: 'a', budget: 0 }).usage, isEstimated: true },
    }),
  ];
  const summary = summarizeEval(records);
  const at1024 = summary.budgets.find((budget) => budget.budget === 1024)!;

  it('leaves errors out of n and counts unparsed and unanswered as wrong, each apart', () => {
    expect(at1024).toMatchObject({ n: 4, correct: 1, accuracy: 0.25, errors: 1, unparsed: 1, unanswered: 1 });
    expect(at1024.ci95).toEqual(wilsonInterval(1, 4));
    expect(at1024.sent).toEqual({ how: 'thinking_budget', value: 1024 });
  });

  it('measures thinking and latency over the answers, but cost and tokens over every request', () => {
    expect(at1024.latencyMs).toEqual({ mean: 1000, median: 1000 });
    expect(at1024.thinkingTokens).toEqual({ mean: 200, median: 200 });
    expect(at1024.inputTokens).toBe(4000);
    expect(at1024.costUSD).toBeCloseTo(0.03, 10);
    expect(at1024.isEstimated).toBe(false);
    const at128 = summary.budgets.find((budget) => budget.budget === 128)!;
    expect(at128.costUSD).toBeUndefined();
    expect('costUSD' in at128).toBe(false);
    expect(at128.isEstimated).toBe(true);
  });

  it('breaks accuracy down by subject, level and both, keys sorted (level 10 after level 2)', () => {
    expect(Object.keys(at1024.bySubject)).toEqual(['algebra', 'combinatorics', 'metric geometry']);
    expect(Object.keys(at1024.byLevel)).toEqual(['1', '2', '10']);
    expect(Object.keys(at1024.bySubjectLevel)).toEqual([
      'algebra · level 2',
      'algebra · level 10',
      'combinatorics · level 1',
      'metric geometry · level 2',
    ]);
    expect(at1024.byLevel['2']).toEqual({ n: 2, correct: 1, accuracy: 0.5, ci95: wilsonInterval(1, 2) });
    expect(at1024.bySubject.algebra).toMatchObject({ n: 2, correct: 1 });
  });

  it('orders token budgets ascending and effort levels from minimal to high, or as asked', () => {
    expect(summary.budgets.map((budget) => budget.budget)).toEqual([128, 1024]);
    const efforts = summarizeEval(
      ['high', 'minimal', 'medium', 'low'].flatMap((level) => sweep(level, 1, 2)),
    );
    expect(efforts.budgets.map((budget) => budget.budget)).toEqual(['minimal', 'low', 'medium', 'high']);
    expect(efforts.budgets[0]!.sent).toEqual({ how: 'reasoning_effort', value: 'minimal' });
    const asked = summarizeEval([...sweep(4096, 1, 2), ...sweep(128, 1, 2), ...sweep(1024, 1, 2)], {
      budgetsInOrder: [1024, 9999, 128],
    });
    expect(asked.budgets.map((budget) => budget.budget)).toEqual([1024, 128, 4096]);
  });

  it('with repeats, averages per-item means and clusters the interval by item', () => {
    const outcomes: Record<string, (boolean | 'error')[]> = {
      a: [true, true, true],
      b: [true, true, false],
      c: [true, false, false],
      d: [true, false, 'error'],
    };
    const repeated = Object.entries(outcomes).flatMap(([id, results]) =>
      results.map((result, repeat) =>
        record({
          id,
          repeat,
          budget: 512,
          correct: result === true,
          status: result === 'error' ? 'error' : 'scored',
          subject: id === 'a' ? 'logic' : 'algebra',
        }),
      ),
    );
    const [budget] = summarizeEval(repeated).budgets;
    const itemMeans = [1, 2 / 3, 1 / 3, 1 / 2];
    expect(budget).toMatchObject({ repeats: 3, itemsN: 4, n: 11, correct: 7, errors: 1 });
    // The mean of item means, not 7/11: item d's two answers weigh as much as the others' three.
    expect(budget!.accuracy).toBeCloseTo(0.625, 10);
    expect(budget!.ci95).toEqual(clusteredInterval(itemMeans));
    expect(budget!.bySubject.algebra).toMatchObject({
      n: 8,
      itemsN: 3,
      ci95: clusteredInterval(itemMeans.slice(1)),
    });
    expect(budget!.bySubject.logic!.accuracy).toBe(1);
    const chart = accuracyByBudgetChart([{ label: 'run', summary: summarizeEval(repeated) }], {
      title: 'repeats',
    });
    expect(chart).toContain('>n = 4 × 3</text>');
    expect(chart).toContain('intervals clustered by item (3 repeats per item');
  });
});

describe('EvalSummary', () => {
  it('leaves room for the run metadata the caller adds', () => {
    const summary: EvalSummary = { run: { model: 'gemini-2.5-flash' }, ...summarizeEval(sweep(128, 1, 2)) };
    expect(summary.run).toEqual({ model: 'gemini-2.5-flash' });
  });
});
