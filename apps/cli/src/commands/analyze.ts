import {
  type AnalysisRequest,
  AnalysisRequestSchema,
  type Locale,
  RequestError,
  resolveTemplate,
} from '@seer/core';
import { type SeerConfiguration, type StartedAnalysis, startAnalysis } from '@seer/core/node';
import { describeItems } from '../analysis/describe-analysis';
import { showAnalysis } from '../analysis/show-analysis';
import { prepareAnnotationFolder, writeAnnotations } from '../annotation/write-annotations';
import { readCLIConfiguration } from '../cli-configuration';
import type { CommandContext } from '../command-context';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import { readMediaInput } from '../media-input';
import { readRemoteAnalysis } from '../remote/remote-analysis';
import { postAnalysis, type SeerServer } from '../remote/seer-server';
import { resolveServer, type ServerOptions, writeNote } from '../remote/server-options';
import { startSpinner } from '../terminal';

/** The options of `seer analyze`, as commander parses them. */
export interface AnalyzeOptions extends ServerOptions {
  task: string;
  model?: string;
  budget?: number;
  locale: Locale;
  question?: string;
  json?: boolean;
  /** `--annotate <dir>`: where to write the pictures with the answer's regions drawn on them. */
  annotate?: string;
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
 * the terminal, or prints one JSON document with `--json`. With `--server` the server does the work and
 * the command follows the run there, reconnecting when the connection drops. Resolves with the exit
 * code.
 */
export async function runAnalyze(
  paths: readonly string[],
  options: AnalyzeOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const server = resolveServer(options);
  // The server has its own configuration and tasks; only an analysis run here reads this machine's.
  const where: { server: SeerServer } | { local: SeerConfiguration } = server
    ? { server }
    : { local: readCLIConfiguration(context.directory) };
  if ('local' in where) resolveTemplate(options.task, where.local.templates);
  const input = await readMediaInput(paths, context.directory);
  const request = buildRequest(options, input.items);
  const folder =
    options.annotate === undefined
      ? undefined
      : await prepareAnnotationFolder(options.annotate, context.directory);
  const isJSON = options.json === true;
  const start = (signal: AbortSignal): Promise<StartedAnalysis> =>
    'server' in where
      ? startOnServer(where.server, request, input.files, signal, context)
      : startAnalysis(request, {
          config: where.local.config,
          templates: where.local.templates,
          files: input.files,
          signal,
          ...(isJSON ? { demoDelayMs: 0 } : {}),
        });
  const spinner = startSpinner(
    context.stderr,
    `Preparing ${describeItems(input.items)}…`,
    context.terminal.isStderrTTY && !isJSON,
  );
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  context.onInterrupt(onInterrupt);
  try {
    const started = await start(controller.signal);
    spinner.stop();
    let result: Record<string, unknown> | undefined;
    let isFinished = false;
    const onFinish = (finish: { result?: Record<string, unknown> | undefined }) => {
      isFinished = true;
      result = finish.result;
    };
    const exitCode = await showAnalysis(started, { isJSON, signal: controller.signal, onFinish }, context);
    if (!folder || !isFinished) return exitCode;
    const annotated = await writeAnnotations({ result, media: started.media, input }, folder, context);
    return exitCode === ExitCode.success ? annotated : exitCode;
  } catch (error) {
    spinner.stop();
    if (!controller.signal.aborted) throw error;
    context.stderr.write('seer: Interrupted.\n');
    return ExitCode.interrupted;
  } finally {
    context.offInterrupt(onInterrupt);
  }
}

/** Starts the run on `server` and reads it as an in-process analysis reads; Ctrl-C cancels it there. */
async function startOnServer(
  server: SeerServer,
  request: AnalysisRequest,
  files: ReadonlyMap<string, Uint8Array>,
  signal: AbortSignal,
  context: CommandContext,
): Promise<StartedAnalysis> {
  const response = await postAnalysis(server, request, files, signal);
  return readRemoteAnalysis(response, {
    server,
    signal,
    cancelOnAbort: true,
    onNote: (message) => writeNote(message, context),
  });
}
