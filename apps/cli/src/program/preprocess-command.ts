import type { Command } from 'commander';
import type { PreprocessOptions } from '../commands/preprocess';
import { EXIT_CODE_HELP } from '../exit-code';
import type { RunCommand } from './run-command';

/** Adds `seer preprocess` to `program`: its files, its options and its help. */
export function addPreprocessCommand(program: Command, runCommand: RunCommand): void {
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
      runCommand(command, async (context) =>
        (await import('../commands/preprocess')).runPreprocess(files, options, context),
      ),
    );
}
