import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MockUpstream, type Scenario, startMockUpstream } from '@seer/mock-upstream';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeFolder, runSeer, startSeer } from '../test/test-support';

let mock: MockUpstream;
let folder: string;
let env: Record<string, string>;
let items: { id: string; answer: string; image: string }[];

/** A results.jsonl line, as far as these tests read it. */
interface Line {
  id: string;
  budget: number | string;
  repeat: number;
  sent: { how: string; value: number | string | null; cutAt?: number };
  status: string;
  answer: string;
  extracted: string | null;
  correct: boolean;
  text: string;
  reasoning?: string;
  usage: { inputTokens: number; outputTokens: number; reasoningTokens: number; isEstimated: boolean };
  finishReason: string;
  costUSD?: number;
  error?: { code: string; message: string };
}

const readLines = async (run: string): Promise<Line[]> =>
  (await readFile(join(folder, run, 'results.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
const readJSON = async (path: string) => JSON.parse(await readFile(join(folder, path), 'utf8'));

const answer = (text: string, reasoning = 'Rows add up.'): Scenario => ({
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning,
  answer: text,
});

beforeAll(async () => {
  mock = await startMockUpstream();
  folder = await makeFolder();
  env = {
    DASHSCOPE_API_KEY: 'test',
    DASHSCOPE_BASE_URL: mock.url,
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: mock.url,
  };
  const generated = await runSeer(['eval', 'generate-patterns', '--count', '4', '--out', 'patterns'], {
    cwd: folder,
    env,
  });
  expect(generated.code).toBe(0);
  items = (await readFile(join(folder, 'patterns', 'patterns.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await mock.close();
});

const evalArgs = (out: string, ...rest: string[]) => [
  'eval',
  '--dataset',
  'patterns/patterns.jsonl',
  '--concurrency',
  '1',
  '--out',
  out,
  ...rest,
];

describe('seer eval: a run, its report, resuming and re-scoring', () => {
  it('runs each budget, records how each reached the model, writes the report, resumes without asking twice, and rescore reproduces the summary', async () => {
    // Budgets run in ascending order and items in file order (one at a time): at 1,024 tokens the model
    // is scripted to miss three, at 4,096 to get them all, one written as "The correct option is" prose.
    mock.script(
      ...items.map((item, index) => answer(index === 3 ? `The answer is ${item.answer}.` : '\\boxed{0}')),
      ...items.map((item, index) =>
        answer(
          index === 0
            ? `So the missing number is ${item.answer}.\n\n\\boxed{${item.answer}}`
            : `\\boxed{${item.answer}}`,
        ),
      ),
    );
    const args = evalArgs('run', '--budgets', '4096,1024', '--model', 'qvq-max');
    const first = await runSeer(args, { cwd: folder, env });
    expect(first.stderr).not.toMatch(/seer:/);
    expect(first.code).toBe(0);
    expect(mock.requests).toHaveLength(8);
    // MathVision's standard prompt, after the picture.
    const content = (mock.requests[0]!.body as { messages: { content: { type: string; text?: string }[] }[] })
      .messages[0]!.content;
    expect(content[0]!.type).toBe('image_url');
    expect(content.at(-1)!.text).toMatch(
      /^Please solve the problem step by step and put your answer in one "\\boxed\{\}"\./,
    );

    const lines = await readLines('run');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatchObject({
      id: items[0]!.id,
      budget: 1024,
      sent: { how: 'forced', value: 1024 },
      status: 'scored',
      answer: items[0]!.answer,
      extracted: '0',
      correct: false,
      text: '\\boxed{0}',
      reasoning: 'Rows add up.',
      finishReason: 'stop',
    });
    expect(lines[7]).toMatchObject({ budget: 4096, extracted: items[3]!.answer, correct: true });
    for (const line of lines) {
      expect(line.usage.outputTokens).toBeGreaterThanOrEqual(line.usage.reasoningTokens);
      expect(line.usage.inputTokens).toBeGreaterThan(0);
      expect(line.costUSD).toBeGreaterThan(0);
    }

    const run = await readJSON('run/run.json');
    expect(run).toMatchObject({
      model: { id: 'qvq-max', provider: 'dashscope', family: 'qwen2.5-vl', upstreamModel: 'qvq-max' },
      dataset: { items: 4, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      template: { id: 'mathvision', version: expect.any(String) },
      locale: 'en',
      budgets: [
        { asked: 1024, how: 'forced', sent: 1024 },
        { asked: 4096, how: 'forced', sent: 4096 },
      ],
      repeats: 1,
      seerVersion: expect.any(String),
      startedAt: expect.any(String),
    });
    const summary = await readJSON('run/summary.json');
    expect(summary.run.model.id).toBe('qvq-max');
    const rows = summary.budgets.map((row: Record<string, unknown>) => [
      row.budget,
      row.n,
      row.correct,
      row.accuracy,
    ]);
    expect(rows).toEqual([
      [1024, 4, 1, 0.25],
      [4096, 4, 4, 1],
    ]);
    expect(summary.budgets[0].ci95[0]).toBeCloseTo(0.046, 2);
    expect(summary.budgets[0].ci95[1]).toBeCloseTo(0.699, 2);
    expect(summary.budgets[0]).toMatchObject({
      errors: 0,
      unparsed: 0,
      unanswered: 0,
      sent: { how: 'forced' },
    });
    expect(summary.budgets[0].bySubject['number pattern']).toMatchObject({ n: 4, correct: 1 });
    for (const name of ['summary.csv', 'summary.md', 'accuracy-vs-budget.svg', 'accuracy-vs-thinking.svg']) {
      expect(existsSync(join(folder, 'run', name))).toBe(true);
    }
    const png = await sharp(join(folder, 'run', 'accuracy-vs-budget.png')).metadata();
    expect(png.format).toBe('png');
    expect(await readFile(join(folder, 'run', 'summary.csv'), 'utf8')).toMatch(
      /qvq-max,1024,forced,1024,4,1,0\.25/,
    );
    expect(first.stdout).toMatch(/1,024\s+forced 1,024\s+4\s+1\s+25\.0%\s+4\.6%–69\.9%/);

    // Resume: nothing is asked again, and the summary is the same.
    const again = await runSeer(args, { cwd: folder, env });
    expect(again.code).toBe(0);
    expect(mock.requests).toHaveLength(8);
    expect((await readJSON('run/summary.json')).budgets).toEqual(summary.budgets);

    // Re-scoring from results.jsonl alone, with the report deleted, gives the same summary.
    for (const name of ['summary.json', 'summary.csv', 'accuracy-vs-budget.svg'])
      await rm(join(folder, 'run', name));
    const rescored = await runSeer(['eval', 'rescore', '--out', 'run'], { cwd: folder, env });
    expect(rescored.code).toBe(0);
    expect(rescored.stdout).toContain('0 answers changed');
    expect((await readJSON('run/summary.json')).budgets).toEqual(summary.budgets);
    expect(mock.requests).toHaveLength(8);
  });

  it('re-scores an edited line with the current scorer', async () => {
    mock.script(answer('\\boxed{0}'));
    await runSeer(evalArgs('edited', '--budgets', '1024', '--model', 'qvq-max', '--limit', '1'), {
      cwd: folder,
      env,
    });
    const [line] = await readLines('edited');
    expect(line!.correct).toBe(false);
    await writeFile(
      join(folder, 'edited', 'results.jsonl'),
      `${JSON.stringify({ ...line, text: `The answer is ${items[0]!.answer}.` })}\n`,
    );
    const rescored = await runSeer(['eval', 'rescore', '--out', 'edited'], { cwd: folder, env });
    expect(rescored.stdout).toContain('1 answer changed');
    expect((await readLines('edited'))[0]).toMatchObject({ correct: true, extracted: items[0]!.answer });
    expect((await readJSON('edited/summary.json')).budgets[0]).toMatchObject({ n: 1, correct: 1 });
  });

  it('refuses to resume a run folder with another model, and --fresh starts over', async () => {
    mock.setDefault(answer('\\boxed{1}'));
    const first = await runSeer(
      evalArgs('keyed', '--budgets', '1024', '--model', 'qvq-max', '--limit', '2'),
      {
        cwd: folder,
        env,
      },
    );
    expect(first.code).toBe(0);
    expect(mock.requests).toHaveLength(2);
    const other = await runSeer(
      evalArgs('keyed', '--budgets', '1024', '--model', 'qwen3-vl-plus', '--limit', '2'),
      { cwd: folder, env },
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(
      /^seer: .*keyed holds another run \(model: qvq-max there, qwen3-vl-plus now; budgets: 1024 \(forced 1024\) there, 1024 \(thinking_budget 1024\) now\)\. Use another --out, or --fresh/,
    );
    expect(mock.requests).toHaveLength(2);
    const demo = await runSeer(evalArgs('keyed', '--budgets', '1024', '--model', 'demo', '--allow-demo'), {
      cwd: folder,
      env,
    });
    expect(demo.code).toBe(1);
    expect(demo.stderr).toMatch(/holds another run/);
    expect((await readJSON('keyed/run.json')).model.id).toBe('qvq-max');

    const fresh = await runSeer(
      evalArgs('keyed', '--budgets', '1024', '--model', 'qwen3-vl-plus', '--limit', '2', '--fresh'),
      { cwd: folder, env },
    );
    expect(fresh.code).toBe(0);
    expect(mock.requests).toHaveLength(4);
    expect((await readJSON('keyed/run.json')).model.id).toBe('qwen3-vl-plus');
    expect(await readLines('keyed')).toHaveLength(2);
  });

  it('records failed requests as failures, scores none of them, exits 2, and a second run retries them', async () => {
    mock.setDefault({ kind: 'status', status: 400 });
    const args = evalArgs('failing', '--budgets', '1024', '--model', 'qvq-max');
    const failing = await runSeer(args, { cwd: folder, env });
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(
      /seer: 4 requests failed and were not scored .* Run the same command again to retry them\./,
    );
    const lines = await readLines('failing');
    expect(lines.map((line) => [line.status, line.correct, line.error?.code])).toEqual(
      Array(4).fill(['error', false, 'upstream_error']),
    );
    const summary = await readJSON('failing/summary.json');
    expect(summary.budgets[0]).toMatchObject({ n: 0, correct: 0, errors: 4 });

    mock.reset();
    mock.setDefault(answer('\\boxed{0}'));
    const retried = await runSeer(args, { cwd: folder, env });
    expect(retried.code).toBe(0);
    expect(mock.requests).toHaveLength(4);
    // The failures stay in the file as history; the retried answers come after them and count.
    expect((await readLines('failing')).map((line) => line.status)).toEqual([
      ...Array(4).fill('error'),
      ...Array(4).fill('scored'),
    ]);
    expect((await readJSON('failing/summary.json')).budgets[0]).toMatchObject({ n: 4, errors: 0 });
  });

  it('stops on Ctrl-C, says how far it got and how to go on, and the next run asks only the rest', async () => {
    mock.setDefault({ ...answer('\\boxed{1}'), delayMs: 200 } as Scenario);
    const { child, result } = startSeer(evalArgs('stopped', '--budgets', '1024', '--model', 'qvq-max'), {
      cwd: folder,
      env,
    });
    // A command's start (TypeScript compiled on the fly) is slow on a busy machine.
    await mock.waitForRequests(2, 45_000);
    child.kill('SIGINT');
    const { code, stderr } = await result;
    expect(code).toBe(130);
    expect(stderr).toMatch(
      /seer: stopped after \d of 4 answers\. Run the same command again to go on from there\./,
    );
    const recorded = existsSync(join(folder, 'stopped', 'results.jsonl'))
      ? (await readLines('stopped')).length
      : 0;
    expect(recorded).toBeLessThan(4);

    mock.reset();
    mock.setDefault(answer('\\boxed{1}'));
    const rest = await runSeer(evalArgs('stopped', '--budgets', '1024', '--model', 'qvq-max'), {
      cwd: folder,
      env,
    });
    expect(rest.code).toBe(0);
    expect(mock.requests).toHaveLength(4 - recorded);
  });
});

describe('seer eval: the budget sent is the budget plotted', () => {
  it('refuses a sweep whose budgets would be clamped, before any request', async () => {
    const run = await runSeer(evalArgs('clamped', '--budgets', '128,512,1024', '--model', 'qwen3-vl-plus'), {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'seer: 128, 512 would be sent as 1024, 1024: qwen3-vl-plus takes thinking_budget from 1,024 to 81,920 tokens.',
    );
    expect(mock.requests).toHaveLength(0);
    expect(existsSync(join(folder, 'clamped'))).toBe(false);
  });

  it('refuses token budgets that reach an effort-mapped model as one level, and sweeps its levels by name', async () => {
    const collapsing = await runSeer(
      evalArgs('effort', '--budgets', '1024,2048,4096', '--model', 'gpt-5-mini'),
      {
        cwd: folder,
        env,
      },
    );
    expect(collapsing.code).toBe(1);
    expect(collapsing.stderr).toMatch(/Budgets 1024, 2048 would all send the same reasoning_effort \(low\)/);
    expect(collapsing.stderr).toMatch(/--budgets minimal,low,medium,high/);
    expect(mock.requests).toHaveLength(0);

    mock.setDefault({ kind: 'stream', dialect: 'none', answer: '\\boxed{1}' });
    const levels = await runSeer(
      evalArgs('effort', '--budgets', 'high,minimal', '--model', 'gpt-5-mini', '--limit', '1'),
      {
        cwd: folder,
        env,
      },
    );
    expect(levels.code).toBe(0);
    // Effort levels run and are plotted in their own order, least thinking first.
    expect(
      mock.requests.map((request) => (request.body as { reasoning_effort?: string }).reasoning_effort),
    ).toEqual(['minimal', 'high']);
    expect((await readLines('effort')).map((line) => [line.budget, line.sent])).toEqual([
      ['minimal', { how: 'reasoning_effort', value: 'minimal' }],
      ['high', { how: 'reasoning_effort', value: 'high' }],
    ]);
    expect(
      (await readJSON('effort/summary.json')).budgets.map((row: { budget: string }) => row.budget),
    ).toEqual(['minimal', 'high']);
  });

  it('records a forced budget the model would not answer within as unanswered, counted apart, each token once', async () => {
    const long = 'I check each row and then each column, again. '.repeat(90);
    mock.script(
      { kind: 'stream', dialect: 'reasoning_content', reasoning: long, answer: 'never', delayMs: 1 },
      { kind: 'stream', dialect: 'reasoning_content', reasoning: long, answer: 'never either', delayMs: 1 },
    );
    const run = await runSeer(evalArgs('forced', '--budgets', '256', '--model', 'qvq-max', '--limit', '1'), {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(0);
    const [line] = await readLines('forced');
    expect(line).toMatchObject({ status: 'unanswered', correct: false, finishReason: 'budget', text: '' });
    expect(line!.sent).toMatchObject({ how: 'forced', value: 256 });
    expect(line!.usage.reasoningTokens).toBeLessThanOrEqual(256 + 64 + 4);
    expect(line!.usage.reasoningTokens).toBeGreaterThanOrEqual(256);
    expect(line!.usage.isEstimated).toBe(true);
    expect((await readJSON('forced/summary.json')).budgets[0]).toMatchObject({
      n: 1,
      correct: 0,
      unanswered: 1,
    });
  });

  it('asks each item k times with --repeats, seeds each repeat, and gives the per-item mean with a clustered interval', async () => {
    // Item 1 right in both repeats, item 2 in one of two: per-item means 1 and 0.5.
    mock.script(answer(`\\boxed{${items[0]!.answer}}`), answer('\\boxed{x}'));
    mock.script(answer(`\\boxed{${items[0]!.answer}}`), answer(`\\boxed{${items[1]!.answer}}`));
    const run = await runSeer(
      evalArgs(
        'repeats',
        '--budgets',
        '2048',
        '--model',
        'qwen3-vl-plus',
        '--limit',
        '2',
        '--repeats',
        '2',
      ).concat(['--temperature', '0.7', '--seed', '5']),
      { cwd: folder, env },
    );
    expect(run.code).toBe(0);
    expect(
      mock.requests.map((request) => {
        const body = request.body as { temperature?: number; seed?: number; thinking_budget?: number };
        return [body.temperature, body.seed, body.thinking_budget];
      }),
    ).toEqual([
      [0.7, 5, 2048],
      [0.7, 5, 2048],
      [0.7, 6, 2048],
      [0.7, 6, 2048],
    ]);
    const row = (await readJSON('repeats/summary.json')).budgets[0];
    expect(row).toMatchObject({ n: 4, correct: 3, repeats: 2, itemsN: 2, accuracy: 0.75 });
    expect(row.ci95[0]).toBeLessThan(0.75);
    expect(row.ci95[1]).toBeGreaterThan(0.75);
    expect(await readJSON('repeats/run.json')).toMatchObject({ repeats: 2, temperature: 0.7, seed: 5 });
  });

  it('refuses the demo model unless asked, since it never looks at the pictures', async () => {
    const run = await runSeer(evalArgs('demo', '--budgets', '1024'), { cwd: folder, env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^seer: The demo model never looks at the pictures.*--allow-demo/);
  });
});

describe('seer eval: data sets as they are published', () => {
  it("loads MathVision's own layout, images relative to the data set's root", async () => {
    const root = join(folder, 'math-v');
    await mkdir(join(root, 'data'), { recursive: true });
    await mkdir(join(root, 'images'), { recursive: true });
    await sharp({ create: { width: 320, height: 200, channels: 3, background: '#fff' } })
      .jpeg()
      .toFile(join(root, 'images', '4.jpg'));
    const line = {
      id: '4',
      question: 'How many different digits can you find in this picture?\n<image1>',
      options: ['1', '2', '3', '4', '5'],
      answer: 'C',
      solution: null,
      level: 1,
      subject: 'counting',
      image: 'images/4.jpg',
    };
    await writeFile(join(root, 'data', 'test.jsonl'), `${JSON.stringify(line)}\n`);
    mock.script(answer('The correct option is (C) 3.'));
    const run = await runSeer(
      [
        'eval',
        '--dataset',
        'math-v/data/test.jsonl',
        '--budgets',
        '1024',
        '--model',
        'qvq-max',
        '--out',
        'mv',
      ],
      { cwd: folder, env },
    );
    expect(run.stderr).not.toMatch(/seer:/);
    expect(run.code).toBe(0);
    const prompt = (
      mock.requests[0]!.body as { messages: { content: { text?: string }[] }[] }
    ).messages[0]!.content.at(-1)!.text;
    expect(prompt).toContain('only one letter is allowed in the "\\boxed{}"');
    expect(prompt).toContain(
      'How many different digits can you find in this picture?\nChoices:\nA. 1\nB. 2\nC. 3',
    );
    expect(prompt).not.toContain('<image1>');
    expect((await readLines('mv'))[0]).toMatchObject({ extracted: 'C', correct: true });
  });

  it('checks every line and image before the first request and names each problem with its file and line', async () => {
    const lines = [
      JSON.stringify({ id: 'a', question: 'q', options: [], answer: '1', image: 'images/pattern-1.png' }),
      '{not json',
      JSON.stringify({ id: 'a', question: 'q', options: [], answer: '1', image: 'images/pattern-1.png' }),
      JSON.stringify({ id: 'b', question: 'q', options: [], answer: '1', image: 'images/missing.png' }),
      JSON.stringify({ id: 'c', options: [], answer: '1', image: 'images/pattern-1.png' }),
      JSON.stringify({
        id: 'd',
        question: 'q',
        options: ['x', 'y'],
        answer: 'x',
        image: 'images/pattern-1.png',
      }),
    ];
    await writeFile(join(folder, 'patterns', 'bad.jsonl'), `${lines.join('\n')}\n`);
    const run = await runSeer(
      ['eval', '--dataset', 'patterns/bad.jsonl', '--budgets', '1024', '--model', 'qvq-max'],
      {
        cwd: folder,
        env,
      },
    );
    expect(run.code).toBe(1);
    const file = join(folder, 'patterns', 'bad.jsonl');
    expect(run.stderr).toContain('seer: The data set has 5 problems; nothing was sent.');
    expect(run.stderr).toContain(`${file}:2: not a JSON object`);
    expect(run.stderr).toContain(`${file}:3: id "a" repeats line 1`);
    expect(run.stderr).toContain(`${file}:4: image images/missing.png not found`);
    expect(run.stderr).toContain(`${file}:5: question missing or of the wrong kind`);
    expect(run.stderr).toContain(`${file}:6: a multiple-choice answer must be an option letter, not "x"`);
    expect(mock.requests).toHaveLength(0);
  });

  it('prints the requests, tokens and most cost of a run without a key and without sending anything', async () => {
    const run = await runSeer(
      [
        'eval',
        '--dataset',
        'patterns/patterns.jsonl',
        '--budgets',
        '1024,4096',
        '--model',
        'qvq-max',
        '--dry-run',
      ],
      { cwd: folder, env: {} },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/qvq-max on 4 items/);
    expect(run.stdout).toMatch(/1,024\s+forced 1,024\s+8\s+[\d,]+\s+12,544\s+\$0\.\d\d/);
    expect(run.stdout).toMatch(/all\s+16\s/);
    expect(run.stdout).toContain('Nothing was sent');
    expect(mock.requests).toHaveLength(0);
  });

  it.skipIf(
    !existsSync(new URL('../../../../shared/datasets/mathvision-testmini/testmini.jsonl', import.meta.url)),
  )('plans the real MathVision test-mini set (304 items) when it is beside the project', async () => {
    const dataset = new URL('../../../../shared/datasets/mathvision-testmini/testmini.jsonl', import.meta.url)
      .pathname;
    const run = await runSeer(
      ['eval', '--dataset', dataset, '--budgets', '1024,16384', '--model', 'qvq-max', '--dry-run'],
      {
        cwd: folder,
        env: {},
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/qvq-max on 304 items/);
    expect(run.stdout).toMatch(/all\s+1,216\s/);
  });
});

describe('seer eval chart', () => {
  it('draws several runs on one chart, each named by its model', async () => {
    mock.setDefault(answer('\\boxed{1}'));
    for (const model of ['qvq-max', 'qwen3-vl-flash']) {
      const run = await runSeer(
        evalArgs(`chart-${model}`, '--budgets', '1024,2048', '--model', model, '--limit', '2'),
        {
          cwd: folder,
          env,
        },
      );
      expect(run.code).toBe(0);
    }
    const chart = await runSeer(['eval', 'chart', 'chart-qvq-max', 'chart-qwen3-vl-flash', '--out', 'both'], {
      cwd: folder,
      env,
    });
    expect(chart.code).toBe(0);
    const svg = await readFile(join(folder, 'both.svg'), 'utf8');
    expect(svg).toContain('qvq-max vs qwen3-vl-flash');
    expect(svg).toContain('2,048');
    expect((await sharp(join(folder, 'both.png')).metadata()).format).toBe('png');
  });

  it('refuses a run without a data set, with one line', async () => {
    const run = await runSeer(['eval', '--budgets', '1024'], { cwd: folder, env });
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toMatch(/^seer: .*--dataset/);
  });
});
