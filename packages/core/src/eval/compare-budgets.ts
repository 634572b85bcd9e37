import { EFFORT_LEVELS } from '../models/budget';

/** Sorts names with the numbers in them read as numbers ("level 2" before "level 10"). */
export const collator = new Intl.Collator('en', { numeric: true });

/**
 * Orders budgets from least thinking to most: token counts ascending, then effort levels in their order,
 * then other names. The runner asks budgets in this order and the summary and charts list them in it.
 */
export function compareBudgets(a: number | string, b: number | string): number {
  const rank = (budget: number | string): [number, number] => {
    if (typeof budget === 'number') return [0, budget];
    const level = (EFFORT_LEVELS as readonly string[]).indexOf(budget);
    return level === -1 ? [2, 0] : [1, level];
  };
  const [groupA, valueA] = rank(a);
  const [groupB, valueB] = rank(b);
  if (groupA !== groupB) return groupA - groupB;
  if (valueA !== valueB) return valueA - valueB;
  return typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : 0;
}
