import { useState } from 'react';
import type { ModelSummary } from '../api/seer-api';
import { type BudgetRange, budgetRange, clampBudget, thinkLongerBudget } from '../lib/thinking-budget';
import { type Analysis, type AnalysisInput, useAnalysis } from './use-analysis';

/** A thinking budget a run was given, and the model's range it was chosen in. */
export interface GivenBudget {
  budget: number;
  range: BudgetRange;
}

/** What `useRunSlot` gives a component. */
export interface RunSlot {
  /** The run itself: its state and its streamed thinking and answer. */
  analysis: Analysis;
  /** The chosen model's id: the catalog's default until another is chosen. */
  modelId: string;
  model: ModelSummary | undefined;
  chooseModel: (id: string) => void;
  /** The chosen model's budget range; undefined when it takes no budget. */
  range: BudgetRange | undefined;
  /** The chosen budget, within the model's range; undefined is "Off (default)". */
  budget: number | undefined;
  chooseBudget: (budget: number | undefined) => void;
  /** The budget the current run was given, if it was given one. */
  givenBudget: GivenBudget | undefined;
  /** Whether a run was started here, so that it can be tried again. */
  hasRun: boolean;
  /** Starts a run on the chosen model and budget, with the input `inputFor` makes for them. */
  start: (inputFor: (model: ModelSummary, budget: number | undefined) => Promise<AnalysisInput>) => void;
  /** Runs the last input again. */
  retry: () => void;
  /** Twice the last run's budget, within its range, when that budget ran out; else undefined. */
  longerBudget: number | undefined;
  /** The last run again with `longerBudget`, which becomes the chosen budget. */
  thinkLonger: () => void;
}

/**
 * One analysis run and what it is run with: its model and thinking budget (the budget is kept across
 * models, fitted to the chosen one's range), its last input for "Try again" and "Think longer". Compare
 * mode is two of these.
 */
export function useRunSlot(models: ModelSummary[] | undefined, defaultModelId: string | undefined): RunSlot {
  const analysis = useAnalysis();
  const [chosenModelId, chooseModel] = useState<string>();
  const [chosenBudget, chooseBudget] = useState<number>();
  const [lastInput, setLastInput] = useState<Promise<AnalysisInput>>();
  const [givenBudget, setGivenBudget] = useState<GivenBudget>();
  const modelId = chosenModelId ?? defaultModelId ?? '';
  const model = models?.find((candidate) => candidate.id === modelId);
  const range = budgetRange(model?.budget);
  const budget = range && chosenBudget !== undefined ? clampBudget(chosenBudget, range) : undefined;
  const longerBudget =
    givenBudget && analysis.state.finish?.finishReason === 'budget'
      ? thinkLongerBudget(givenBudget.budget, givenBudget.range)
      : undefined;
  const { run } = analysis;

  const start = (inputFor: (model: ModelSummary, budget: number | undefined) => Promise<AnalysisInput>) => {
    if (!model) return;
    const input = inputFor(model, budget);
    setLastInput(input);
    setGivenBudget(range && budget !== undefined ? { budget, range } : undefined);
    run(input);
  };

  const retry = () => {
    if (lastInput) run(lastInput);
  };

  const thinkLonger = () => {
    if (!lastInput || !givenBudget || longerBudget === undefined) return;
    const input = lastInput.then(
      (previous): AnalysisInput => ({
        ...previous,
        request: { ...previous.request, thinking: { budget: longerBudget } },
      }),
    );
    chooseBudget(longerBudget);
    setLastInput(input);
    setGivenBudget({ budget: longerBudget, range: givenBudget.range });
    run(input);
  };

  return {
    analysis,
    modelId,
    model,
    chooseModel,
    range,
    budget,
    chooseBudget,
    givenBudget,
    hasRun: lastInput !== undefined,
    start,
    retry,
    longerBudget,
    thinkLonger,
  };
}
