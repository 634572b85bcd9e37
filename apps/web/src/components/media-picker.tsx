import { useId } from 'react';
import type { MediaItem } from '../lib/media-item';
import type { MediaPlan } from '../lib/plan-media';
import { MediaThumbnail } from './media-thumbnail';
import { MediaTotal } from './media-total';

/** Props of `MediaPicker`. */
export interface MediaPickerProps {
  items: MediaItem[];
  /** What each image becomes for the chosen model, planned in the browser. */
  plan?: MediaPlan;
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
 * the page arrive through `useFileDrop`), the added images with their original and sent sizes, tokens
 * and cost, and the total for all of them.
 */
export function MediaPicker({
  items,
  plan,
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
          // Browsers give HEIC photos no image type on some systems; the extensions let them be picked.
          accept="image/*,.heic,.heif"
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
        <span className="dropzone-hint">
          Choose photos, drop them here, or paste one. They are resized here, before upload.
        </span>
      </div>
      {notice ? (
        <p className="field-notice" role="status">
          {notice}
        </p>
      ) : null}
      {items.length > 0 ? (
        <>
          <ul className="thumbnails">
            {items.map((item) => (
              <MediaThumbnail
                key={item.id}
                item={item}
                plan={plan?.images.get(item.id)}
                onRemove={() => onRemove(item.id)}
                disabled={disabled}
              />
            ))}
          </ul>
          {plan ? <MediaTotal items={items} plan={plan} /> : null}
        </>
      ) : null}
    </div>
  );
}
