/** What the CLI knows about the terminal it runs in. */
export interface TerminalEnvironment {
  /** Whether stdout is a terminal (dim thinking, bold headings) rather than a pipe or a file. */
  isStdoutTTY: boolean;
  /** Whether stderr is a terminal, where the spinner may draw. */
  isStderrTTY: boolean;
  /** `NO_COLOR` turns styling off even on a terminal (https://no-color.org). */
  hasNoColor: boolean;
}

/** The one place the CLI reads `process.env` and the streams' terminal state. */
export function readTerminalEnvironment(): TerminalEnvironment {
  return {
    isStdoutTTY: process.stdout.isTTY === true,
    isStderrTTY: process.stderr.isTTY === true,
    hasNoColor: (process.env.NO_COLOR ?? '') !== '',
  };
}

/** The Seer server the CLI may send its work to, as the environment names it. */
export interface ServerEnvironment {
  /** `SEER_SERVER_URL`: the default of `--server`. */
  url: string | undefined;
  /** `SEER_TOKEN`: the bearer token, for a server with `SEER_AUTH_TOKENS` set. */
  token: string | undefined;
}

/** Reads `SEER_SERVER_URL` and `SEER_TOKEN`; an empty value counts as unset. */
export function readServerEnvironment(
  environment: Record<string, string | undefined> = process.env,
): ServerEnvironment {
  const value = (name: string) => (environment[name] ?? '').trim() || undefined;
  return { url: value('SEER_SERVER_URL'), token: value('SEER_TOKEN') };
}
