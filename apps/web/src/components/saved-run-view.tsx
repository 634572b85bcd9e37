import { useMemo } from 'react';
import type { HistoryRun } from '../lib/history';
import { toRunState } from '../lib/history-record';
import type { Locale } from '../lib/i18n';
import { LiveText } from '../lib/live-text';
import { picturesFromHistory } from '../lib/run-pictures';
import { AnswerPanel } from './answer-panel';
import { HistoryBanner } from './history-banner';
import { ThinkingPanel } from './thinking-panel';

/** Props of `SavedRunView`. */
export interface SavedRunViewProps {
  run: HistoryRun;
  locale: Locale;
  onClose: () => void;
}

/** A saved run reopened from History: its banner, then its thinking and answer, read-only. */
export function SavedRunView({ run, locale, onClose }: SavedRunViewProps) {
  const view = useMemo(() => {
    const thinking = new LiveText();
    const answer = new LiveText();
    thinking.append(run.reasoning);
    thinking.flush();
    answer.append(run.answer);
    answer.flush();
    return { state: toRunState(run), thinking, answer, pictures: picturesFromHistory(run.media) };
  }, [run]);
  return (
    <>
      <HistoryBanner run={run} locale={locale} onClose={onClose} />
      <ThinkingPanel key={`thinking-${run.id}`} state={view.state} thinking={view.thinking} />
      <AnswerPanel
        key={`answer-${run.id}`}
        state={view.state}
        answer={view.answer}
        pictures={view.pictures}
      />
    </>
  );
}
