import { useT } from '../hooks/use-locale';
import { formatRunTime, type HistoryRun, runTitle } from '../lib/history';
import type { Locale } from '../lib/i18n';

/** Props of `HistoryBanner`. */
export interface HistoryBannerProps {
  run: HistoryRun;
  locale: Locale;
  onClose: () => void;
}

/** Above a reopened run: which run it is, its media previews, its question, and the way back. */
export function HistoryBanner({ run, locale, onClose }: HistoryBannerProps) {
  const t = useT();
  const withThumbnails = run.media.filter((item) => item.thumbnail);
  return (
    <div className="history-banner" role="status">
      <div className="history-banner-body">
        <p>
          {t('history.viewing', {
            time: formatRunTime(run.createdAt),
            task: runTitle(run, locale),
            model: run.model.label,
          })}
        </p>
        {run.question ? <p className="history-question">{run.question}</p> : null}
        {withThumbnails.length > 0 ? (
          <ul className="history-media" aria-label={t('history.media')}>
            {withThumbnails.map((item, index) => (
              <li key={`${item.name}-${index}`}>
                <img src={item.thumbnail} alt={item.name} title={item.name} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <button type="button" className="button secondary" onClick={onClose}>
        {t('history.close')}
      </button>
    </div>
  );
}
