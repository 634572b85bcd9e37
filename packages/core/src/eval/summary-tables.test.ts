import { describe, expect, it } from 'vitest';
import { summarizeEval } from './summarize-eval';
import { summaryToCSV, summaryToMarkdown } from './summary-tables';
import { sweep } from './test-records';

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
