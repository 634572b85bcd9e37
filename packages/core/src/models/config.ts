import { z } from 'zod';
import { ModelFamilySchema } from '../contract/models';
import { ConfigError } from '../errors';
import {
  customPreset,
  DASHSCOPE_PRESETS,
  type DashScopeRegion,
  DEMO_PRESET,
  type ModelPreset,
  OPENAI_PRESETS,
  OPENROUTER_PRESETS,
} from './presets';

/** An optional text variable: trimmed, and unset when empty. */
export const textVariable = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const optionalURL = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional())
  .optional();
/** A whole-number variable between `min` and `max`, `fallback` when unset or empty. */
export const integerVariable = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? String(fallback) : value))
    .transform((value) => Number(value))
    .pipe(z.number({ error: 'must be a number' }).int('must be a whole number').min(min).max(max));

/**
 * The error for bad configuration variables: one message that names every one, and the list as
 * `problems`.
 */
export function invalidVariables(problems: readonly string[]): ConfigError {
  return new ConfigError(`Invalid configuration: ${problems.join('; ')}.`, { problems: [...problems] });
}

/**
 * Environment variables validated against a schema of them, each bad one named as `NAME message`.
 *
 * @throws ConfigError naming every bad variable ({@link invalidVariables}).
 */
export function parseVariables<Schema extends z.ZodType>(
  schema: Schema,
  environment: Record<string, string | undefined>,
): z.output<Schema> {
  const parsed = schema.safeParse(environment);
  if (parsed.success) return parsed.data;
  throw invalidVariables(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
}

/**
 * The environment variables of Seer's models and media (docs/configuration.md), read by the API and
 * the CLI alike, validated with a message per bad one. The server's own settings (auth, rate limits,
 * CORS, body size, shutdown, logging, listen address) are the API's to read.
 */
export const EnvironmentSchema = z.object({
  DASHSCOPE_API_KEY: textVariable,
  DASHSCOPE_BASE_URL: optionalURL,
  DASHSCOPE_REGION: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(['intl', 'cn', 'us'], { error: 'must be intl, cn or us' }).optional(),
  ),
  OPENAI_API_KEY: textVariable,
  OPENAI_BASE_URL: optionalURL,
  OPENROUTER_API_KEY: textVariable,
  OPENROUTER_BASE_URL: optionalURL,
  SEER_BASE_URL: optionalURL,
  SEER_API_KEY: textVariable,
  SEER_MODEL: textVariable,
  SEER_MODEL_FAMILY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(ModelFamilySchema.options, { error: 'must be qwen2.5-vl, qwen3-vl or generic' }).optional(),
  ),
  SEER_MODEL_THINK_TAGS: z
    .enum(['auto', 'implicit', 'off', ''], { error: 'must be auto, implicit or off' })
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  SEER_MODEL_PREFILL: z
    .enum(['0', '1', 'true', 'false', ''], { error: 'must be 1 or 0' })
    .optional()
    .transform((value) => value === '1' || value === 'true'),
  SEER_DEFAULT_MODEL: textVariable,
  SEER_UPSTREAM_IDLE_TIMEOUT_MS: integerVariable(120_000, 100, 3_600_000),
  SEER_UPSTREAM_TOTAL_TIMEOUT_MS: integerVariable(1_800_000, 1_000, 86_400_000),
  SEER_TEMPLATES_DIR: textVariable,
  SEER_ALLOW_PRIVATE_URLS: z
    .enum(['0', '1', 'true', 'false', ''], { error: 'must be 1 or 0' })
    .optional()
    .transform((value) => value === '1' || value === 'true'),
  SEER_MEDIA_CONCURRENCY: integerVariable(2, 1, 256),
  SEER_IMAGE_PIXEL_BUDGET_MP: integerVariable(100, 1, 100_000),
});

/** Where and how Seer reaches one model. Holds the provider key: never sent to a client. */
export interface ModelEndpoint {
  preset: ModelPreset;
  baseURL: string;
  apiKey: string;
}

/** Seer's configuration, read once at start-up and passed down. */
export interface SeerConfig {
  /** The models that can be used, in the order `/v1/models` lists them. `demo` is last, and always there. */
  models: ModelEndpoint[];
  defaultModelId: string;
  /** How many image or video preparations run at once; the rest wait their turn. */
  mediaConcurrency: number;
  /** The most image pixels decoded at once across all preparations, in megapixels; one larger image still runs alone. */
  imagePixelBudgetMP: number;
  upstreamIdleTimeoutMs: number;
  /** The longest one provider call may last, whatever it sends meanwhile; then it is cut. */
  upstreamTotalTimeoutMs: number;
  allowPrivateURLs: boolean;
  /** A folder of custom template JSON files. */
  templatesDir: string | undefined;
}

/** Default provider base URLs. */
export const DEFAULT_BASE_URLS = {
  dashscope: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  openai: 'https://api.openai.com/v1',
  openrouter: 'https://openrouter.ai/api/v1',
} as const;

/** DashScope's OpenAI-compatible endpoint in each region; a key works in its own region only. */
export const DASHSCOPE_REGION_URLS: Record<DashScopeRegion, string> = {
  intl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  cn: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  us: 'https://dashscope-us.aliyuncs.com/compatible-mode/v1',
};

/**
 * The DashScope region of a configuration: `DASHSCOPE_REGION` when set, else the one its base URL names
 * (`dashscope.aliyuncs.com` is the mainland's), else international. A base URL that names no region (a
 * gateway, the mock provider) keeps the international list.
 */
export function dashScopeRegion(
  region: DashScopeRegion | undefined,
  baseURL: string | undefined,
): DashScopeRegion {
  if (region) return region;
  const host = baseURL ? new URL(baseURL).hostname : '';
  if (host === 'dashscope.aliyuncs.com') return 'cn';
  if (host === 'dashscope-us.aliyuncs.com') return 'us';
  return 'intl';
}

/**
 * The DashScope presets a region offers, each with that region's prices (none where they were not read).
 */
export function dashScopePresetsFor(region: DashScopeRegion): ModelPreset[] {
  return DASHSCOPE_PRESETS.flatMap((preset) => {
    const offer = preset.regions?.[region];
    if (!offer) return [];
    if (offer.prices === undefined) return [preset];
    const { prices: _international, ...rest } = preset;
    return [offer.prices === null ? rest : { ...rest, prices: offer.prices }];
  });
}

/**
 * Reads Seer's configuration from environment variables (and whatever the caller merged into them, such
 * as `seer.config.json`). Throws a {@link ConfigError} that names every bad variable.
 *
 * @example
 * const config = loadConfig(process.env);
 * config.models.map((endpoint) => endpoint.preset.id); // ['qvq-max', …, 'demo'] with DASHSCOPE_API_KEY set
 */
export function loadConfig(environment: Record<string, string | undefined>): SeerConfig {
  const env = parseVariables(EnvironmentSchema, environment);
  const models: ModelEndpoint[] = [];
  const add = (presets: readonly ModelPreset[], baseURL: string, apiKey: string) => {
    for (const preset of presets) models.push({ preset, baseURL, apiKey });
  };

  if (env.SEER_BASE_URL || env.SEER_MODEL) {
    if (!env.SEER_BASE_URL || !env.SEER_MODEL) {
      throw new ConfigError('Invalid configuration: SEER_BASE_URL and SEER_MODEL must be set together.');
    }
    const family = env.SEER_MODEL_FAMILY;
    add(
      [customPreset(env.SEER_MODEL, family, env.SEER_MODEL_PREFILL, env.SEER_MODEL_THINK_TAGS)],
      env.SEER_BASE_URL,
      env.SEER_API_KEY ?? 'none',
    );
  }
  if (env.DASHSCOPE_API_KEY) {
    const region = dashScopeRegion(env.DASHSCOPE_REGION, env.DASHSCOPE_BASE_URL);
    add(
      dashScopePresetsFor(region),
      env.DASHSCOPE_BASE_URL ?? DASHSCOPE_REGION_URLS[region],
      env.DASHSCOPE_API_KEY,
    );
  }
  if (env.OPENAI_API_KEY) {
    add(OPENAI_PRESETS, env.OPENAI_BASE_URL ?? DEFAULT_BASE_URLS.openai, env.OPENAI_API_KEY);
  }
  if (env.OPENROUTER_API_KEY) {
    add(OPENROUTER_PRESETS, env.OPENROUTER_BASE_URL ?? DEFAULT_BASE_URLS.openrouter, env.OPENROUTER_API_KEY);
  }
  models.push({ preset: DEMO_PRESET, baseURL: '', apiKey: '' });

  const defaultModelId = env.SEER_DEFAULT_MODEL ?? models[0]!.preset.id;
  if (!models.some((endpoint) => endpoint.preset.id === defaultModelId)) {
    const known = models.map((endpoint) => endpoint.preset.id).join(', ');
    throw new ConfigError(
      `Invalid configuration: SEER_DEFAULT_MODEL "${defaultModelId}" is not a configured model (configured: ${known}).`,
    );
  }

  return {
    models,
    defaultModelId,
    mediaConcurrency: env.SEER_MEDIA_CONCURRENCY,
    imagePixelBudgetMP: env.SEER_IMAGE_PIXEL_BUDGET_MP,
    upstreamIdleTimeoutMs: env.SEER_UPSTREAM_IDLE_TIMEOUT_MS,
    upstreamTotalTimeoutMs: env.SEER_UPSTREAM_TOTAL_TIMEOUT_MS,
    allowPrivateURLs: env.SEER_ALLOW_PRIVATE_URLS,
    templatesDir: env.SEER_TEMPLATES_DIR,
  };
}

/** Whether only the demo model is configured. */
export function hasOnlyDemo(config: SeerConfig): boolean {
  return config.models.every((endpoint) => endpoint.preset.provider === 'demo');
}
