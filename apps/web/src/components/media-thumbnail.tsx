import { useT } from '../hooks/use-locale';
import { formatBytes, formatSize } from '../lib/format';
import type { MediaItem } from '../lib/media-item';
import type { PlannedImage } from '../lib/plan-media';
import { MediaCostFacts } from './media-cost-facts';
import { RemoveMediaButton } from './remove-media-button';

/** Props of `MediaThumbnail`. */
export interface MediaThumbnailProps {
  item: MediaItem;
  /** What the chosen model will receive, once the image's size is known. */
  plan?: PlannedImage | undefined;
  onRemove: () => void;
  disabled?: boolean | undefined;
}

/** "840×1148 · 152.3 KB" once the resized image is ready; the size alone until then. */
function describeSent(item: MediaItem, plan: PlannedImage): string {
  const size = formatSize(plan.width, plan.height);
  const { rendered } = item;
  if (rendered && rendered.width === plan.width && rendered.height === plan.height) {
    return `${size} · ${formatBytes(rendered.blob.size)}`;
  }
  return size;
}

/**
 * One added image: its preview and, in a list of terms, its original size ("Original 3024×4032 ·
 * 3.9 MB"), what the model will receive ("Sent 840×1148 · 152.3 KB"), the tokens it counts, and its
 * cost when the model has prices; with a remove button.
 */
export function MediaThumbnail({ item, plan, onRemove, disabled }: MediaThumbnailProps) {
  const t = useT();
  const { source } = item;
  return (
    <li className="thumbnail" aria-busy={item.status === 'reading'}>
      {item.previewURL ? (
        <img src={item.previewURL} alt={item.name} />
      ) : (
        <span className="thumbnail-placeholder" aria-hidden="true" />
      )}
      <div className="thumbnail-info">
        <span className="thumbnail-name" title={item.name}>
          {item.name}
        </span>
        {item.status === 'reading' ? (
          <span className="thumbnail-status">
            {t('media.reading')} · {formatBytes(item.file.size)}
          </span>
        ) : (
          <dl className="thumbnail-facts">
            <div className="is-wide">
              <dt>{t('media.original')}</dt>
              <dd>
                {source ? `${formatSize(source.width, source.height)} · ` : ''}
                {formatBytes(item.file.size)}
              </dd>
            </div>
            {plan ? (
              <>
                <div className="is-wide">
                  <dt>{t('media.sent')}</dt>
                  <dd title={item.isPreparedByServer ? 'Resized by the server' : 'Resized in this browser'}>
                    {describeSent(item, plan)}
                  </dd>
                </div>
                <MediaCostFacts tokens={plan.tokens} cost={plan?.cost} />
              </>
            ) : null}
          </dl>
        )}
      </div>
      <RemoveMediaButton name={item.name} onRemove={onRemove} disabled={disabled} />
    </li>
  );
}
