import { type Command, Option } from 'commander';
import type { TasksOptions } from '../commands/tasks';
import type { RunCommand } from './run-command';

/** Adds `seer tasks` to `program`: its options and its help. */
export function addTasksCommand(program: Command, runCommand: RunCommand): void {
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
      runCommand(command, async (context) => (await import('../commands/tasks')).runTasks(options, context)),
    );
}
