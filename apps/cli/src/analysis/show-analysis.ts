import {
  type AnalysisOutcome,
  type AnalysisResponse,
  type CollectedAnalysis,
  collectAnalysis,
  type ErrorBody,
  type ModelStreamEvent,
  toAnalysisOutcome,
} from '@seer/core';
import type { StartedAnalysis } from '@seer/core/node';
import type { CommandContext } from '../command-context';
import { ExitCode, type ExitCodeValue, errorLine, exitCodeFor, exitCodeForErrorCode } from '../exit-code';
import { describeBudget } from './describe-analysis';
import { observeEvents } from './observe-events';
import { TerminalRenderer } from './terminal-renderer';

/** How {@link showAnalysis} shows a run. */
export interface ShowOptions {
  isJSON: boolean;
  /** Aborted by Ctrl-C: the output stops where it is and {@link showAnalysis} throws. */
  signal: AbortSignal;
  /** Called with the `finish` event, once the run has one. */
  onFinish?: (finish: Extract<ModelStreamEvent, { type: 'finish' }>) => void;
}

/**
 * Shows a started analysis, in-process or on a server alike: streams the thinking, answer and footer
 * to the terminal, or prints one JSON document with `--json` once it is over; a failure is one
 * `seer: …` line on stderr. Resolves with the exit code.
 *
 * @throws Error when `signal` aborted it: the partial output is all there is, and the caller says so.
 */
export async function showAnalysis(
  started: StartedAnalysis,
  { isJSON, signal, onFinish }: ShowOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const renderer = isJSON ? undefined : new TerminalRenderer(context);
  renderer?.start(started);
  const showEvent = (event: ModelStreamEvent) => {
    if (event.type === 'finish') onFinish?.(event);
    if (renderer) renderer.show(event);
    // A clamped budget is news even with --json, where the footer is not shown.
    else if (event.type === 'finish' && event.budget?.isClamped) {
      context.stderr.write(`seer: note: ${describeBudget(event.budget)}.\n`);
    }
  };
  let thrown: { error: unknown } | undefined;
  const collected = await collectAnalysis(
    observeEvents(started.events, {
      onEvent: showEvent,
      onFailure: (error) => {
        thrown = { error };
      },
    }),
  );
  renderer?.close();
  if (signal.aborted) throw new Error('interrupted');
  const { failure, exitCode } = judgeOutcome(collected, thrown);
  if (isJSON)
    context.stdout.write(`${JSON.stringify(jsonDocument(toAnalysisOutcome(started, collected)), null, 2)}\n`);
  if (failure !== undefined) context.stderr.write(`${errorLine(new Error(failure))}\n`);
  return exitCode;
}

/**
 * What `--json` prints: what `POST /v1/analyses` with `stream: false` answers, the whole document, or
 * the error body with what the model had said before the error as `partial`.
 */
function jsonDocument(outcome: AnalysisOutcome): AnalysisResponse | ErrorBody {
  if (outcome.isFinished) return outcome.response;
  return { error: { ...outcome.failure, partial: outcome.partial } };
}

/**
 * The exit code of an analysis whose events have all been read, and the failure to report, if any: what
 * was thrown while reading them, else an `error` event, else a stream that ended without `finish`.
 */
function judgeOutcome(
  collected: CollectedAnalysis,
  thrown: { error: unknown } | undefined,
): { failure: string | undefined; exitCode: ExitCodeValue } {
  if (thrown) {
    const { error } = thrown;
    return { failure: error instanceof Error ? error.message : String(error), exitCode: exitCodeFor(error) };
  }
  if (collected.error) {
    const { code, message } = collected.error;
    return { failure: message, exitCode: exitCodeForErrorCode(code) };
  }
  if (!collected.finish) {
    return { failure: 'The model stream ended without finishing.', exitCode: ExitCode.upstream };
  }
  return { failure: undefined, exitCode: ExitCode.success };
}
