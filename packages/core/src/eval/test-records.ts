import type { BudgetSent, EvalRecord } from './record';

/** An answer at `budget`, scored and not correct, with plain defaults for every field not given. */
export function record(fields: Partial<EvalRecord> & Pick<EvalRecord, 'id' | 'budget'>): EvalRecord {
  const sent: BudgetSent =
    typeof fields.budget === 'number'
      ? { how: 'thinking_budget', value: fields.budget }
      : { how: 'reasoning_effort', value: fields.budget };
  return {
    repeat: 0,
    sent,
    status: 'scored',
    answer: 'A',
    extracted: 'A',
    correct: false,
    text: 'The answer is A.',
    usage: { inputTokens: 1000, outputTokens: 300, reasoningTokens: 200, isEstimated: false },
    finishReason: 'stop',
    latencyMs: 1000,
    ...fields,
  };
}

/** `correct` right answers out of `total` items at one budget, every item scored. */
export function sweep(budget: number | string, correct: number, total: number, thinking = 200): EvalRecord[] {
  return Array.from({ length: total }, (_, index) =>
    record({
      id: `item-${index}`,
      budget,
      correct: index < correct,
      usage: {
        inputTokens: 1000,
        outputTokens: thinking + 100,
        reasoningTokens: thinking,
        isEstimated: false,
      },
    }),
  );
}
