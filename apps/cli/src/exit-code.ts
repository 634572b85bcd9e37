import { SeerError } from '@seer/core';

/** The exit codes of `seer`, listed in `seer --help`. */
export const ExitCode = {
  success: 0,
  /** The request cannot be run as given: a file, an option, a task, a model or the configuration. */
  request: 1,
  /** The model provider failed, before the answer or in the middle of it. */
  upstream: 2,
  /** Stopped with Ctrl-C (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The help text that explains the exit codes. */
export const EXIT_CODE_HELP = `Exit codes:
  0    success
  1    the request cannot be run: a missing or unreadable file, media the task does not take,
       an unknown task or model, an invalid option or configuration
  2    the model provider failed, before or during the answer
  130  interrupted (Ctrl-C)`;

/** Whether an error (thrown, or the code of an `error` event) is the provider's failure. */
export function isUpstreamCode(code: string): boolean {
  return code.startsWith('upstream');
}

/** The exit code for the `code` of an `error` event, or of a run that failed. */
export function exitCodeForErrorCode(code: string): ExitCodeValue {
  return isUpstreamCode(code) ? ExitCode.upstream : ExitCode.request;
}

/** The exit code for an error thrown before any output. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (SeerError.isInstance(error)) {
    if (isUpstreamCode(error.code) || error.status === 502 || error.status === 504) return ExitCode.upstream;
  }
  return ExitCode.request;
}

/**
 * The message `seer: …` for an error, without a stack: one line, except a list of problems (a data set's
 * bad lines), which reads best one per line.
 */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (SeerError.isInstance(error) && Array.isArray(error.details?.problems)) {
    return `seer: ${message.trim().replace(/\n/g, '\n  ')}`;
  }
  return `seer: ${message.replace(/\s*\n\s*/g, ' ').trim()}`;
}
