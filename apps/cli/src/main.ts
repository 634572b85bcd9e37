import { whenPipeCloses } from './closed-pipe';
import { readTerminalEnvironment } from './env';
import { ExitCode } from './exit-code';
import { createProgram } from './program/create-program';

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
