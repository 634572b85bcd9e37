import type { MessageKey } from './i18n';

/** How a model takes a thinking budget, as `/v1/models` says (docs/api.md, thinking budget). */
export interface BudgetSupport {
  control: 'native' | 'effort' | 'forced' | 'none';
  min?: number | undefined;
  max?: number | undefined;
}

/** The slider's step: budgets go in 1,024-token steps. */
export const budgetStep = 1024;

/** The budgets offered as presets (1K, 4K, 8K, 16K), before they are fitted to a model's range. */
export const presetBudgets: readonly number[] = [1024, 4096, 8192, 16384];

/** A model's budget range in tokens. */
export interface BudgetRange {
  min: number;
  max: number;
}

/** The range used when a model takes a budget but does not say its bounds. */
const fallbackRange: BudgetRange = { min: 1024, max: 32768 };

/**
 * The range of budgets a model takes, or `undefined` when it takes none (control `none`, or unknown).
 *
 * @example
 * budgetRange({ control: 'forced', min: 1024, max: 16384 }); // { min: 1024, max: 16384 }
 * budgetRange({ control: 'none' }); // undefined
 */
export function budgetRange(support: BudgetSupport | undefined): BudgetRange | undefined {
  if (!support || support.control === 'none') return undefined;
  const min = Math.max(1, support.min ?? fallbackRange.min);
  const max = Math.max(min, support.max ?? fallbackRange.max);
  return { min, max };
}

/**
 * A budget kept inside `range`, on the slider's 1,024-token steps counted from the range's minimum
 * (the maximum itself is always allowed).
 *
 * @example
 * clampBudget(5000, { min: 1024, max: 16384 }); // 5120
 * clampBudget(99999, { min: 1024, max: 16384 }); // 16384
 */
export function clampBudget(budget: number, range: BudgetRange): number {
  if (!Number.isFinite(budget) || budget <= range.min) return range.min;
  if (budget >= range.max) return range.max;
  const stepped = range.min + Math.round((budget - range.min) / budgetStep) * budgetStep;
  return Math.min(range.max, stepped);
}

/**
 * The preset budgets for a range: 1K, 4K, 8K and 16K clamped into it, without duplicates, ascending.
 *
 * @example
 * budgetPresets({ min: 2048, max: 6144 }); // [2048, 4096, 6144]
 */
export function budgetPresets(range: BudgetRange): number[] {
  return [...new Set(presetBudgets.map((budget) => clampBudget(budget, range)))].sort((a, b) => a - b);
}

/** A preset's short label: 1024 → "1K", 16384 → "16K", 1500 → "1.5K". */
export function budgetLabel(budget: number): string {
  const thousands = budget / 1024;
  return `${Number.isInteger(thousands) ? thousands : thousands.toFixed(1)}K`;
}

/**
 * The budget for "Think longer": twice the last one, within the range; `undefined` when the last one
 * was already the most the model takes.
 *
 * @example
 * thinkLongerBudget(4096, { min: 1024, max: 16384 }); // 8192
 * thinkLongerBudget(16384, { min: 1024, max: 16384 }); // undefined
 */
export function thinkLongerBudget(budget: number, range: BudgetRange): number | undefined {
  if (budget >= range.max) return undefined;
  return clampBudget(budget * 2, range);
}

/** What the model picker's badges need of a model. */
export interface BadgeModel {
  thinking?: 'always' | 'optional' | 'hidden' | 'none' | undefined;
  budget?: BudgetSupport | undefined;
  supportsVideo?: boolean | undefined;
}

/**
 * The capability badges of a model, as dictionary keys: how it thinks, "Budget" when it takes a
 * thinking budget, and "Video" when it takes video.
 *
 * @example
 * capabilityBadges({ thinking: 'always', budget: { control: 'forced' }, supportsVideo: true });
 * // ['model.badge.always', 'model.badge.budget', 'model.badge.video']
 */
export function capabilityBadges(model: BadgeModel): MessageKey[] {
  const badges: MessageKey[] = [];
  if (model.thinking) badges.push(`model.badge.${model.thinking}`);
  if (model.budget && model.budget.control !== 'none') badges.push('model.badge.budget');
  if (model.supportsVideo) badges.push('model.badge.video');
  return badges;
}
