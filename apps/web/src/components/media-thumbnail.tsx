import { useState } from 'react';
import type { PreparedMediaReport } from '../hooks/use-analysis';
import { formatBytes, formatCount, formatSize } from '../lib/format';
import type { MediaItem } from '../lib/media-item';

/** Props of `MediaThumbnail`. */
export interface MediaThumbnailProps {
  item: MediaItem;
  /** What the server prepared from this item, once the run reported it. */
  report?: PreparedMediaReport;
  onRemove: () => void;
  disabled?: boolean;
}

/**
 * One added image: its thumbnail, its original size, what the model receives ("1932×1092 · 2,691
 * tokens") once the server reported it, and a remove button.
 */
export function MediaThumbnail({ item, report, onRemove, disabled }: MediaThumbnailProps) {
  const [original, setOriginal] = useState<{ width: number; height: number }>();
  return (
    <li className="thumbnail">
      <img
        src={item.dataURL}
        alt={item.name}
        onLoad={(event) =>
          setOriginal({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
        }
      />
      <div className="thumbnail-info">
        <span className="thumbnail-name" title={item.name}>
          {item.name}
        </span>
        <span className="thumbnail-meta">
          {original ? `${formatSize(original.width, original.height)} · ` : ''}
          {formatBytes(item.bytes)}
        </span>
        {report ? (
          <span className="thumbnail-sent" title="What the model receives">
            {formatSize(report.width, report.height)} · {formatCount(report.tokens)} tokens
          </span>
        ) : null}
      </div>
      <button
        type="button"
        className="thumbnail-remove"
        onClick={onRemove}
        disabled={disabled}
        aria-label={`Remove ${item.name}`}
        title="Remove"
      >
        ×
      </button>
    </li>
  );
}
