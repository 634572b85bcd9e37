import type { ProviderId } from '../contract/models';
import {
  DASHSCOPE_PRESETS,
  DEMO_PRESET,
  type ModelPreset,
  OPENAI_PRESETS,
  OPENROUTER_PRESETS,
} from './presets';

/**
 * Every model Seer has a preset for, configured here or not, in listing order: the providers' presets,
 * then the demo. Messages and `seer models` use it to tell a model that only needs a key from an id Seer
 * has never heard of. A custom endpoint's model is not among them: its id is whatever `SEER_MODEL` says.
 */
export const KNOWN_PRESETS: readonly ModelPreset[] = [
  ...DASHSCOPE_PRESETS,
  ...OPENAI_PRESETS,
  ...OPENROUTER_PRESETS,
  DEMO_PRESET,
];

/** The preset Seer knows by this id, whether or not its provider is configured; else `undefined`. */
export function findKnownPreset(id: string): ModelPreset | undefined {
  return KNOWN_PRESETS.find((preset) => preset.id === id);
}

const ENABLING_VARIABLES: Record<ProviderId, string | undefined> = {
  dashscope: 'DASHSCOPE_API_KEY',
  openai: 'OPENAI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
  custom: 'SEER_BASE_URL and SEER_MODEL',
  demo: undefined,
};

/**
 * What enables a provider's models, as messages name it: `DASHSCOPE_API_KEY`, or `SEER_BASE_URL and
 * SEER_MODEL` for a custom endpoint; `undefined` for the demo, which is always there.
 */
export function enablingVariables(provider: ProviderId): string | undefined {
  return ENABLING_VARIABLES[provider];
}
