import { describe, expect, test } from 'vitest';
import { translate } from './i18n';
import {
  budgetLabel,
  budgetPresets,
  budgetRange,
  capabilityBadges,
  clampBudget,
  thinkLongerBudget,
} from './thinking-budget';

const qvqRange = { min: 1024, max: 16384 };

describe('budgetRange', () => {
  test("is the model's range when it takes a budget", () => {
    expect(budgetRange({ control: 'forced', min: 1024, max: 16384 })).toEqual(qvqRange);
    expect(budgetRange({ control: 'native', min: 1024, max: 81920 })).toEqual({ min: 1024, max: 81920 });
  });

  test('is undefined when the model takes none', () => {
    expect(budgetRange({ control: 'none' })).toBeUndefined();
    expect(budgetRange(undefined)).toBeUndefined();
  });

  test('falls back to 1K–32K when the bounds are not given', () => {
    expect(budgetRange({ control: 'effort' })).toEqual({ min: 1024, max: 32768 });
  });
});

describe('clampBudget', () => {
  test('keeps a budget inside the range', () => {
    expect(clampBudget(100, qvqRange)).toBe(1024);
    expect(clampBudget(99_999, qvqRange)).toBe(16384);
    expect(clampBudget(Number.NaN, qvqRange)).toBe(1024);
  });

  test('rounds to 1,024-token steps from the minimum', () => {
    expect(clampBudget(4096, qvqRange)).toBe(4096);
    expect(clampBudget(5000, qvqRange)).toBe(5120);
    expect(clampBudget(3000, { min: 1000, max: 10_000 })).toBe(3048);
  });

  test('allows the maximum even off the steps', () => {
    expect(clampBudget(9999, { min: 1024, max: 10_000 })).toBe(10_000);
  });
});

describe('budgetPresets', () => {
  test('are 1K, 4K, 8K and 16K within a wide range', () => {
    expect(budgetPresets({ min: 1024, max: 81920 })).toEqual([1024, 4096, 8192, 16384]);
    expect(budgetPresets(qvqRange)).toEqual([1024, 4096, 8192, 16384]);
  });

  test('are clamped into a narrow range, without duplicates', () => {
    expect(budgetPresets({ min: 2048, max: 6144 })).toEqual([2048, 4096, 6144]);
    expect(budgetPresets({ min: 1024, max: 1024 })).toEqual([1024]);
  });

  test('have short labels', () => {
    expect(budgetPresets(qvqRange).map(budgetLabel)).toEqual(['1K', '4K', '8K', '16K']);
    expect(budgetLabel(1536)).toBe('1.5K');
  });
});

describe('thinkLongerBudget', () => {
  test('doubles the budget, clamped to the maximum', () => {
    expect(thinkLongerBudget(4096, qvqRange)).toBe(8192);
    expect(thinkLongerBudget(12288, qvqRange)).toBe(16384);
  });

  test('offers nothing once the budget is the maximum', () => {
    expect(thinkLongerBudget(16384, qvqRange)).toBeUndefined();
  });
});

describe('capabilityBadges', () => {
  test('QVQ-Max: thinks always, budget, video', () => {
    const badges = capabilityBadges({
      thinking: 'always',
      budget: { control: 'forced', min: 1024, max: 16384 },
      supportsVideo: true,
    });
    expect(badges).toEqual(['model.badge.always', 'model.badge.budget', 'model.badge.video']);
    expect(badges.map((key) => translate('en', key))).toEqual(['Thinks always', 'Budget', 'Video']);
    expect(badges.map((key) => translate('zh', key))).toEqual(['始终思考', '预算', '视频']);
  });

  test('each thinking mode has its badge', () => {
    expect(capabilityBadges({ thinking: 'optional', budget: { control: 'native' } })).toEqual([
      'model.badge.optional',
      'model.badge.budget',
    ]);
    expect(capabilityBadges({ thinking: 'hidden', budget: { control: 'effort' } })[0]).toBe(
      'model.badge.hidden',
    );
    expect(capabilityBadges({ thinking: 'none', budget: { control: 'none' }, supportsVideo: false })).toEqual(
      ['model.badge.none'],
    );
  });

  test('a model without the fields gets no badges', () => {
    expect(capabilityBadges({})).toEqual([]);
  });
});
