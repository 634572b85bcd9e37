import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, runSeer } from './test-support';

let mock: MockUpstream;
let folder: string;
let env: Record<string, string>;

beforeAll(async () => {
  mock = await startMockUpstream();
  folder = await makeFolder();
  env = { DASHSCOPE_API_KEY: 'test', DASHSCOPE_BASE_URL: mock.url };
});
afterAll(async () => {
  await mock.close();
});

describe('seer eval', () => {
  it('runs a generated pattern set at each budget, writes the three outputs, and resumes without asking twice', async () => {
    const generated = await runSeer(['eval', 'generate-patterns', '--count', '4', '--out', 'patterns'], {
      cwd: folder,
      env,
    });
    expect(generated.code).toBe(0);
    const items = (await readFile(join(folder, 'patterns', 'patterns.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; answer: string; image: string });
    expect(items).toHaveLength(4);

    // Budgets run in ascending order and items in file order (one at a time): at 1,024 tokens the
    // model is scripted to miss the first three, at 4,096 to get them all.
    const answer = (text: string) => ({
      kind: 'stream' as const,
      dialect: 'reasoning_content' as const,
      reasoning: 'Rows add up.',
      answer: text,
    });
    mock.script(
      ...items.map((item, index) => answer(index === 3 ? `The answer is ${item.answer}.` : '\\boxed{0}')),
      ...items.map((item) => answer(`Rule: the sum.\n\\boxed{${item.answer}}`)),
    );
    const args = [
      'eval',
      '--dataset',
      'patterns/patterns.jsonl',
      '--budgets',
      '4096,1024',
      '--model',
      'qvq-max',
      '--concurrency',
      '1',
      '--out',
      'run',
    ];
    const first = await runSeer(args, { cwd: folder, env });
    expect(first.stderr).not.toMatch(/seer:/);
    expect(first.code).toBe(0);
    expect(mock.requests).toHaveLength(8);

    const results = (await readFile(join(folder, 'run', 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results).toHaveLength(8);
    expect(results[0]).toMatchObject({
      id: items[0]!.id,
      budget: 1024,
      answer: items[0]!.answer,
      extracted: '0',
      correct: false,
    });
    expect(results[7]).toMatchObject({
      budget: 4096,
      extracted: items[3]!.answer,
      correct: true,
      finishReason: 'stop',
    });
    for (const result of results)
      expect(result).toEqual(
        expect.objectContaining({ reasoningTokens: expect.any(Number), latencyMs: expect.any(Number) }),
      );

    const summary = JSON.parse(await readFile(join(folder, 'run', 'summary.json'), 'utf8'));
    expect(
      summary.budgets.map((row: { budget: number; n: number; correct: number; accuracy: number }) => [
        row.budget,
        row.n,
        row.correct,
        row.accuracy,
      ]),
    ).toEqual([
      [1024, 4, 1, 0.25],
      [4096, 4, 4, 1],
    ]);
    expect(summary.budgets[0].bySubject['number pattern']).toEqual({ n: 4, correct: 1, accuracy: 0.25 });
    const chart = await readFile(join(folder, 'run', 'accuracy-vs-budget.svg'), 'utf8');
    expect(chart).toContain('<polyline');
    expect(chart).toContain('4,096');
    expect(first.stdout).toMatch(/1,024\s+4\s+1\s+25\.0%/);

    const again = await runSeer(args, { cwd: folder, env });
    expect(again.code).toBe(0);
    expect(mock.requests).toHaveLength(8);
    expect(JSON.parse(await readFile(join(folder, 'run', 'summary.json'), 'utf8'))).toEqual(summary);
  });

  it('refuses a run without a data set, with one line', async () => {
    const run = await runSeer(['eval', '--budgets', '1024'], { cwd: folder, env });
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toMatch(/^seer: .*--dataset/);
  });
});
