import { formatBytes, formatCount, formatUSD } from '../lib/format';
import type { MediaItem } from '../lib/media-item';
import type { MediaPlan } from '../lib/plan-media';

/** Props of `MediaTotal`. */
export interface MediaTotalProps {
  items: MediaItem[];
  plan: MediaPlan;
}

/** The bytes that will be uploaded for an item: the resized image, or the original the server prepares. */
function uploadBytes(item: MediaItem, plan: MediaPlan): number | undefined {
  if (item.isPreparedByServer) return item.file.size;
  const planned = plan.images.get(item.id);
  const { rendered } = item;
  if (!planned || !rendered || rendered.width !== planned.width || rendered.height !== planned.height) {
    return undefined;
  }
  return rendered.blob.size;
}

/**
 * The line under the media: how many images, the tokens they count together, their cost when the model
 * has prices, and the bytes to upload once every image is resized.
 */
export function MediaTotal({ items, plan }: MediaTotalProps) {
  const sizes = items.map((item) => uploadBytes(item, plan));
  const upload = sizes.every((size) => size !== undefined)
    ? sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0)
    : undefined;
  const isPlanned = items.every((item) => plan.images.has(item.id));
  return (
    <div className="media-total">
      <span className="media-total-label">
        Total · {items.length} {items.length === 1 ? 'image' : 'images'}
      </span>
      <dl aria-label="Total for all media">
        <div>
          <dt>Tokens</dt>
          <dd>{isPlanned ? formatCount(plan.totalTokens) : '…'}</dd>
        </div>
        {plan.totalCost ? (
          <div>
            <dt>Cost</dt>
            <dd>{isPlanned ? formatUSD(plan.totalCost.inputUSD) : '…'}</dd>
          </div>
        ) : null}
        <div>
          <dt>Upload</dt>
          <dd>{upload === undefined ? '…' : formatBytes(upload)}</dd>
        </div>
      </dl>
    </div>
  );
}
