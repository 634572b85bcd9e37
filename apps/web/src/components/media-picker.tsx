import { type ChangeEvent, useId } from 'react';
import { useT } from '../hooks/use-locale';
import type { MediaItem } from '../lib/media-item';
import type { MediaPlan } from '../lib/plan-media';
import { MediaThumbnail } from './media-thumbnail';
import { MediaTotal } from './media-total';
import { VideoThumbnail } from './video-thumbnail';

/** Props of `MediaPicker`. */
export interface MediaPickerProps {
  items: MediaItem[];
  /** What each image becomes for the chosen model, planned in the browser, and what each video costs. */
  plan?: MediaPlan | undefined;
  onAdd: (files: File[]) => void;
  onRemove: (id: string) => void;
  /** A sentence about files that were not added, e.g. a text file. */
  notice?: string | undefined;
  /** The server's reasons for refusing a video, shown as an alert. */
  refusal?: string | undefined;
  /** What the chosen task needs that the added media do not give, e.g. a video for Video narration. */
  problem?: string | undefined;
  /** Files are being dragged over the page (see `useFileDrop`). */
  isDragging?: boolean;
  disabled?: boolean | undefined;
}

/**
 * Adding media: a file input labelled "Add images or video" in a drop zone (files dropped anywhere on
 * the page arrive through `useFileDrop`), and on phones "Take a photo", which opens the camera, the added images with their original and sent sizes, tokens
 * and cost, each video with its duration, sampled frames and their cost, and the total for all of them.
 */
export function MediaPicker({
  items,
  plan,
  onAdd,
  onRemove,
  notice,
  refusal,
  problem,
  isDragging = false,
  disabled,
}: MediaPickerProps) {
  const t = useT();
  const inputId = useId();
  const cameraId = useId();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    onAdd([...(event.target.files ?? [])]);
    // Lets the same file be picked again after it was removed.
    event.target.value = '';
  };
  return (
    <div className="field media-picker">
      <div className={`dropzone${isDragging ? ' is-dragging' : ''}`}>
        <div className="dropzone-actions">
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            // Browsers give HEIC photos no image type on some systems; the extensions let them be picked.
            accept="image/*,video/*,.heic,.heif"
            multiple
            disabled={disabled}
            onChange={onChange}
          />
          <label htmlFor={inputId} className="dropzone-label">
            {t('media.add')}
          </label>
          <input
            id={cameraId}
            className="visually-hidden"
            type="file"
            accept="image/*"
            // A phone opens its back camera for this input rather than the gallery.
            capture="environment"
            disabled={disabled}
            onChange={onChange}
          />
          <label htmlFor={cameraId} className="dropzone-label camera-label">
            {t('media.takePhoto')}
          </label>
        </div>
        <span className="dropzone-hint">{t('media.hint')}</span>
      </div>
      {notice ? (
        <p className="field-notice" role="status">
          {notice}
        </p>
      ) : null}
      {refusal ? (
        <p className="field-alert" role="alert">
          {refusal}
        </p>
      ) : null}
      {items.length > 0 ? (
        <>
          <ul className="thumbnails">
            {items.map((item) =>
              item.kind === 'video' ? (
                <VideoThumbnail
                  key={item.id}
                  item={item}
                  plan={plan?.videos.get(item.id)}
                  onRemove={() => onRemove(item.id)}
                  disabled={disabled}
                />
              ) : (
                <MediaThumbnail
                  key={item.id}
                  item={item}
                  plan={plan?.images.get(item.id)}
                  onRemove={() => onRemove(item.id)}
                  disabled={disabled}
                />
              ),
            )}
          </ul>
          {plan ? <MediaTotal items={items} plan={plan} /> : null}
        </>
      ) : null}
      {problem ? (
        <p className="field-notice" role="status">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
