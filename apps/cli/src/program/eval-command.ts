import { type Command, Option } from 'commander';
import type { EvalCommandOptions } from '../commands/eval';
import { EXIT_CODE_HELP } from '../exit-code';
import { parsePositive, parseTemperature } from './option-values';
import type { RunCommand } from './run-command';

/**
 * Adds `seer eval` to `program`, with its options and help, and its subcommands `rescore`, `chart` and
 * `generate-patterns`.
 */
export function addEvalCommand(program: Command, runCommand: RunCommand): void {
  const evaluate = program
    .command('eval')
    .description('measure accuracy against the thinking budget on a MathVision-format data set')
    .option('-d, --dataset <file>', 'a JSONL file in MathVision format')
    .option('--images <dir>', 'where the images are, when not beside the JSONL file or in its parent folder')
    .option(
      '-b, --budgets <list>',
      'thinking budgets in tokens, or effort levels (minimal,low,medium,high) for a model that takes those',
      '1024,2048,4096,8192',
    )
    .option('-m, --model <id>', 'the model (default: the configured default model)')
    .option(
      '-t, --template <id>',
      "the prompt: mathvision (the benchmark's standard prompt) or a task id such as math-pattern",
      'mathvision',
    )
    .addOption(
      new Option('--locale <locale>', 'the language of the prompt').choices(['en', 'zh']).default('en'),
    )
    .option('-c, --concurrency <n>', 'requests at once', parsePositive('--concurrency'), 2)
    .option('-l, --limit <n>', 'only the first n items', parsePositive('--limit'))
    .option('-r, --repeats <k>', 'ask each item k times at each budget', parsePositive('--repeats'), 1)
    .option('--temperature <t>', 'sampling temperature, for models that take one', parseTemperature)
    .option(
      '--seed <n>',
      'sampling seed (repeat k is sent seed + k), for models that take one',
      parsePositive('--seed'),
    )
    .option('--no-thinking-log', 'leave the thinking text out of results.jsonl')
    .option('--fresh', 'throw away what --out holds and start over')
    .option('--allow-demo', 'run the demo model, which never looks at the pictures (to try the pipeline)')
    .option(
      '--dry-run',
      'print the requests, tokens and the most they can cost; send nothing (no key needed)',
    )
    .option(
      '-o, --out <dir>',
      'the run folder: results, summary and charts; a second run there resumes',
      'seer-eval',
    )
    // The subcommands have their own --out: eval's options are read only before the subcommand name.
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
Examples:
  seer eval --dataset testmini.jsonl --model qvq-max --budgets 1024,2048,4096,8192,16384 --dry-run
  seer eval --dataset testmini.jsonl --model qvq-max --budgets 1024,4096,16384 --out qvq-max
  seer eval --dataset testmini.jsonl --model gpt-5-mini --budgets minimal,low,medium,high --out gpt-5-mini
  seer eval rescore --out qvq-max
  seer eval chart qvq-max gpt-5-mini --out comparison

A run folder holds run.json (what the run is), results.jsonl (one line per item, budget and repeat,
with the answer text, thinking, extracted answer, tokens, the budget sent, latency and cost), and the
report: summary.json, summary.csv, summary.md, accuracy-vs-budget and accuracy-vs-thinking as SVG and PNG.
Run the same command again to go on after Ctrl-C or to retry failed requests; with other settings it
refuses (use another --out, or --fresh). It exits 2 while failed requests remain.

${EXIT_CODE_HELP}
`,
    )
    .action((options: EvalCommandOptions, command: Command) =>
      runCommand(command, async (context) =>
        (await import('../commands/eval')).runEvalCommand(options, context),
      ),
    );
  evaluate
    .command('rescore')
    .description("re-score a run's answers with the current scorer, without calling any model")
    .option('-o, --out <dir>', 'the run folder', 'seer-eval')
    .action((options: { out: string }, command: Command) =>
      runCommand(command, async (context) => (await import('../commands/eval')).runRescore(options, context)),
    );
  evaluate
    .command('chart')
    .description(
      'draw several runs (one per folder, e.g. one per model) on one accuracy-against-budget chart',
    )
    .argument('<dirs...>', 'run folders')
    .option('-o, --out <file>', 'the chart, written as .svg and .png', 'accuracy-vs-budget')
    .action((folders: string[], options: { out: string }, command: Command) =>
      runCommand(command, async (context) =>
        (await import('../commands/eval')).runChart(folders, options, context),
      ),
    );
  evaluate
    .command('generate-patterns')
    .description('write a synthetic number-pattern set with known answers (MathVision format)')
    .option('-n, --count <n>', 'how many puzzles', parsePositive('--count'), 20)
    .option('-o, --out <dir>', 'where to write them', 'seer-patterns')
    .option('--seed <n>', 'which set', parsePositive('--seed'))
    .action((options: { count: number; out: string; seed?: number }, command: Command) =>
      runCommand(command, async (context) =>
        (await import('../commands/eval')).runGeneratePatterns(options, context),
      ),
    );
}
