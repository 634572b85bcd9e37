import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILT_IN_TEMPLATE_IDS } from '@seer/core';
import { Command, InvalidArgumentError, Option } from 'commander';
import { whenPipeCloses } from './closed-pipe';
import type { CommandContext } from './command-context';
import { type AnalyzeOptions, runAnalyze } from './commands/analyze';
import { type DoctorOptions, runDoctor } from './commands/doctor';
import {
  type EvalCommandOptions,
  runChart,
  runEvalCommand,
  runGeneratePatterns,
  runRescore,
} from './commands/eval';
import { type ExamplesOptions, runExamples } from './commands/examples';
import { type ModelsOptions, runModels } from './commands/models';
import { type PreprocessOptions, runPreprocess } from './commands/preprocess';
import { runTasks, type TasksOptions } from './commands/tasks';
import { readTerminalEnvironment } from './env';
import { EXIT_CODE_HELP, ExitCode, type ExitCodeValue, errorLine, exitCodeFor } from './exit-code';

const packageJSON = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

function parseTokens(value: string): number {
  const tokens = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(tokens) || tokens < 1) {
    throw new InvalidArgumentError('it must be a whole number of tokens, at least 1.');
  }
  return tokens;
}

const CONFIGURATION_HELP = `Configuration:
  The same as the API's: environment variables, with seer.config.json in the working directory
  filling in what the environment leaves unset. DASHSCOPE_API_KEY enables qvq-max and the other
  DashScope models; SEER_BASE_URL with SEER_MODEL adds any OpenAI-compatible endpoint. With nothing
  configured, the only model is "demo", which describes what Seer prepared without a network.`;

/**
 * Builds the `seer` program. `run` receives each command's outcome (its exit code), so that the
 * program can be driven without ending the process.
 */
export function createProgram(
  context: Omit<CommandContext, 'directory'>,
  run: (code: number) => void,
): Command {
  const program = new Command('seer')
    // Options belong to the command they follow (`seer eval --out` and `seer eval generate-patterns --out`).
    .enablePositionalOptions()
    .description('Ask a reasoning vision-language model about photos and video, and watch it think.')
    .version(packageJSON.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option(
      '-C, --cwd <dir>',
      'resolve files and seer.config.json from this directory (default: the current one)',
    )
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      outputError: (text, write) => write(`seer: ${text.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${CONFIGURATION_HELP}\n\n${EXIT_CODE_HELP}\n`);

  const withDirectory = (command: Command): CommandContext => {
    const { cwd } = command.optsWithGlobals<{ cwd?: string }>();
    return { ...context, directory: resolve(cwd && cwd !== '' ? cwd : process.cwd()) };
  };
  const settle = async (work: () => Promise<ExitCodeValue>) => {
    try {
      run(await work());
    } catch (error) {
      context.stderr.write(`${errorLine(error)}\n`);
      run(exitCodeFor(error));
    }
  };

  program
    .command('analyze')
    .description('run a task on images or a video and stream the thinking, then the answer')
    .argument('<files...>', 'image or video files (or http(s) URLs), in the order the model sees them')
    .requiredOption(
      '-t, --task <id>',
      `the task: ${BUILT_IN_TEMPLATE_IDS.join(', ')}, or the id of a custom task in SEER_TEMPLATES_DIR (see seer tasks)`,
    )
    .option('-m, --model <id>', 'the model (default: the configured default model)')
    .option('-b, --budget <tokens>', 'thinking budget in tokens, where the model supports one', parseTokens)
    .addOption(
      new Option('-l, --locale <locale>', 'the language of the prompt and the answer')
        .choices(['en', 'zh'])
        .default('en'),
    )
    .option('-q, --question <text>', 'your own question or extra instruction (required by freeform)')
    .option(
      '--json',
      'print one JSON document {reasoning, text, result, usage, finishReason, media, …} instead',
    )
    .addHelpText(
      'after',
      `
Examples:
  seer analyze puzzle.png --task math-pattern --model qvq-max
  seer analyze left.jpg right.jpg --task multi-image-compare --locale zh
  seer analyze clip.mp4 --task video-narration --json

Without --json the thinking is shown dimmed under "Thinking", then the answer under "Answer", then
the token counts and times. With --json nothing but the document is written to stdout; an error that
arrives in the middle of the answer still prints the document (with "error") before exiting 2.

${EXIT_CODE_HELP}
`,
    )
    .action((files: string[], options: AnalyzeOptions, command: Command) =>
      settle(() => runAnalyze(files, options, withDirectory(command))),
    );

  program
    .command('preprocess')
    .description('show what would be sent for each file: sizes, tokens, bytes, frames, and the cost')
    .argument('<files...>', 'image or video files (or http(s) URLs)')
    .option(
      '-m, --model <id>',
      'plan for this model (default: the configured default model); any model seer models lists, even without its key',
    )
    .option('-t, --task <id>', "check the files against this task's media rules first")
    .option(
      '--json',
      "print the plan as one JSON document instead: the model, each item's sizes, bytes, tokens and frames, the total tokens and, where a price is known, the estimated input cost",
    )
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .action((files: string[], options: PreprocessOptions, command: Command) =>
      settle(() => runPreprocess(files, options, withDirectory(command))),
    );

  program
    .command('tasks')
    .description('list the tasks --task takes: the built-in ones and the custom ones of SEER_TEMPLATES_DIR')
    .addOption(
      new Option('-l, --locale <locale>', 'the language of the titles').choices(['en', 'zh']).default('en'),
    )
    .option('--json', 'print the tasks as JSON instead, with both titles, descriptions and media rules')
    .addHelpText(
      'after',
      `
Examples:
  seer tasks
  seer tasks --locale zh
  SEER_TEMPLATES_DIR=my-tasks seer tasks --json

Each task shows its id, its title, the media it takes and whether it needs a question (--question).
`,
    )
    .action((options: TasksOptions, command: Command) =>
      settle(() => runTasks(options, withDirectory(command))),
    );

  program
    .command('models')
    .description('list the models Seer knows, which are configured here, how they think and what they cost')
    .option('--json', 'print the models as JSON instead, each with isConfigured and enabledBy')
    .addHelpText(
      'after',
      `
Examples:
  seer models
  DASHSCOPE_API_KEY=sk-… seer models
  seer models --json

A model that is not configured says which variable enables it; seer preprocess can still plan for it.
`,
    )
    .action((options: ModelsOptions, command: Command) =>
      settle(() => runModels(options, withDirectory(command))),
    );

  program
    .command('doctor')
    .description('check which configured models your keys (and region) can reach, one line per model')
    .option(
      '--json',
      'print the checks as JSON instead: [{model, provider, status, detail, upstreamStatus?}]',
    )
    .addHelpText(
      'after',
      `
Examples:
  DASHSCOPE_API_KEY=sk-… seer doctor
  seer doctor --json

Each provider is asked for its model list (GET /models) with the configured key; one without a list is
sent a one-token request per model. Each model is then:
  ✓ reachable  the provider lists it for this key, or answered
  ? unknown    the key works, but the model is not offered to it: retired, or in another region
  ✗ failing    the key is refused, or the provider cannot be reached; the provider's words follow
Exit codes: 0 every model is reachable, 2 any is unknown or failing, 1 nothing but the demo is
configured (or the configuration is invalid).
`,
    )
    .action((options: DoctorOptions, command: Command) =>
      settle(() => runDoctor(options, withDirectory(command))),
    );

  program
    .command('examples')
    .description('write a number-pattern puzzle and a short clip to try Seer with (made here, no downloads)')
    .option('-o, --out <dir>', 'where to write them', 'seer-examples')
    .option('--seed <n>', 'which puzzle', (value) => Number.parseInt(value, 10))
    .action((options: ExamplesOptions, command: Command) =>
      settle(() => runExamples(options, withDirectory(command))),
    );

  const positive = (name: string) => (value: string) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0)
      throw new InvalidArgumentError(`${name} takes a whole number above 0.`);
    return number;
  };
  const temperature = (value: string) => {
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0 || number > 2)
      throw new InvalidArgumentError('--temperature takes a number from 0 to 2.');
    return number;
  };
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
    .option('-c, --concurrency <n>', 'requests at once', positive('--concurrency'), 2)
    .option('-l, --limit <n>', 'only the first n items', positive('--limit'))
    .option('-r, --repeats <k>', 'ask each item k times at each budget', positive('--repeats'), 1)
    .option('--temperature <t>', 'sampling temperature, for models that take one', temperature)
    .option(
      '--seed <n>',
      'sampling seed (repeat k is sent seed + k), for models that take one',
      positive('--seed'),
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
      settle(() => runEvalCommand(options, withDirectory(command))),
    );
  evaluate
    .command('rescore')
    .description("re-score a run's answers with the current scorer, without calling any model")
    .option('-o, --out <dir>', 'the run folder', 'seer-eval')
    .action((options: { out: string }, command: Command) =>
      settle(() => runRescore(options, withDirectory(command))),
    );
  evaluate
    .command('chart')
    .description(
      'draw several runs (one per folder, e.g. one per model) on one accuracy-against-budget chart',
    )
    .argument('<dirs...>', 'run folders')
    .option('-o, --out <file>', 'the chart, written as .svg and .png', 'accuracy-vs-budget')
    .action((folders: string[], options: { out: string }, command: Command) =>
      settle(() => runChart(folders, options, withDirectory(command))),
    );
  evaluate
    .command('generate-patterns')
    .description('write a synthetic number-pattern set with known answers (MathVision format)')
    .option('-n, --count <n>', 'how many puzzles', positive('--count'), 20)
    .option('-o, --out <dir>', 'where to write them', 'seer-patterns')
    .option('--seed <n>', 'which set', positive('--seed'))
    .action((options: { count: number; out: string; seed?: number }, command: Command) =>
      settle(() => runGeneratePatterns(options, withDirectory(command))),
    );

  return program;
}

// A reader that went away (`seer … | head`) is no failure: stop writing and end quietly, as `git log | head`
// does. Without stderr there is nobody left to tell anything, so the command just goes on.
whenPipeCloses(process.stdout, () => process.exit(ExitCode.success));
whenPipeCloses(process.stderr, () => {});

const handlers = new Set<() => void>();
let isInterrupting = false;
// The first Ctrl-C stops the model and keeps what arrived; a second one ends the process at once.
process.on('SIGINT', () => {
  if (handlers.size === 0 || isInterrupting) process.exit(ExitCode.interrupted);
  isInterrupting = true;
  for (const handler of handlers) handler();
});

const program = createProgram(
  {
    terminal: readTerminalEnvironment(),
    stdout: process.stdout,
    stderr: process.stderr,
    onInterrupt: (handler) => handlers.add(handler),
    offInterrupt: (handler) => handlers.delete(handler),
  },
  (code) => {
    process.exitCode = code;
  },
);
await program.parseAsync(process.argv);
