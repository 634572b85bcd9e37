import { useEffect, useId, useState } from 'react';
import type { RunState } from '../hooks/use-analysis';
import { useT } from '../hooks/use-locale';
import { formatCount, formatSeconds } from '../lib/format';
import type { Translate } from '../lib/i18n';
import type { LiveText } from '../lib/live-text';
import { LiveTextView } from './live-text-view';

/** Props of `ThinkingPanel`. */
export interface ThinkingPanelProps {
  state: RunState;
  thinking: LiveText;
  /** The region's name; "Thinking" unless given (compare mode names its two "Thinking (A)" and "(B)"). */
  label?: string;
}

function describeThinking(state: RunState, t: Translate): string {
  if (state.reasoning === 'streaming')
    return t(state.status === 'running' ? 'thinking.active' : 'thinking.cutShort');
  if (state.reasoning === 'done' && state.reasoningEnd) {
    const { durationMs, tokens } = state.reasoningEnd;
    const tokenCount = tokens === undefined ? '' : t('thinking.tokens', { count: formatCount(tokens) });
    return `${t('thinking.thoughtFor', { seconds: formatSeconds(durationMs) })}${tokenCount}`;
  }
  if (state.reasoning === 'done') return t('thinking.thought');
  if (state.status === 'running' && state.answer === 'none') {
    return t(state.start ? 'thinking.waitingModel' : 'thinking.preparing');
  }
  return t('thinking.none');
}

/**
 * The region named "Thinking": "Thinking…" while the model reasons, then "Thought for 12.3 s", with the
 * thinking text streaming below. It collapses when the answer begins; its header button toggles it.
 */
export function ThinkingPanel({ state, thinking, label }: ThinkingPanelProps) {
  const t = useT();
  const textId = useId();
  const [isExpanded, setExpanded] = useState(true);
  const hasAnswerStarted = state.answer !== 'none';

  // The thinking gives way to the answer once that begins, and comes back for the next run.
  useEffect(() => {
    setExpanded(!hasAnswerStarted);
  }, [hasAnswerStarted]);

  const isThinking = state.reasoning === 'streaming' && state.status === 'running';
  return (
    <section
      aria-label={label ?? t('thinking.label')}
      className={`panel thinking-panel${isThinking ? ' is-active' : ''}`}
    >
      <button
        type="button"
        className="thinking-toggle"
        aria-expanded={isExpanded}
        aria-controls={textId}
        onClick={() => setExpanded((value) => !value)}
      >
        <span className="thinking-status">
          {isThinking ? <span className="pulse" aria-hidden="true" /> : null}
          {describeThinking(state, t)}
        </span>
        <span className="chevron" aria-hidden="true" />
      </button>
      <div id={textId} hidden={!isExpanded}>
        <LiveTextView text={thinking} className="thinking-text" followsEnd />
      </div>
    </section>
  );
}
