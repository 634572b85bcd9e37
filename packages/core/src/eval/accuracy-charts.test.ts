import { describe, expect, it } from 'vitest';
import { accuracyByBudgetChart, accuracyByThinkingChart } from './accuracy-charts';
import { summarizeEval } from './summarize-eval';
import { sweep } from './test-records';

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
