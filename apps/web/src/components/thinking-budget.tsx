import './thinking-budget.css';
import { useId } from 'react';
import { useT } from '../hooks/use-locale';
import { formatCount } from '../lib/format';
import {
  type BudgetRange,
  budgetLabel,
  budgetPresets,
  budgetStep,
  clampBudget,
} from '../lib/thinking-budget';

/** Props of `ThinkingBudget`. */
export interface ThinkingBudgetProps {
  range: BudgetRange;
  /** The chosen budget in tokens; `undefined` is "Off (default)": no budget is sent. */
  value: number | undefined;
  onChange: (budget: number | undefined) => void;
  disabled?: boolean;
  /** The slider's label; "Thinking budget" unless given (compare mode's second budget). */
  label?: string;
}

/**
 * The thinking budget: a slider labelled "Thinking budget" in 1,024-token steps over the model's range,
 * preset buttons (1K, 4K, 8K, 16K fitted to the range) and "Off (default)", which sends no budget.
 */
export function ThinkingBudget({ range, value, onChange, disabled, label }: ThinkingBudgetProps) {
  const t = useT();
  const sliderId = useId();
  const outputId = useId();
  // Off, the thumb rests at the minimum; touching it turns the budget on where it rests.
  const shown = value ?? range.min;
  const valueText = value === undefined ? t('budget.off') : t('budget.value', { count: formatCount(value) });
  return (
    <div className="field thinking-budget" data-off={value === undefined ? '' : undefined}>
      <div className="budget-header">
        <label htmlFor={sliderId} className="field-label">
          {label ?? t('budget.label')}
        </label>
        <output id={outputId} htmlFor={sliderId} className="budget-value">
          {valueText}
        </output>
      </div>
      <input
        id={sliderId}
        type="range"
        min={range.min}
        max={range.max}
        step={budgetStep}
        value={shown}
        aria-valuetext={valueText}
        onChange={(event) => onChange(clampBudget(Number(event.target.value), range))}
        onPointerDown={() => {
          if (value === undefined) onChange(shown);
        }}
        disabled={disabled}
      />
      <div className="budget-range" aria-hidden="true">
        <span>{formatCount(range.min)}</span>
        <span>{formatCount(range.max)}</span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset. */}
      <div
        className="budget-presets"
        role="group"
        aria-label={label ? `${t('budget.presets')} (${label})` : t('budget.presets')}
      >
        <button
          type="button"
          className="chip"
          aria-pressed={value === undefined}
          onClick={() => onChange(undefined)}
          disabled={disabled}
        >
          {t('budget.off')}
        </button>
        {budgetPresets(range).map((budget) => (
          <button
            key={budget}
            type="button"
            className="chip"
            aria-pressed={value === budget}
            aria-label={t('budget.value', { count: formatCount(budget) })}
            onClick={() => onChange(budget)}
            disabled={disabled}
          >
            {budgetLabel(budget)}
          </button>
        ))}
      </div>
    </div>
  );
}
