import { useT } from '../hooks/use-locale';
import { formatBytes, formatCount, formatDuration, formatSize } from '../lib/format';
import type { MediaItem } from '../lib/media-item';
import type { PlannedVideo } from '../lib/plan-media';
import { FrameStrip } from './frame-strip';
import { MediaCostFacts } from './media-cost-facts';
import { RemoveMediaButton } from './remove-media-button';

/** Props of `VideoThumbnail`. */
export interface VideoThumbnailProps {
  item: MediaItem;
  /** The tokens and cost of its sampled frames for the chosen model, once sampled. */
  plan?: PlannedVideo | undefined;
  onRemove: () => void;
  disabled?: boolean | undefined;
}

/**
 * One added video: its first sampled frame and, in a list of terms, its duration, its original size,
 * the size of each frame the model will see ("Sent 644×476 · 448.5 KB", all frames' bytes), how many
 * frames, the tokens they count and their cost; then the strip of those frames with their times. While
 * the server samples it: "Sampling frames…".
 */
export function VideoThumbnail({ item, plan, onRemove, disabled }: VideoThumbnailProps) {
  const t = useT();
  const { video } = item;
  const isSampling = item.status === 'reading' || !video;
  return (
    <li className="thumbnail is-video" aria-busy={isSampling}>
      {item.previewURL ? (
        <img src={item.previewURL} alt={item.name} />
      ) : (
        <span className="thumbnail-placeholder" aria-hidden="true" />
      )}
      <div className="thumbnail-info">
        <span className="thumbnail-name" title={item.name}>
          {item.name}
        </span>
        {isSampling ? (
          <span className="thumbnail-status" role="status">
            {t('media.sampling')} · {formatBytes(item.file.size)}
          </span>
        ) : (
          <dl className="thumbnail-facts">
            <div className="is-wide">
              <dt>{t('media.original')}</dt>
              <dd>
                {video.original ? `${formatSize(video.original.width, video.original.height)} · ` : ''}
                {formatBytes(item.file.size)}
              </dd>
            </div>
            <div className="is-wide">
              <dt>{t('media.sent')}</dt>
              <dd
                title={`Each frame is ${formatSize(video.width, video.height)}; all ${video.frames.length} come to ${formatBytes(video.bytes)} as JPEG, sampled by the server`}
              >
                {formatSize(video.width, video.height)} · {formatBytes(video.bytes)}
              </dd>
            </div>
            <div>
              <dt>{t('media.duration')}</dt>
              <dd>{formatDuration(video.durationSeconds)}</dd>
            </div>
            <div>
              <dt>{t('media.frames')}</dt>
              <dd>{formatCount(video.frames.length)}</dd>
            </div>
            <MediaCostFacts tokens={plan?.tokens ?? video.tokens} cost={plan?.cost} />
          </dl>
        )}
      </div>
      <RemoveMediaButton name={item.name} onRemove={onRemove} disabled={disabled} />
      {video && !isSampling ? <FrameStrip name={item.name} video={video} /> : null}
    </li>
  );
}
