import type { AnalysisEventOf, FinishReason } from '@seer/core';
import { formatCount, formatSeconds } from '../lib/format';

/** Props of `RunSummary`. */
export interface RunSummaryProps {
  finish: AnalysisEventOf<'finish'>;
}

const finishNotes: Partial<Record<FinishReason, string>> = {
  length: 'The answer was cut off by the token limit.',
  budget: 'The thinking budget ran out, so the model was asked to answer with what it had.',
  content_filter: 'The provider filtered the output.',
  error: 'The model reported an error.',
};

/** After a run: total time, token usage, why it ended when that was not a normal stop, and the result. */
export function RunSummary({ finish }: RunSummaryProps) {
  const { usage, timing, result, finishReason } = finish;
  const note = finishNotes[finishReason];
  return (
    <div className="run-summary">
      <dl className="usage">
        <div>
          <dt>Time</dt>
          <dd>{formatSeconds(timing.totalMs)}</dd>
        </div>
        <div>
          <dt>Input</dt>
          <dd>{formatCount(usage.inputTokens)} tokens</dd>
        </div>
        <div>
          <dt>Output</dt>
          <dd>{formatCount(usage.outputTokens)} tokens</dd>
        </div>
        {usage.reasoningTokens !== undefined ? (
          <div>
            <dt>Reasoning</dt>
            <dd>{formatCount(usage.reasoningTokens)} tokens</dd>
          </div>
        ) : null}
      </dl>
      {note ? <p className="run-note">{note}</p> : null}
      {result ? (
        <details className="result" open>
          <summary>Result</summary>
          <pre>{JSON.stringify(result, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}
