import type { Command } from 'commander';
import type { ExamplesOptions } from '../commands/examples';
import type { RunCommand } from './run-command';

/** Adds `seer examples` to `program`: its options. */
export function addExamplesCommand(program: Command, runCommand: RunCommand): void {
  program
    .command('examples')
    .description('write a number-pattern puzzle and a short clip to try Seer with (made here, no downloads)')
    .option('-o, --out <dir>', 'where to write them', 'seer-examples')
    .option('--seed <n>', 'which puzzle', (value) => Number.parseInt(value, 10))
    .action((options: ExamplesOptions, command: Command) =>
      runCommand(command, async (context) =>
        (await import('../commands/examples')).runExamples(options, context),
      ),
    );
}
