import type { RunState } from '../hooks/use-analysis';
import type { LiveText } from '../lib/live-text';
import { LiveTextView } from './live-text-view';
import { RunSummary } from './run-summary';

/** Props of `AnswerPanel`. */
export interface AnswerPanelProps {
  state: RunState;
  answer: LiveText;
}

/**
 * The region named "Answer": the answer as plain text while it streams (announced politely to screen
 * readers), then the run's usage, time and structured result.
 */
export function AnswerPanel({ state, answer }: AnswerPanelProps) {
  const isWaiting = state.status === 'running' && state.answer === 'none';
  return (
    <section aria-label="Answer" aria-live="polite" className="panel answer-panel">
      <h2 className="panel-title">Answer</h2>
      {isWaiting ? <p className="panel-placeholder">The answer follows the thinking.</p> : null}
      <LiveTextView text={answer} className="answer-text" />
      {state.status === 'stopped' ? (
        <p className="run-note" role="status">
          Stopped. What arrived so far is kept.
        </p>
      ) : null}
      {state.finish ? <RunSummary finish={state.finish} /> : null}
    </section>
  );
}
