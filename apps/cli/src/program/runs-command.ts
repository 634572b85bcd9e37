import type { Command } from 'commander';
import type { RunsOptions } from '../commands/runs';
import { EXIT_CODE_HELP } from '../exit-code';
import type { RunCommand } from './run-command';
import { SERVER_OPTION_HELP } from './server-option-help';

/** Adds `seer runs show`, `follow` and `cancel` to `program`: the runs of a Seer server (docs/runs.md). */
export function addRunsCommand(program: Command, runCommand: RunCommand): void {
  const runs = program
    .command('runs')
    .description("a Seer server's analyses by id (an_…): show one, follow it live, or cancel it")
    .addHelpText(
      'after',
      `
Examples:
  seer runs show an_3f2a… --server http://127.0.0.1:8787
  SEER_SERVER_URL=http://127.0.0.1:8787 seer runs show an_3f2a… --json
  seer runs follow an_3f2a…
  seer runs cancel an_3f2a…

Every analysis started on a server (seer analyze --server, the playground, POST /v1/analyses) is a
run the server keeps while it runs and for SEER_RUN_TTL_S after (10 minutes by default). Its id is in
the start event, the X-Seer-Analysis-Id header and seer analyze --json's "id". SEER_TOKEN is sent as
the bearer token; a run started with another token is unknown.

${EXIT_CODE_HELP}
`,
    );
  runs
    .command('show')
    .description(
      'print a run: once it is over as seer analyze printed it (a failed one as far as it got, then its error), else its status',
    )
    .argument('<id>', "the run's id, an_…")
    .option('--server <url>', SERVER_OPTION_HELP)
    .option(
      '--json',
      'print the status document GET /v1/analyses/{id} answers, with analysis once it is over',
    )
    .action((id: string, options: RunsOptions, command: Command) =>
      runCommand(command, async (context) =>
        (await import('../commands/runs')).runRunsShow(id, options, context),
      ),
    );
  runs
    .command('follow')
    .description(
      'show a run from its first event as seer analyze does, live until it ends (Ctrl-C stops following)',
    )
    .argument('<id>', "the run's id, an_…")
    .option('--server <url>', SERVER_OPTION_HELP)
    .option('--json', 'print the document seer analyze --json prints, once the run is over')
    .action((id: string, options: RunsOptions, command: Command) =>
      runCommand(command, async (context) =>
        (await import('../commands/runs')).runRunsFollow(id, options, context),
      ),
    );
  runs
    .command('cancel')
    .description('stop a run and its model request; a run already over is left as it was')
    .argument('<id>', "the run's id, an_…")
    .option('--server <url>', SERVER_OPTION_HELP)
    .option('--json', 'print the status document the server answers')
    .action((id: string, options: RunsOptions, command: Command) =>
      runCommand(command, async (context) =>
        (await import('../commands/runs')).runRunsCancel(id, options, context),
      ),
    );
}
