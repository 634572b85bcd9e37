import type { Command } from 'commander';
import type { DoctorOptions } from '../commands/doctor';
import type { RunCommand } from './run-command';

/** Adds `seer doctor` to `program`: its options and its help, which explains each status and exit code. */
export function addDoctorCommand(program: Command, runCommand: RunCommand): void {
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
      runCommand(command, async (context) =>
        (await import('../commands/doctor')).runDoctor(options, context),
      ),
    );
}
