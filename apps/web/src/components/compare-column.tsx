import type { Analysis } from '../hooks/use-analysis';
import { useT } from '../hooks/use-locale';
import { formatCount } from '../lib/format';
import type { RunPicture } from '../lib/run-pictures';
import { AnswerPanel } from './answer-panel';
import { BudgetOutcome } from './budget-outcome';
import { ThinkingPanel } from './thinking-panel';

/** One side of a compared run: which it is, the model it asked, and the thinking budget it gave. */
export interface ComparedRun {
  run: 'A' | 'B';
  /** The model's label. */
  model: string;
  /** The thinking budget in tokens; absent when none was sent. */
  budget?: number;
}

/** Props of `CompareColumn`. */
export interface CompareColumnProps {
  run: ComparedRun;
  analysis: Analysis;
  /** The run's pictures, by media index, for the places the model marked. */
  pictures: readonly RunPicture[];
}

/**
 * One column of compare mode: its model and budget, then its own "Thinking (A)" and "Answer (A)"
 * regions (or B), streaming from its own `useAnalysis`; usage and "Thought for" when it ends.
 */
export function CompareColumn({ run, analysis, pictures }: CompareColumnProps) {
  const t = useT();
  const { state } = analysis;
  const title = t('compare.run', { run: run.run });
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of two regions, not a form fieldset.
    <div className="compare-column" role="group" aria-label={title}>
      <header className="compare-header">
        <h2 className="panel-title">{title}</h2>
        <p className="compare-setup">
          <span className="compare-model">{run.model}</span>
          <span className="compare-budget">
            {run.budget === undefined
              ? t('compare.noBudget')
              : t('budget.value', { count: formatCount(run.budget) })}
          </span>
        </p>
      </header>
      <ThinkingPanel
        state={state}
        thinking={analysis.thinking}
        label={t('compare.thinking', { run: run.run })}
      />
      <AnswerPanel
        state={state}
        answer={analysis.answer}
        label={t('compare.answer', { run: run.run })}
        pictures={pictures}
        footer={
          run.budget !== undefined && state.finish ? (
            <BudgetOutcome
              budget={run.budget}
              {...(state.finish.usage.reasoningTokens !== undefined
                ? { used: state.finish.usage.reasoningTokens }
                : {})}
            />
          ) : undefined
        }
      />
    </div>
  );
}
