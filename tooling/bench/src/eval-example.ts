/**
 * Makes the evaluation example the README shows: `seer eval` run for real (the CLI, the API's pipeline,
 * sharp, the scorer, the report) against the mock provider, scripted so that accuracy grows with the
 * thinking budget the way a reasoning model's does. The figures are the mock's script, not a model's;
 * what the example shows is the command's output. Run with `pnpm --filter @seer/bench eval-example`;
 * it writes `docs/images/eval-example.png` and `docs/images/eval-example-summary.json`.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Scenario, startMockUpstream } from '@seer/mock-upstream';

const root = new URL('../../../', import.meta.url).pathname;
const seer = join(root, 'apps/cli/bin/seer.js');
const run = promisify(execFile);

const ITEMS = 60;
const BUDGETS = [1024, 2048, 4096, 8192, 16384];
/** The share of items the scripted model gets right at each budget. */
const ACCURACY = [0.3, 0.42, 0.53, 0.62, 0.67];

/** A repeatable pseudo-random order of the items (which ones are hard), from a fixed seed. */
function difficultyOrder(count: number): number[] {
  let state = 20_260_301;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, (_, index) => ({ index, key: next() }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.index);
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'seer-eval-example-'));
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  await run(
    process.execPath,
    [seer, 'eval', 'generate-patterns', '--count', String(ITEMS), '--out', 'number-patterns'],
    {
      cwd: work,
      env,
    },
  );
  const items = (await readFile(join(work, 'number-patterns', 'patterns.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { answer: string });
  const hardness = difficultyOrder(ITEMS);

  // With one request at a time the run asks budgets in ascending order and items in file order, so the
  // script can be laid out in that order: an item is answered right once the budget reaches its turn.
  const mock = await startMockUpstream();
  const scenarios: Scenario[] = BUDGETS.flatMap((budget, step) =>
    items.map((item, index) => {
      const isRight = hardness.indexOf(index) < Math.round(ACCURACY[step]! * ITEMS);
      // A thought that grows with the budget and stays within it (the mock counts four characters a token).
      const tokens = Math.round(
        Math.min(budget * 0.9, 700 + 450 * step + (hardness.indexOf(index) % 7) * 120),
      );
      return {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: 'Each row follows the rule; checking it. '.repeat(tokens / 8).slice(0, tokens * 4),
        answer: `\\boxed{${isRight ? item.answer : `${Number(item.answer) + 1}`}}`,
        chunkChars: 4000,
      } satisfies Scenario;
    }),
  );
  mock.script(...scenarios);
  try {
    await run(
      process.execPath,
      [
        ...[seer, 'eval', '--dataset', 'number-patterns/patterns.jsonl', '--model', 'qwen3-vl-plus'],
        ...['--budgets', BUDGETS.join(','), '--concurrency', '1', '--out', 'run', '--no-thinking-log'],
      ],
      { cwd: work, env: { ...env, DASHSCOPE_API_KEY: 'mock', DASHSCOPE_BASE_URL: mock.url } },
    );
  } finally {
    await mock.close();
  }
  const images = join(root, 'docs/images');
  await mkdir(images, { recursive: true });
  await copyFile(join(work, 'run', 'accuracy-vs-budget.png'), join(images, 'eval-example.png'));
  const summary = JSON.parse(await readFile(join(work, 'run', 'summary.json'), 'utf8'));
  // The machine's temporary paths say nothing to a reader.
  summary.run.dataset.path = 'number-patterns/patterns.jsonl';
  await writeFile(join(images, 'eval-example-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await rm(work, { recursive: true, force: true });
  console.log(`Wrote ${join(images, 'eval-example.png')} and eval-example-summary.json.`);
}

await main();
