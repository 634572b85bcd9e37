import { useLocale, useT } from '../hooks/use-locale';
import { formatBytes, formatCount, formatUSD } from '../lib/format';
import type { MediaItem } from '../lib/media-item';
import { countMedia, describeMediaCounts } from '../lib/media-words';
import type { MediaPlan } from '../lib/plan-media';

/** Props of `MediaTotal`. */
export interface MediaTotalProps {
  items: MediaItem[];
  plan: MediaPlan;
}

/**
 * The bytes that will be uploaded for an item: the resized image, or the original the server prepares
 * (an image this browser cannot decode, or a video).
 */
function uploadBytes(item: MediaItem, plan: MediaPlan): number | undefined {
  if (item.isPreparedByServer || item.kind === 'video') return item.file.size;
  const planned = plan.images.get(item.id);
  const { rendered } = item;
  if (!planned || !rendered || rendered.width !== planned.width || rendered.height !== planned.height) {
    return undefined;
  }
  return rendered.blob.size;
}

/**
 * The line under the media: how many images and videos, the tokens they count together, their cost when
 * the model has prices, and the bytes to upload once every image is resized.
 */
export function MediaTotal({ items, plan }: MediaTotalProps) {
  const t = useT();
  const locale = useLocale();
  const sizes = items.map((item) => uploadBytes(item, plan));
  const upload = sizes.every((size) => size !== undefined)
    ? sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0)
    : undefined;
  const isPlanned = items.every((item) => plan.images.has(item.id) || plan.videos.has(item.id));
  return (
    <div className="media-total">
      <span className="media-total-label">
        {t('media.total')} · {describeMediaCounts(countMedia(items), locale)}
      </span>
      <dl aria-label={t('media.totalLabel')}>
        <div>
          <dt>{t('media.tokens')}</dt>
          <dd>{isPlanned ? formatCount(plan.totalTokens) : '…'}</dd>
        </div>
        {plan.totalCost ? (
          <div>
            <dt>{t('media.cost')}</dt>
            <dd>{isPlanned ? formatUSD(plan.totalCost.inputUSD) : '…'}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('media.upload')}</dt>
          <dd>{upload === undefined ? '…' : formatBytes(upload)}</dd>
        </div>
      </dl>
    </div>
  );
}
