import type { Command } from 'commander';
import type { ModelsOptions } from '../commands/models';
import type { RunCommand } from './run-command';

/** Adds `seer models` to `program`: its options and its help. */
export function addModelsCommand(program: Command, runCommand: RunCommand): void {
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
      runCommand(command, async (context) =>
        (await import('../commands/models')).runModels(options, context),
      ),
    );
}
