import type { HistoryMedia } from './history';
import type { MediaItem } from './media-item';
import type { MediaUpload } from './media-items-store';
import type { PictureSize } from './region-geometry';

/** One sampled frame of a video as the run view shows it. */
export interface RunFrame {
  url: string;
  /** Seconds into the clip. */
  time: number;
}

/**
 * A run's media item as the run view draws its regions on it: the picture (for a video, its sampled
 * frames), by the item's index in the request.
 */
export interface RunPicture {
  kind: 'image' | 'video';
  name: string;
  /** The picture to draw on; absent when the browser has nothing it can show. */
  url?: string;
  /** A video's sampled frames, in the order the regions' `frame` counts them. */
  frames?: RunFrame[];
  /**
   * The size the regions' pixels are in, when known here (a saved run); a live run takes it from the
   * `media` event.
   */
  size?: PictureSize;
}

/** Image types every browser shows in an `<img>`: what the playground uploads after resizing. */
const showableTypes = /^image\/(jpeg|png|webp|gif)$/;

/**
 * The pictures of a run about to start: each photo as uploaded (the resized JPEG or PNG, through
 * `createURL`; its preview when the upload is a file the browser cannot show, such as a TIFF), each
 * video's sampled frames.
 */
export function picturesFromUploads(
  items: readonly MediaItem[],
  uploads: readonly MediaUpload[],
  createURL: (blob: Blob) => string,
): RunPicture[] {
  return items.map((item, index): RunPicture => {
    const upload = uploads[index];
    if (item.kind === 'video') {
      const frames = item.video
        ? item.video.frames.map((frame, position) => ({
            url: item.video!.urls[position]!,
            time: frame.timestamp,
          }))
        : undefined;
      return { kind: 'video', name: item.name, ...(frames ? { frames } : {}) };
    }
    const url = upload && showableTypes.test(upload.file.type) ? createURL(upload.file) : item.previewURL;
    return { kind: 'image', name: item.name, ...(url ? { url } : {}) };
  });
}

/**
 * The pictures of a saved run: its small previews, with the size the server placed its regions in when
 * the run recorded it. Without that size nothing is drawn: the picked file's own size is not it (the
 * playground uploads a smaller copy), and regions divided by it would land in the wrong place.
 */
export function picturesFromHistory(media: readonly HistoryMedia[]): RunPicture[] {
  return media.map(
    (item): RunPicture => ({
      kind: item.kind,
      name: item.name,
      // A video's preview is one frame, not the frames its regions are on.
      ...(item.thumbnail && item.kind === 'image' ? { url: item.thumbnail } : {}),
      ...(item.markedWidth && item.markedHeight
        ? { size: { width: item.markedWidth, height: item.markedHeight } }
        : {}),
    }),
  );
}
