import {
  budgetRange,
  describeModel,
  effortLevels,
  enablingVariables,
  KNOWN_PRESETS,
  type ModelInfo,
  type ModelPreset,
  type SeerConfig,
} from '@seer/core';
import { readCLIConfiguration } from '../cli-configuration';
import type { CommandContext } from '../command-context';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import { createStyle, formatCount, formatTable } from '../terminal';

/** The options of `seer models`. */
export interface ModelsOptions {
  json?: boolean;
}

/**
 * One model as `seer models --json` lists it: what `GET /v1/models` says about it, whether it can be
 * used here, and the variables that enable its provider (`null` for the demo, which is always there).
 */
export type ModelListing = ModelInfo & { isConfigured: boolean; enabledBy: string | null };

/** A model Seer knows, with its preset for the table and its listing for `--json`. */
interface KnownModel {
  preset: ModelPreset;
  listing: ModelListing;
}

/**
 * Every model Seer knows, configured here or not: the custom endpoint's model when there is one, then
 * the presets of each provider, then the demo.
 */
function knownModels(config: SeerConfig): KnownModel[] {
  const custom = config.models
    .map((endpoint) => endpoint.preset)
    .filter((preset) => preset.provider === 'custom');
  return [...custom, ...KNOWN_PRESETS].map((preset) => ({
    preset,
    listing: {
      ...describeModel(preset, preset.id === config.defaultModelId),
      isConfigured: config.models.some((endpoint) => endpoint.preset.id === preset.id),
      enabledBy: enablingVariables(preset.provider) ?? null,
    },
  }));
}

/** The models `seer models --json` prints, in the table's order. */
export function listModels(config: SeerConfig): ModelListing[] {
  return knownModels(config).map((model) => model.listing);
}

/** How a budget is set and what it may be, short enough for a table: "forced 1–16,384", "effort minimal–high". */
function describeBudget(preset: ModelPreset): string {
  const { control } = preset.thinking.budget;
  if (control === 'none') return 'none';
  if (control === 'effort') {
    const levels = effortLevels(preset);
    return `effort ${levels.length === 1 ? levels[0] : `${levels[0]}–${levels.at(-1)}`}`;
  }
  const { min, max } = budgetRange(preset);
  return `${control} ${formatCount(min)}–${formatCount(max)}`;
}

/** The DashScope regions that offer a model, for its "configured" cell: " (cn)", " (intl, cn)". */
function regionsOf(preset: ModelPreset): string {
  const regions = Object.keys(preset.regions ?? {});
  return regions.length === 0 ? '' : ` (${regions.join(', ')})`;
}

function describePrices(prices: ModelPreset['prices']): string {
  return prices ? `$${prices.inputPerMillion.toFixed(2)} / $${prices.outputPerMillion.toFixed(2)}` : '—';
}

const LEGEND = [
  'Configured: yes, or the variable that enables the model here (and for DashScope the regions that',
  'offer it: DASHSCOPE_REGION=intl, cn or us).',
  'Thinking: always; optional (Seer asks for it); hidden (the model thinks but does not show it); none.',
  'Budget (--budget, in thinking tokens): native, the provider keeps to it; effort, the budget picks a',
  'reasoning effort level; forced, Seer cuts the thinking there itself; none, the model takes none.',
  'Prices: list prices in US dollars per million input / output tokens, used for cost estimates.',
  'Any OpenAI-compatible endpoint (vLLM, Ollama, a gateway) is added with SEER_BASE_URL and SEER_MODEL.',
];

/** The models as a table for people, with a legend of what the thinking and budget columns mean. */
export function formatModels(config: SeerConfig, isStyled: boolean): string {
  const style = createStyle(isStyled);
  const header = ['model', 'provider', 'configured', 'thinking', 'budget', 'video', 'prices'];
  const rows = knownModels(config).map(({ preset, listing }) => [
    listing.default ? `${preset.id} (default)` : preset.id,
    preset.provider,
    listing.isConfigured ? 'yes' : `set ${listing.enabledBy}${regionsOf(preset)}`,
    preset.thinking.mode,
    describeBudget(preset),
    preset.supportsVideo ? 'yes' : 'no',
    describePrices(preset.prices),
  ]);
  const [headerLine, ...rowLines] = formatTable([header, ...rows]).split('\n');
  return [style.dim(headerLine ?? ''), ...rowLines, '', ...LEGEND.map((line) => style.dim(line))].join('\n');
}

/**
 * `seer models`: lists every model Seer knows, says which are configured here and what enables the
 * others, and how each thinks, takes a budget and is priced. Resolves with the exit code.
 */
export async function runModels(options: ModelsOptions, context: CommandContext): Promise<ExitCodeValue> {
  const { config } = readCLIConfiguration(context.directory);
  context.stdout.write(
    options.json === true
      ? `${JSON.stringify(listModels(config), null, 2)}\n`
      : `${formatModels(config, context.terminal.isStdoutTTY && !context.terminal.hasNoColor)}\n`,
  );
  return ExitCode.success;
}
