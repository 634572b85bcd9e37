import { useT } from '../hooks/use-locale';
import { formatCount } from '../lib/format';

/** Props of `BudgetOutcome`. */
export interface BudgetOutcomeProps {
  /** The thinking budget the run was given, in tokens. */
  budget: number;
  /** The reasoning tokens the run used, when the provider reported them. */
  used?: number;
  /** The budget "Think longer" re-runs with, when the budget ran out and more is allowed. */
  longerBudget?: number;
  onThinkLonger?: () => void;
}

/** After a run with a thinking budget: the budget and what was used, and "Think longer" when it ran out. */
export function BudgetOutcome({ budget, used, longerBudget, onThinkLonger }: BudgetOutcomeProps) {
  const t = useT();
  return (
    <div className="budget-outcome">
      <span>
        {t('budget.used', {
          budget: formatCount(budget),
          used: used === undefined ? '—' : formatCount(used),
        })}
      </span>
      {longerBudget !== undefined && onThinkLonger ? (
        <button type="button" className="button secondary" onClick={onThinkLonger}>
          {t('budget.thinkLonger', { budget: formatCount(longerBudget) })}
        </button>
      ) : null}
    </div>
  );
}
