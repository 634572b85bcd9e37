import {
  type AnalysisOutcome,
  type AnalysisRequest,
  AnalysisRequestSchema,
  type AnalysisResponse,
  type CollectedAnalysis,
  collectAnalysis,
  type ErrorBody,
  type Locale,
  type ModelStreamEvent,
  RequestError,
  resolveTemplate,
  type SeerConfig,
  type Template,
  toAnalysisOutcome,
} from '@seer/core';
import { startAnalysis } from '@seer/core/node';
import { describeBudget, describeItems } from '../analysis/describe-analysis';
import { observeEvents } from '../analysis/observe-events';
import { TerminalRenderer } from '../analysis/terminal-renderer';
import type { CommandContext } from '../command-context';
import { readCLIConfiguration } from '../env';
import { ExitCode, type ExitCodeValue, errorLine, exitCodeFor, isUpstreamCode } from '../exit-code';
import { readMediaInput } from '../media-input';
import { type Spinner, startSpinner } from '../terminal';

/** The options of `seer analyze`, as commander parses them. */
export interface AnalyzeOptions {
  task: string;
  model?: string;
  budget?: number;
  locale: Locale;
  question?: string;
  json?: boolean;
}

function buildRequest(options: AnalyzeOptions, media: AnalysisRequest['media']): AnalysisRequest {
  const parsed = AnalysisRequestSchema.safeParse({
    template: options.task,
    locale: options.locale,
    media,
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.question === undefined ? {} : { question: options.question }),
    ...(options.budget === undefined ? {} : { thinking: { budget: options.budget } }),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'request'} ${issue.message}`,
    );
    throw new RequestError({ code: 'invalid_request', message: `Invalid request: ${problems.join('; ')}.` });
  }
  return parsed.data;
}

/**
 * `seer analyze`: prepares the media, runs the task on the model and streams the thinking and answer to
 * the terminal, or prints one JSON document with `--json`. Resolves with the exit code.
 */
export async function runAnalyze(
  paths: readonly string[],
  options: AnalyzeOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const { config, templates } = readCLIConfiguration(context.directory);
  resolveTemplate(options.task, templates);
  const input = await readMediaInput(paths, context.directory);
  const request = buildRequest(options, input.items);
  const isJSON = options.json === true;
  const spinner = startSpinner(
    context.stderr,
    `Preparing ${describeItems(input.items)}…`,
    context.terminal.isStderrTTY && !isJSON,
  );
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  context.onInterrupt(onInterrupt);
  try {
    return await streamAnalysis(
      { request, config, templates, files: input.files, isJSON, spinner, signal: controller.signal },
      context,
    );
  } catch (error) {
    spinner.stop();
    if (!controller.signal.aborted) throw error;
    context.stderr.write('seer: Interrupted.\n');
    return ExitCode.interrupted;
  } finally {
    context.offInterrupt(onInterrupt);
  }
}

/** One analysis as the command runs it. */
interface AnalysisRun {
  request: AnalysisRequest;
  config: SeerConfig;
  templates: readonly Template[];
  files: ReadonlyMap<string, Uint8Array>;
  isJSON: boolean;
  /** The "Preparing…" spinner, stopped once the model has answered. */
  spinner: Spinner;
  signal: AbortSignal;
}

/** Starts the analysis and delivers its events; throws when `signal` aborted it. */
async function streamAnalysis(run: AnalysisRun, context: CommandContext): Promise<ExitCodeValue> {
  const { request, isJSON, spinner, signal } = run;
  const started = await startAnalysis(request, {
    config: run.config,
    templates: run.templates,
    files: run.files,
    signal,
    ...(isJSON ? { demoDelayMs: 0 } : {}),
  });
  spinner.stop();
  const renderer = isJSON ? undefined : new TerminalRenderer(context);
  renderer?.start(started);
  const showEvent = (event: ModelStreamEvent) => {
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
  // Interrupted: the partial output above is all there is; the caller says so.
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
    return { failure: message, exitCode: isUpstreamCode(code) ? ExitCode.upstream : ExitCode.request };
  }
  if (!collected.finish) {
    return { failure: 'The model stream ended without finishing.', exitCode: ExitCode.upstream };
  }
  return { failure: undefined, exitCode: ExitCode.success };
}
