import type { ModelSummary } from '../api/seer-api';
import type { RunSlot } from '../hooks/use-run-slot';
import { ModelPicker } from './model-picker';
import { ThinkingBudget } from './thinking-budget';

/** Props of `ModelChoice`. */
export interface ModelChoiceProps {
  models: ModelSummary[];
  /** The run the model and budget are chosen for. */
  slot: RunSlot;
  disabled: boolean;
  /** The labels of the model select and the budget slider, where they are not "Model" and "Thinking budget". */
  labels?: { model: string; budget: string };
}

/** The model for one run, and its thinking budget where the model takes one. */
export function ModelChoice({ models, slot, disabled, labels }: ModelChoiceProps) {
  return (
    <>
      <ModelPicker
        models={models}
        value={slot.modelId}
        onChange={slot.chooseModel}
        disabled={disabled}
        {...(labels ? { label: labels.model } : {})}
      />
      {slot.range ? (
        <ThinkingBudget
          range={slot.range}
          value={slot.budget}
          onChange={slot.chooseBudget}
          disabled={disabled}
          {...(labels ? { label: labels.budget } : {})}
        />
      ) : null}
    </>
  );
}
