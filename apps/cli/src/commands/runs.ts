import { type AnalysisRun, AnalysisRunSchema, type ModelStreamEvent, SeerError } from '@seer/core';
import { describeMedia } from '../analysis/describe-analysis';
import { showAnalysis } from '../analysis/show-analysis';
import { TerminalRenderer } from '../analysis/terminal-renderer';
import type { CommandContext } from '../command-context';
import { ExitCode, type ExitCodeValue, errorLine, exitCodeForErrorCode } from '../exit-code';
import { readRemoteAnalysis } from '../remote/remote-analysis';
import { errorFromResponse, fetchRun, openRunEvents } from '../remote/seer-server';
import { requireServer, type ServerOptions, writeNote } from '../remote/server-options';

/** The options of `seer runs show`, `follow` and `cancel`. */
export interface RunsOptions extends ServerOptions {
  json?: boolean;
}

/**
 * `seer runs show ID`: a run's status from `GET /v1/analyses/{id}`. A finished run is printed as
 * `seer analyze` prints one (thinking, answer, footer); a failed or cancelled one as far as it got,
 * then its error; a running one says so and how to follow it. `--json` prints the status document.
 * Resolves with the exit code `seer analyze` would have ended with.
 *
 * @throws SeerError with the server's message for an id it does not have (`unknown_analysis`).
 */
export async function runRunsShow(
  id: string,
  options: RunsOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const server = requireServer(options);
  const document = await fetchRun(server, id);
  const run = parseRun(document);
  if (options.json === true) context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  else if (run.status === 'running') writeRunning(run, context);
  else writeOver(run, context);
  if (!run.error) return ExitCode.success;
  context.stderr.write(`${errorLine(new Error(run.error.message))}\n`);
  return exitCodeForErrorCode(run.error.code);
}

/**
 * `seer runs follow ID`: the run's events from the first, shown as `seer analyze` shows them (`--json`:
 * its document once it is over), live until its end and across dropped connections. Ctrl-C stops
 * following, not the run.
 */
export async function runRunsFollow(
  id: string,
  options: RunsOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const server = requireServer(options);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  context.onInterrupt(onInterrupt);
  try {
    const response = await openRunEvents(server, id, undefined, controller.signal);
    if (!response.ok) throw await errorFromResponse(response);
    const started = await readRemoteAnalysis(response, {
      server,
      runId: id,
      signal: controller.signal,
      cancelOnAbort: false,
      onNote: (message) => writeNote(message, context),
    });
    return await showAnalysis(started, { isJSON: options.json === true, signal: controller.signal }, context);
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    context.stderr.write(`seer: Stopped following ${id}.\n`);
    return ExitCode.interrupted;
  } finally {
    context.offInterrupt(onInterrupt);
  }
}

/**
 * `seer runs cancel ID`: `POST /v1/analyses/{id}/cancel`, then the run's status in one line (`--json`:
 * the status document). A run already over is left as it was.
 */
export async function runRunsCancel(
  id: string,
  options: RunsOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const server = requireServer(options);
  const document = await fetchRun(server, id, { cancel: true });
  if (options.json === true) {
    context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return ExitCode.success;
  }
  const run = parseRun(document);
  context.stdout.write(
    run.status === 'cancelled'
      ? `${run.id}: cancelled\n`
      : `${run.id}: already ${run.status}, left as it was\n`,
  );
  return ExitCode.success;
}

function parseRun(document: unknown): AnalysisRun {
  const parsed = AnalysisRunSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  throw new SeerError({
    code: 'unexpected_response',
    message: 'The server answered with something other than a run status document.',
    status: 502,
  });
}

function writeRunning(run: AnalysisRun, context: CommandContext): void {
  const events = run.lastEventId + 1;
  context.stdout.write(
    `${run.id} is running: ${run.model} · ${run.template}, started ${run.createdAt}, ${events} event${events === 1 ? '' : 's'} so far.\n` +
      `Follow it with: seer runs follow ${run.id}\n`,
  );
}

/**
 * A run that is over, as `seer analyze` printed it: the heading, the thinking, the answer and, when it
 * finished, the footer; when it failed or was cancelled, what the model had said.
 */
function writeOver(run: AnalysisRun, context: CommandContext): void {
  const renderer = new TerminalRenderer(context);
  const { analysis } = run;
  const events: ModelStreamEvent[] = [];
  if (analysis) {
    renderer.heading(`${analysis.model} · ${analysis.template} · ${describeMedia(analysis.media)}`);
    const { finishReason, usage, budget, timing, result } = analysis;
    events.push(
      { type: 'reasoning-delta', text: analysis.reasoning },
      { type: 'text-delta', text: analysis.text },
      {
        type: 'finish',
        finishReason,
        usage,
        timing,
        ...(budget === undefined ? {} : { budget }),
        ...(result === undefined ? {} : { result }),
      },
    );
  } else {
    renderer.heading(`${run.model} · ${run.template} · ${run.status}`);
    events.push(
      { type: 'reasoning-delta', text: run.partial?.reasoning ?? '' },
      { type: 'text-delta', text: run.partial?.text ?? '' },
    );
  }
  for (const event of events) {
    // An empty thinking or answer gets no heading of its own, as in a run that had none.
    if ((event.type === 'reasoning-delta' || event.type === 'text-delta') && event.text === '') continue;
    renderer.show(event);
  }
  renderer.close();
}
