import { Command } from 'commander';
import type { CommandContext } from '../command-context';
import { EXIT_CODE_HELP } from '../exit-code';
import { CLI_VERSION } from '../version';
import { addAnalyzeCommand } from './analyze-command';
import { addDoctorCommand } from './doctor-command';
import { addEvalCommand } from './eval-command';
import { addExamplesCommand } from './examples-command';
import { addModelsCommand } from './models-command';
import { addPreprocessCommand } from './preprocess-command';
import { createRunCommand } from './run-command';
import { addRunsCommand } from './runs-command';
import { addTasksCommand } from './tasks-command';

const CONFIGURATION_HELP = `Configuration:
  The same as the API's: environment variables, with seer.config.json in the working directory
  filling in what the environment leaves unset. DASHSCOPE_API_KEY enables qvq-max and the other
  DashScope models; SEER_BASE_URL with SEER_MODEL adds any OpenAI-compatible endpoint. With nothing
  configured, the only model is "demo", which describes what Seer prepared without a network.
  SEER_SERVER_URL (or --server) sends seer analyze, and seer runs, to a Seer API instead, with
  SEER_TOKEN as its bearer token.`;

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
    .version(CLI_VERSION, '-v, --version', 'print the version')
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

  const runCommand = createRunCommand(context, run);
  addAnalyzeCommand(program, runCommand);
  addPreprocessCommand(program, runCommand);
  addTasksCommand(program, runCommand);
  addModelsCommand(program, runCommand);
  addDoctorCommand(program, runCommand);
  addExamplesCommand(program, runCommand);
  addEvalCommand(program, runCommand);
  addRunsCommand(program, runCommand);
  return program;
}
