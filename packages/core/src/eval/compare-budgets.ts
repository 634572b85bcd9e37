/** Effort levels from least to most thinking; budgets by name sort in this order. */
const EFFORT_LEVELS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** Sorts names with the numbers in them read as numbers ("level 2" before "level 10"). */
export const collator = new Intl.Collator('en', { numeric: true });

/** Orders budgets: token counts ascending, then effort levels from least to most, then other names. */
export function compareBudgets(a: number | string, b: number | string): number {
  const rank = (budget: number | string): [number, number] => {
    if (typeof budget === 'number') return [0, budget];
    const level = EFFORT_LEVELS.indexOf(budget);
    return level === -1 ? [2, 0] : [1, level];
  };
  const [groupA, valueA] = rank(a);
  const [groupB, valueB] = rank(b);
  if (groupA !== groupB) return groupA - groupB;
  if (valueA !== valueB) return valueA - valueB;
  return typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : 0;
}
