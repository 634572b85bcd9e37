import { describe, expect, it } from 'vitest';
import type { BudgetSent, EvalRecord } from './record';
import {
  accuracyByBudgetChart,
  accuracyByThinkingChart,
  clusteredInterval,
  type EvalSummary,
  summarizeEval,
  summaryToCSV,
  summaryToMarkdown,
  wilsonInterval,
} from './summary';

function record(fields: Partial<EvalRecord> & Pick<EvalRecord, 'id' | 'budget'>): EvalRecord {
  const sent: BudgetSent =
    typeof fields.budget === 'number'
      ? { how: 'thinking_budget', value: fields.budget }
      : { how: 'reasoning_effort', value: fields.budget };
  return {
    repeat: 0,
    sent,
    status: 'scored',
    answer: 'A',
    extracted: 'A',
    correct: false,
    text: 'The answer is A.',
    usage: { inputTokens: 1000, outputTokens: 300, reasoningTokens: 200, isEstimated: false },
    finishReason: 'stop',
    latencyMs: 1000,
    ...fields,
  };
}

/** `correct` right answers out of `total` items at one budget, every item scored. */
function sweep(budget: number | string, correct: number, total: number, thinking = 200): EvalRecord[] {
  return Array.from({ length: total }, (_, index) =>
    record({
      id: `item-${index}`,
      budget,
      correct: index < correct,
      usage: {
        inputTokens: 1000,
        outputTokens: thinking + 100,
        reasoningTokens: thinking,
        isEstimated: false,
      },
    }),
  );
}

describe('wilsonInterval', () => {
  it('matches hand-computed 95 % Wilson intervals', () => {
    const [low13, high13] = wilsonInterval(13, 30);
    expect(low13).toBeCloseTo(0.2738, 3);
    expect(high13).toBeCloseTo(0.608, 3);
    const [low20, high20] = wilsonInterval(20, 30);
    expect(low20).toBeCloseTo(0.4877, 3);
    expect(high20).toBeCloseTo(0.8077, 3);
  });

  it('shows that 13/30 and 20/30 overlap: thirty items cannot tell 43 % from 67 % apart', () => {
    expect(wilsonInterval(13, 30)[1]).toBeGreaterThan(wilsonInterval(20, 30)[0]);
  });

  it('keeps a real width at 0 % and 100 % and stays inside [0, 1]', () => {
    // At 0 successes the upper end is z² / (n + z²).
    const [low, high] = wilsonInterval(0, 10);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(1.959964 ** 2 / (10 + 1.959964 ** 2), 6);
    const [allLow, allHigh] = wilsonInterval(10, 10);
    expect(allLow).toBeCloseTo(1 - high, 6);
    expect(allHigh).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('clusteredInterval', () => {
  it('is the mean of item means ± 1.96 standard errors of that mean', () => {
    // Mean 0.5; sample variance 0.6111/5 = 0.1222; SE = √(0.1222/6) = 0.1427.
    const [low, high] = clusteredInterval([1, 2 / 3, 1 / 3, 0, 2 / 3, 1 / 3]);
    expect(low).toBeCloseTo(0.2203, 3);
    expect(high).toBeCloseTo(0.7797, 3);
  });

  it('clamps to [0, 1], and gives [0, 1] when one item leaves no variance to measure', () => {
    expect(clusteredInterval([1, 0.5, 0, 1])[1]).toBe(1);
    expect(clusteredInterval([1])).toEqual([0, 1]);
    expect(clusteredInterval([])).toEqual([0, 1]);
  });
});

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

const twoRuns = () => [
  {
    label: 'gemini-2.5-flash',
    summary: summarizeEval([
      ...sweep(128, 13, 30, 110),
      ...sweep(1024, 17, 30, 700),
      ...sweep(8192, 20, 30, 3100),
    ]),
  },
  {
    label: 'claude <sonnet> & co',
    summary: summarizeEval([
      ...sweep(128, 10, 30, 128),
      ...sweep(1024, 15, 30, 1000),
      ...sweep(8192, 22, 30, 5200),
    ]),
  },
];

describe('summaryToCSV', () => {
  it('writes one RFC 4180 row per budget, quoting commas and quotes, with CRLF line ends', () => {
    const summary = summarizeEval([...sweep(1024, 13, 30), ...sweep(128, 10, 30)]);
    const csv = summaryToCSV(summary, 'gemini, "flash"');
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]!.split(',').slice(0, 9)).toEqual([
      'label',
      'budget',
      'how',
      'sent',
      'n',
      'correct',
      'accuracy',
      'ci95_low',
      'ci95_high',
    ]);
    expect(lines[0]).toContain('thinking_mean,thinking_median,latency_ms_mean,latency_ms_median');
    expect(lines[0]).toContain('input_tokens,output_tokens,cost_usd');
    expect(lines[1]).toMatch(/^"gemini, ""flash""",128,thinking_budget,128,30,10,0\.3333,/);
    expect(lines[2]).toMatch(
      /^"gemini, ""flash""",1024,thinking_budget,1024,30,13,0\.4333,0\.2738,0\.608,0,0,0,/,
    );
    expect(summaryToCSV(summary).split('\r\n')[1]).toMatch(/^,128,/);
  });
});

describe('summaryToMarkdown', () => {
  it('has a table per budget, then accuracy by subject and by level with budgets as columns', () => {
    const records = [...sweep(128, 10, 30), ...sweep(1024, 13, 30)].map((item, index) => ({
      ...item,
      subject: index % 2 === 0 ? 'algebra' : 'graph | theory',
      level: (index % 3) + 1,
    }));
    const markdown = summaryToMarkdown(summarizeEval(records), { title: 'MathVision · gemini-2.5-flash' });
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# MathVision · gemini-2.5-flash');
    const budgetHeader = lines.findIndex((line) => line.startsWith('| budget |'));
    expect(lines[budgetHeader + 1]).toMatch(/^\| --- (\| --- )+\|$/);
    expect(lines[budgetHeader + 2]).toMatch(/^\| 128 \| thinking_budget = 128 \| 30 \| 33\.3 % \[/);
    expect(lines[budgetHeader + 3]).toContain('| 43.3 % [27.4, 60.8] |');
    expect(markdown).toContain('## By subject');
    expect(markdown).toContain('| subject | 128 | 1,024 |');
    expect(markdown).toContain('| graph \\| theory |');
    expect(markdown).toContain('## By level');
    expect(markdown).toContain('| level 1 |');
    const rows = lines.filter((line) => line.startsWith('|'));
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBeGreaterThanOrEqual(4);
  });
});

describe('accuracyByBudgetChart', () => {
  const svg = accuracyByBudgetChart(twoRuns(), {
    title: 'MathVision (testmini) · A & B',
    subtitle: 'accuracy',
  });

  it('draws interval bars on every point, both axis titles, the escaped title and a legend', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/class="interval"/g)).toHaveLength(6);
    expect(svg).toContain('>thinking budget (tokens)</text>');
    expect(svg).toContain('>accuracy (%)</text>');
    expect(svg).toContain('MathVision (testmini) · A &amp; B');
    expect(svg.match(/class="legend-entry"/g)).toHaveLength(2);
    expect(svg).toContain('>claude &lt;sonnet&gt; &amp; co</text>');
    expect(svg).toContain('>1,024</text>');
    expect(svg).toContain('n = 30 per point');
    expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  });

  it('is deterministic, and labels n beside each point of a single run', () => {
    expect(
      accuracyByBudgetChart(twoRuns(), { title: 'MathVision (testmini) · A & B', subtitle: 'accuracy' }),
    ).toBe(svg);
    const single = accuracyByBudgetChart([twoRuns()[0]!], { title: 'one' });
    expect(single).not.toContain('class="legend"');
    expect(single.match(/>n = 30<\/text>/g)).toHaveLength(3);
  });

  it('spaces effort levels evenly, least effort first', () => {
    const summary = summarizeEval(['high', 'low', 'medium'].flatMap((level) => sweep(level, 1, 4)));
    const chart = accuracyByBudgetChart([{ label: 'o4-mini', summary }], { title: 'efforts' });
    const labels = [...chart.matchAll(/>(low|medium|high)<\/text>/g)].map((match) => match[1]);
    expect(labels).toEqual(['low', 'medium', 'high']);
    expect(chart).toContain('>reasoning effort</text>');
  });
});

describe('accuracyByThinkingChart', () => {
  it('puts accuracy against the thinking tokens used, each point labelled with its budget', () => {
    const svg = accuracyByThinkingChart(twoRuns(), { title: 'MathVision · thinking used' });
    expect(svg).toContain('>thinking tokens used (mean per item)</text>');
    expect(svg.match(/class="interval"/g)).toHaveLength(6);
    const pointLabels = [...svg.matchAll(/class="point-label"[^>]*>([^<]*)</g)].map((match) => match[1]);
    expect(pointLabels).toEqual(['128', '1,024', '8,192', '128', '1,024', '8,192']);
    expect(svg.match(/class="legend-entry"/g)).toHaveLength(2);
  });
});

describe('EvalSummary', () => {
  it('leaves room for the run metadata the caller adds', () => {
    const summary: EvalSummary = { run: { model: 'gemini-2.5-flash' }, ...summarizeEval(sweep(128, 1, 2)) };
    expect(summary.run).toEqual({ model: 'gemini-2.5-flash' });
  });
});
