import { useEffect, useId, useState } from 'react';
import type { RunState } from '../hooks/use-analysis';
import { formatCount, formatSeconds } from '../lib/format';
import type { LiveText } from '../lib/live-text';
import { LiveTextView } from './live-text-view';

/** Props of `ThinkingPanel`. */
export interface ThinkingPanelProps {
  state: RunState;
  thinking: LiveText;
}

function describeThinking(state: RunState): string {
  if (state.reasoning === 'streaming')
    return state.status === 'running' ? 'Thinking…' : 'Thinking (cut short)';
  if (state.reasoning === 'done' && state.reasoningEnd) {
    const { durationMs, tokens } = state.reasoningEnd;
    const tokenCount = tokens === undefined ? '' : ` · ${formatCount(tokens)} tokens`;
    return `Thought for ${formatSeconds(durationMs)}${tokenCount}`;
  }
  if (state.reasoning === 'done') return 'Thought';
  if (state.status === 'running' && state.answer === 'none') {
    return state.start ? 'Waiting for the model…' : 'Preparing media…';
  }
  return 'No thinking was shared';
}

/**
 * The region named "Thinking": "Thinking…" while the model reasons, then "Thought for 12.3 s", with the
 * thinking text streaming below. It collapses when the answer begins; its header button toggles it.
 */
export function ThinkingPanel({ state, thinking }: ThinkingPanelProps) {
  const textId = useId();
  const [isExpanded, setExpanded] = useState(true);
  const hasAnswerStarted = state.answer !== 'none';

  // The thinking gives way to the answer once that begins, and comes back for the next run.
  useEffect(() => {
    setExpanded(!hasAnswerStarted);
  }, [hasAnswerStarted]);

  const isThinking = state.reasoning === 'streaming' && state.status === 'running';
  return (
    <section aria-label="Thinking" className={`panel thinking-panel${isThinking ? ' is-active' : ''}`}>
      <button
        type="button"
        className="thinking-toggle"
        aria-expanded={isExpanded}
        aria-controls={textId}
        onClick={() => setExpanded((value) => !value)}
      >
        <span className="thinking-status">
          {isThinking ? <span className="pulse" aria-hidden="true" /> : null}
          {describeThinking(state)}
        </span>
        <span className="chevron" aria-hidden="true" />
      </button>
      <div id={textId} hidden={!isExpanded}>
        <LiveTextView text={thinking} className="thinking-text" followsEnd />
      </div>
    </section>
  );
}
