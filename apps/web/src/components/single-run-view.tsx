import type { RunSlot } from '../hooks/use-run-slot';
import type { RunPicture } from '../lib/run-pictures';
import { AnswerPanel } from './answer-panel';
import { BudgetOutcome } from './budget-outcome';
import { ThinkingPanel } from './thinking-panel';

/** Props of `SingleRunView`. */
export interface SingleRunViewProps {
  slot: RunSlot;
  /** Runs the last input again with `slot.longerBudget`. */
  onThinkLonger: () => void;
  /** The run's pictures, by media index, for the places the model marked. */
  pictures: readonly RunPicture[];
}

/**
 * One run's "Thinking" and "Answer" regions, the answer followed by the budget it was given and what it
 * used, with "Think longer" when the budget ran out.
 */
export function SingleRunView({ slot, onThinkLonger, pictures }: SingleRunViewProps) {
  const { analysis, givenBudget, longerBudget } = slot;
  const { state } = analysis;
  return (
    <>
      <ThinkingPanel state={state} thinking={analysis.thinking} />
      <AnswerPanel
        state={state}
        answer={analysis.answer}
        pictures={pictures}
        footer={
          givenBudget && state.finish ? (
            <BudgetOutcome
              budget={givenBudget.budget}
              {...(state.finish.usage.reasoningTokens !== undefined
                ? { used: state.finish.usage.reasoningTokens }
                : {})}
              {...(longerBudget !== undefined ? { longerBudget, onThinkLonger } : {})}
            />
          ) : undefined
        }
      />
    </>
  );
}
