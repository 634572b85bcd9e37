import type { TerminalEnvironment } from './env';

/** What a command needs from the process it runs in, passed down from `main.ts`. */
export interface CommandContext {
  /** The directory file paths and `seer.config.json` are resolved against. */
  directory: string;
  terminal: TerminalEnvironment;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Registers a handler for Ctrl-C; while one is registered, Ctrl-C does not end the process at once. */
  onInterrupt(handler: () => void): void;
  /** Removes a handler given to {@link CommandContext.onInterrupt}. */
  offInterrupt(handler: () => void): void;
}
