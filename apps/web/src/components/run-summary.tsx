import type { AnalysisEventOf, FinishReason } from '@seer/core';
import { useT } from '../hooks/use-locale';
import { formatCount, formatSeconds } from '../lib/format';
import type { MessageKey } from '../lib/i18n';

/** Props of `RunSummary`. */
export interface RunSummaryProps {
  finish: AnalysisEventOf<'finish'>;
}

const finishNotes: Partial<Record<FinishReason, MessageKey>> = {
  length: 'summary.note.length',
  budget: 'summary.note.budget',
  content_filter: 'summary.note.content_filter',
  error: 'summary.note.error',
};

/** After a run: total time, token usage, why it ended when that was not a normal stop, and the raw result (folded). */
export function RunSummary({ finish }: RunSummaryProps) {
  const t = useT();
  const { usage, timing, result, finishReason } = finish;
  const noteKey = finishNotes[finishReason];
  const note = noteKey ? t(noteKey) : undefined;
  return (
    <div className="run-summary">
      <dl className="usage">
        <div>
          <dt>{t('summary.time')}</dt>
          <dd>{formatSeconds(timing.totalMs)}</dd>
        </div>
        <div>
          <dt>{t('summary.input')}</dt>
          <dd>{t('summary.tokens', { count: formatCount(usage.inputTokens) })}</dd>
        </div>
        <div>
          <dt>{t('summary.output')}</dt>
          <dd>{t('summary.tokens', { count: formatCount(usage.outputTokens) })}</dd>
        </div>
        {usage.reasoningTokens !== undefined ? (
          <div>
            <dt>{t('summary.reasoning')}</dt>
            <dd>{t('summary.tokens', { count: formatCount(usage.reasoningTokens) })}</dd>
          </div>
        ) : null}
      </dl>
      {note ? <p className="run-note">{note}</p> : null}
      {result ? (
        <details className="result">
          <summary>{t('summary.result')}</summary>
          <pre>{JSON.stringify(result, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}
