import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context';
import { type ExitCodeValue, errorLine, exitCodeFor } from '../exit-code';

/**
 * Runs one command's work with the context it needs, and hands its exit code on; a thrown error is
 * printed as one `seer: …` line and turned into its exit code.
 */
export type RunCommand = (
  command: Command,
  work: (context: CommandContext) => Promise<ExitCodeValue>,
) => Promise<void>;

/**
 * The {@link RunCommand} of one program: each command's context is `context` with the directory of
 * `--cwd` (or the current one), and each outcome goes to `run`.
 */
export function createRunCommand(
  context: Omit<CommandContext, 'directory'>,
  run: (code: number) => void,
): RunCommand {
  const withDirectory = (command: Command): CommandContext => {
    const { cwd } = command.optsWithGlobals<{ cwd?: string }>();
    return { ...context, directory: resolve(cwd && cwd !== '' ? cwd : process.cwd()) };
  };
  return async (command, work) => {
    try {
      run(await work(withDirectory(command)));
    } catch (error) {
      context.stderr.write(`${errorLine(error)}\n`);
      run(exitCodeFor(error));
    }
  };
}
