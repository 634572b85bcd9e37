import { BUILT_IN_TEMPLATE_IDS } from '@seer/core';
import { type Command, Option } from 'commander';
import type { AnalyzeOptions } from '../commands/analyze';
import { EXIT_CODE_HELP } from '../exit-code';
import { parseTokens } from './option-values';
import type { RunCommand } from './run-command';
import { SERVER_OPTION_HELP } from './server-option-help';

/** Adds `seer analyze` to `program`: its files, its options and its help. */
export function addAnalyzeCommand(program: Command, runCommand: RunCommand): void {
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
      '--annotate <dir>',
      'also write each picture the answer marked, with its boxes, points and paths drawn, to <dir> (PNG)',
    )
    .option('--server <url>', SERVER_OPTION_HELP)
    .option(
      '--json',
      'print the JSON document the API answers with stream:false {reasoning, text, result, usage, …} instead',
    )
    .addHelpText(
      'after',
      `
Examples:
  seer analyze puzzle.png --task math-pattern --model qvq-max
  seer analyze left.jpg right.jpg --task multi-image-compare --locale zh
  seer analyze clip.mp4 --task video-narration --json
  seer analyze street.jpg --task locate --question "bicycles" --annotate marked
  seer analyze puzzle.png --task math-pattern --server http://127.0.0.1:8787

Without --json the thinking is shown dimmed under "Thinking", then the answer under "Answer", then
the token counts and times. With --json nothing but the document is written to stdout; an error that
arrives in the middle of the answer prints the API's error body instead, {"error": {code, message,
retryable, partial: {reasoning, text}}}, before exiting 2.

With --server (or SEER_SERVER_URL) the analysis runs on that Seer API instead of here, with its models
and tasks, and SEER_TOKEN as the bearer token. A connection that drops mid-run is picked up again where
it left off (retrying for up to 2 minutes), so the output is the same as an unbroken run's; Ctrl-C
cancels the run on the server. See seer runs for a run's result later.

With --annotate <dir> (here or with --server), once the run is over each picture with regions in the
answer is written upright, at its original size, with the regions drawn and labelled: palm.jpg becomes
<dir>/palm.annotated.png, and the frame of a video the model marked clip.frame-3.annotated.png. What was
written is said on stderr; a run with no regions writes nothing.

${EXIT_CODE_HELP}
`,
    )
    .action((files: string[], options: AnalyzeOptions, command: Command) =>
      runCommand(command, async (context) =>
        (await import('../commands/analyze')).runAnalyze(files, options, context),
      ),
    );
}
