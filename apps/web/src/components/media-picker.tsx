import { useId } from 'react';
import type { PreparedMediaReport } from '../hooks/use-analysis';
import type { MediaItem } from '../lib/media-item';
import { MediaThumbnail } from './media-thumbnail';

/** Props of `MediaPicker`. */
export interface MediaPickerProps {
  items: MediaItem[];
  /** What the server prepared for each item in the last run, by item id. */
  reports: ReadonlyMap<string, PreparedMediaReport>;
  onAdd: (files: File[]) => void;
  onRemove: (id: string) => void;
  /** A sentence about files that were not added, e.g. a video. */
  notice?: string;
  /** Files are being dragged over the page (see `useFileDrop`). */
  isDragging?: boolean;
  disabled?: boolean;
}

/**
 * Adding media: a file input labelled "Add images or video" in a drop zone (files dropped anywhere on
 * the page arrive through `useFileDrop`), and the added images as thumbnails with their sizes and a
 * remove button.
 */
export function MediaPicker({
  items,
  reports,
  onAdd,
  onRemove,
  notice,
  isDragging = false,
  disabled,
}: MediaPickerProps) {
  const inputId = useId();
  return (
    <div className="field media-picker">
      <div className={`dropzone${isDragging ? ' is-dragging' : ''}`}>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept="image/*"
          multiple
          disabled={disabled}
          onChange={(event) => {
            onAdd([...(event.target.files ?? [])]);
            // Lets the same file be picked again after it was removed.
            event.target.value = '';
          }}
        />
        <label htmlFor={inputId} className="dropzone-label">
          Add images or video
        </label>
        <span className="dropzone-hint">Choose photos, drop them here, or paste one.</span>
      </div>
      {notice ? (
        <p className="field-notice" role="status">
          {notice}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul className="thumbnails">
          {items.map((item) => (
            <MediaThumbnail
              key={item.id}
              item={item}
              report={reports.get(item.id)}
              onRemove={() => onRemove(item.id)}
              disabled={disabled}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
