import {
  type AnalysisRequest,
  AnalysisRequestSchema,
  type BudgetReport,
  type FinishReason,
  type Locale,
  type PreparedMediaInfo,
  RequestError,
  resolveTemplate,
  type SeerConfig,
  type Template,
  type Usage,
} from '@seer/core';
import { type StartedAnalysis, startAnalysis } from '@seer/core/node';
import type { CommandContext } from '../command-context';
import { readCLIConfiguration } from '../env';
import { ExitCode, type ExitCodeValue, errorLine, exitCodeFor, isUpstreamCode } from '../exit-code';
import { readMediaInput } from '../media-input';
import {
  createStyle,
  DIM_OFF,
  DIM_ON,
  formatCount,
  formatSeconds,
  type Spinner,
  type Style,
  startSpinner,
} from '../terminal';

/** The options of `seer analyze`, as commander parses them. */
export interface AnalyzeOptions {
  task: string;
  model?: string;
  budget?: number;
  locale: Locale;
  question?: string;
  json?: boolean;
}

/** The document `seer analyze --json` prints: the API's non-streaming answer, with `result` always present. */
export interface AnalyzeDocument {
  id: string;
  model: string;
  template: string;
  locale: Locale;
  reasoning: string;
  text: string;
  result: Record<string, unknown> | null;
  finishReason: FinishReason;
  usage: Usage | null;
  /** How the thinking budget reached the model, when one was asked. */
  budget: BudgetReport | null;
  timing: { reasoningMs: number; totalMs: number } | null;
  media: PreparedMediaInfo[];
  /** Present when the stream ended with an error after it began. */
  error?: { code: string; message: string; retryable: boolean };
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

function describeItems(items: ReadonlyArray<{ type: 'image' | 'video' }>): string {
  const images = items.filter((item) => item.type === 'image').length;
  const videos = items.length - images;
  const parts = [
    images > 0 ? `${images} image${images === 1 ? '' : 's'}` : '',
    videos > 0 ? `${videos} video${videos === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.join(' and ') || 'the request';
}

function describeMedia(media: readonly PreparedMediaInfo[]): string {
  const tokens = media.reduce((sum, item) => sum + item.tokens, 0);
  return media.length === 0 ? 'no media' : `${describeItems(media)} (${formatCount(tokens)} tokens)`;
}

function describeUsage(usage: Usage, timing: { reasoningMs: number; totalMs: number }): string {
  const thinking =
    usage.reasoningTokens === undefined ? '' : ` (${formatCount(usage.reasoningTokens)} thinking)`;
  const thought = timing.reasoningMs > 0 ? ` · thought for ${formatSeconds(timing.reasoningMs)}` : '';
  return `${formatCount(usage.inputTokens)} in · ${formatCount(usage.outputTokens)} out${thinking} tokens${thought} · ${formatSeconds(timing.totalMs)} in all`;
}

/**
 * How a budget reached the model, for the footer: "budget 100,000 sent as thinking_budget 81,920
 * (clamped to the model's range)", "budget 256 forced, cut at 258 tokens, no answer within it".
 */
export function describeBudget(report: BudgetReport): string {
  const value = (amount: number | string | null) =>
    typeof amount === 'number' ? formatCount(amount) : String(amount);
  if (report.how === 'none') return `budget ${value(report.asked)} not used: the model takes none`;
  const sent =
    report.how === 'forced'
      ? `forced at ${value(report.sent)}${report.cutAt === undefined ? '' : `, cut at ${formatCount(report.cutAt)} tokens`}`
      : `sent as ${report.how} ${value(report.sent)}`;
  const clamped = report.isClamped ? " (clamped to the model's range)" : '';
  const unanswered = report.isUnanswered ? ', no answer within it' : '';
  return `budget ${value(report.asked)} ${sent}${clamped}${unanswered}`;
}

/**
 * Writes the events to a terminal as they come: a heading and the thinking (dimmed on a terminal), then
 * the answer, then a footer with the token counts and times.
 */
class TerminalRenderer {
  private readonly style: Style;
  private isAtLineStart = true;
  private section: 'none' | 'reasoning' | 'text' = 'none';

  /** The spinner on stderr; whatever is written next to stdout stops it first. */
  spinner: Spinner;

  constructor(
    private readonly context: CommandContext,
    spinner: Spinner,
  ) {
    this.spinner = spinner;
    this.style = createStyle(context.terminal.isStdoutTTY && !context.terminal.hasNoColor);
  }

  private write(text: string): void {
    if (text === '') return;
    this.spinner.stop();
    this.context.stdout.write(text);
    this.isAtLineStart = text.endsWith('\n');
  }

  private endLine(): void {
    if (!this.isAtLineStart) this.write('\n');
  }

  private openSection(section: 'reasoning' | 'text'): void {
    if (this.section === section) return;
    this.endLine();
    if (this.section !== 'none') this.write('\n');
    this.write(`${this.style.bold(section === 'reasoning' ? 'Thinking' : 'Answer')}\n`);
    this.section = section;
  }

  header(started: StartedAnalysis): void {
    this.write(
      `${this.style.dim(`${started.model} · ${started.template} · ${describeMedia(started.media)}`)}\n\n`,
    );
  }

  reasoning(text: string): void {
    this.openSection('reasoning');
    // Each piece is closed on its own, so an interrupted run never leaves the terminal faint.
    this.write(this.style.isEnabled ? `${DIM_ON}${text}${DIM_OFF}` : text);
  }

  answer(text: string): void {
    this.openSection('text');
    this.write(text);
  }

  footer(line: string): void {
    this.endLine();
    this.write(`\n${this.style.dim(line)}\n`);
  }

  close(): void {
    this.spinner.stop();
    this.endLine();
  }
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
  const renderer = isJSON ? undefined : new TerminalRenderer(context, spinner);
  renderer?.header(started);
  if (renderer) {
    renderer.spinner = startSpinner(
      context.stderr,
      `Waiting for ${started.model}…`,
      context.terminal.isStderrTTY,
    );
  }
  const document: AnalyzeDocument = {
    id: started.id,
    model: started.model,
    template: started.template,
    locale: started.locale,
    reasoning: '',
    text: '',
    result: null,
    finishReason: 'error',
    usage: null,
    budget: null,
    timing: null,
    media: started.media,
  };
  let exitCode: ExitCodeValue = ExitCode.success;
  let failure: string | undefined = 'The model stream ended without finishing.';

  try {
    for await (const event of started.events) {
      if (event.type === 'reasoning-delta') {
        document.reasoning += event.text;
        renderer?.reasoning(event.text);
      } else if (event.type === 'text-delta') {
        document.text += event.text;
        renderer?.answer(event.text);
      } else if (event.type === 'finish') {
        failure = undefined;
        document.finishReason = event.finishReason;
        document.usage = event.usage;
        document.budget = event.budget ?? null;
        document.timing = event.timing;
        document.result = event.result ?? null;
        const budget = event.budget ? ` · ${describeBudget(event.budget)}` : '';
        renderer?.footer(`${describeUsage(event.usage, event.timing)}${budget} · ${event.finishReason}`);
        // A clamped budget is news even with --json, where the footer is not shown.
        if (isJSON && event.budget?.isClamped) {
          context.stderr.write(`seer: note: ${describeBudget(event.budget)}.\n`);
        }
      } else if (event.type === 'error') {
        document.error = { code: event.code, message: event.message, retryable: event.retryable };
        failure = event.message;
        exitCode = isUpstreamCode(event.code) ? ExitCode.upstream : ExitCode.request;
      }
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    exitCode = exitCodeFor(error);
  }
  renderer?.close();
  // Interrupted: the partial output above is all there is; the caller says so.
  if (signal.aborted) throw new Error('interrupted');
  if (failure !== undefined && exitCode === ExitCode.success) exitCode = ExitCode.upstream;
  if (isJSON) context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  if (failure !== undefined) context.stderr.write(`${errorLine(new Error(failure))}\n`);
  return exitCode;
}
