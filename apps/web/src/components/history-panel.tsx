import './history-panel.css';
import { useT } from '../hooks/use-locale';
import { downloadRun } from '../lib/export-run';
import { formatRunTime, type HistoryRun, runTitle } from '../lib/history';
import type { Locale } from '../lib/i18n';
import type { RunPicture } from '../lib/run-pictures';

/** Props of `HistoryPanel`. */
export interface HistoryPanelProps {
  runs: HistoryRun[];
  locale: Locale;
  isAvailable: boolean;
  /** The id of the run shown in the regions, if a saved one is. */
  openId?: string | undefined;
  /** The id of the run this page is reading, if it is reading one. */
  liveId?: string | undefined;
  /** The pictures this page still has of `run` at their own size, to export its marks on. */
  picturesOf?: ((run: HistoryRun) => readonly RunPicture[] | undefined) | undefined;
  onOpen: (run: HistoryRun) => void;
  onDelete: (run: HistoryRun) => void;
}

/**
 * The region named "History": the runs kept in this browser, newest first, each with its task, time,
 * model and how it ended; open one to read it again, export it as Markdown or JSON, or delete it.
 */
export function HistoryPanel({
  runs,
  locale,
  isAvailable,
  openId,
  liveId,
  picturesOf,
  onOpen,
  onDelete,
}: HistoryPanelProps) {
  const t = useT();
  return (
    <section aria-label={t('history.label')} className="panel history-panel">
      <h2 className="panel-title">{t('history.label')}</h2>
      {!isAvailable ? <p className="panel-placeholder">{t('history.unavailable')}</p> : null}
      {isAvailable && runs.length === 0 ? <p className="panel-placeholder">{t('history.empty')}</p> : null}
      {runs.length > 0 ? (
        <ul className="history-list">
          {runs.map((run) => {
            const title = runTitle(run, locale);
            const time = formatRunTime(run.createdAt);
            const name = `${title} · ${time}`;
            const thumbnail = run.media.find((item) => item.thumbnail)?.thumbnail;
            // Saved as running, but not read by this page: its page went away and no one found it again.
            const status = run.status === 'running' && run.id !== liveId ? 'interrupted' : run.status;
            return (
              <li key={run.id} className={`history-item${run.id === openId ? ' is-open' : ''}`}>
                <button
                  type="button"
                  className="history-open"
                  onClick={() => onOpen(run)}
                  aria-current={run.id === openId ? 'true' : undefined}
                >
                  {thumbnail ? (
                    <img src={thumbnail} alt="" className="history-thumbnail" />
                  ) : (
                    <span className="history-thumbnail" aria-hidden="true" />
                  )}
                  <span className="history-text">
                    <span className="history-title">{title}</span>
                    <span className="history-meta">
                      {time} · {run.model.label} · {t(`history.status.${status}`)}
                    </span>
                  </span>
                </button>
                <div className="history-actions">
                  <button
                    type="button"
                    className="button ghost small"
                    aria-label={t('history.exportMarkdownLabel', { run: name })}
                    onClick={() => void downloadRun(run, 'md', locale, picturesOf?.(run))}
                  >
                    {t('history.exportMarkdown')}
                  </button>
                  <button
                    type="button"
                    className="button ghost small"
                    aria-label={t('history.exportJSONLabel', { run: name })}
                    onClick={() => void downloadRun(run, 'json', locale)}
                  >
                    {t('history.exportJSON')}
                  </button>
                  <button
                    type="button"
                    className="button ghost small"
                    aria-label={t('history.deleteLabel', { run: name })}
                    onClick={() => onDelete(run)}
                  >
                    {t('history.delete')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
