import {
  enablingVariables,
  findKnownPreset,
  type ModelPreset,
  type PreparedMediaInfo,
  PreprocessRequestSchema,
  RequestError,
  resolveModel,
  type SeerConfig,
} from '@seer/core';
import { type MediaPlan, planMedia } from '@seer/core/node';
import { readCLIConfiguration } from '../cli-configuration';
import type { CommandContext } from '../command-context';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import { readMediaInput } from '../media-input';
import { createStyle, formatBytes, formatCount, formatTable, startSpinner } from '../terminal';

/** The options of `seer preprocess`. */
export interface PreprocessOptions {
  model?: string;
  /** Check the media against this task's rules first, as an analysis would. */
  task?: string;
  json?: boolean;
}

function size(width: number | undefined, height: number | undefined): string {
  return width === undefined || height === undefined ? '?' : `${width}×${height}`;
}

function videoColumn(item: PreparedMediaInfo): string {
  if (item.type !== 'video') return '';
  const frames = item.frames?.length ?? 0;
  const duration = item.durationSeconds === undefined ? '' : ` of ${item.durationSeconds.toFixed(1)} s`;
  const fps = item.videoFps === undefined ? '' : ` at ${Math.round(item.videoFps * 100) / 100} fps`;
  return `${frames} frame${frames === 1 ? '' : 's'}${duration}${fps}`;
}

/** The plan as a table for people: original and sent sizes, tokens and bytes per item, then the total. */
export function formatPlan(plan: MediaPlan, names: readonly string[], isStyled: boolean): string {
  const style = createStyle(isStyled);
  const hasVideo = plan.media.some((item) => item.type === 'video');
  const header = [
    '#',
    'file',
    'type',
    'original',
    'bytes',
    'sent',
    'bytes',
    'tokens',
    ...(hasVideo ? ['video'] : []),
  ];
  const rows = plan.media.map((item) => [
    String(item.index + 1),
    names[item.index] ?? '',
    item.type,
    size(item.originalWidth, item.originalHeight),
    item.originalBytes === undefined ? '?' : formatBytes(item.originalBytes),
    item.type === 'video' ? `${size(item.width, item.height)} per frame` : size(item.width, item.height),
    formatBytes(item.bytes),
    formatCount(item.tokens),
    ...(hasVideo ? [videoColumn(item)] : []),
  ]);
  const table = formatTable([header, ...rows], new Set([0, 4, 6, 7]));
  const [headerLine, ...rowLines] = table.split('\n');
  const cost = plan.estimatedCost
    ? `estimated input cost $${plan.estimatedCost.inputUSD.toFixed(6)}`
    : `no price is known for ${plan.model}`;
  return [
    `Media plan for ${style.bold(plan.model)}`,
    '',
    style.dim(headerLine ?? ''),
    ...rowLines,
    '',
    `Total: ${style.bold(`${formatCount(plan.totalTokens)} tokens`)} · ${cost}`,
  ].join('\n');
}

/**
 * The configuration to plan with. Planning needs no network, so a model Seer has a preset for but no key
 * here is planned with that preset (as `unconfigured`, for a note); any other id is left to
 * `resolveModel`, which names the nearest ones.
 */
function planningConfiguration(
  config: SeerConfig,
  id: string | undefined,
): { config: SeerConfig; unconfigured?: ModelPreset } {
  const preset = id === undefined ? undefined : findKnownPreset(id);
  if (!preset || config.models.some((endpoint) => endpoint.preset.id === preset.id)) return { config };
  return {
    config: { ...config, models: [...config.models, { preset, baseURL: '', apiKey: '' }] },
    unconfigured: preset,
  };
}

/**
 * `seer preprocess`: a dry run of the media part of an analysis. It prepares each item for
 * the model exactly as an analysis would and prints what would be sent. Resolves with the exit code.
 */
export async function runPreprocess(
  paths: readonly string[],
  options: PreprocessOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const configuration = readCLIConfiguration(context.directory);
  const { templates } = configuration;
  const { config, unconfigured } = planningConfiguration(configuration.config, options.model);
  const endpoint = resolveModel(config, options.model);
  const input = await readMediaInput(paths, context.directory);
  const isJSON = options.json === true;
  const spinner = startSpinner(
    context.stderr,
    `Preparing ${input.items.length} media item${input.items.length === 1 ? '' : 's'} for ${endpoint.preset.id}…`,
    context.terminal.isStderrTTY && !isJSON,
  );
  let plan: MediaPlan;
  try {
    const request = PreprocessRequestSchema.safeParse({
      model: endpoint.preset.id,
      media: input.items,
      ...(options.task === undefined ? {} : { template: options.task }),
    });
    if (!request.success) {
      throw new RequestError({
        code: 'invalid_request',
        message: 'Between 1 and 16 media items can be planned at once.',
      });
    }
    plan = await planMedia(request.data, { config, templates, files: input.files });
  } finally {
    spinner.stop();
  }
  if (unconfigured) {
    context.stderr.write(
      `seer: ${unconfigured.id} is not configured here, so nothing would be sent to it; set ${enablingVariables(unconfigured.provider)} to use it. This plan uses its preset.\n`,
    );
  }
  context.stdout.write(
    isJSON
      ? `${JSON.stringify(plan, null, 2)}\n`
      : `${formatPlan(plan, input.names, context.terminal.isStdoutTTY && !context.terminal.hasNoColor)}\n`,
  );
  return ExitCode.success;
}
