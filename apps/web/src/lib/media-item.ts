import type { RenderedImage } from './render-image';
import type { Size } from './resize-steps';
import type { SniffedImageType } from './sniff-image';

/** An image the person added: the original file, what the browser learnt of it, and its resized form. */
export interface MediaItem {
  /** Stable within the page, for keys and removal. */
  id: string;
  name: string;
  /** The original, as picked, dropped or pasted. */
  file: File;
  /** The format, judged by the file's first bytes. */
  type: SniffedImageType | undefined;
  /** `reading` until the size is known and a preview made. */
  status: 'reading' | 'ready';
  /** The size as displayed, after the EXIF orientation: what planning starts from. */
  source?: Size;
  /** A small upright preview (a `blob:` URL made here, or a `data:` URL from the server). */
  previewURL?: string;
  /** The browser cannot decode this file (e.g. TIFF): it is uploaded as is and the server prepares it. */
  isPreparedByServer?: boolean;
  /** The latest resized form made for upload; it is current when its size equals the plan's. */
  rendered?: RenderedImage;
}

let nextId = 0;

/** A fresh id for a `MediaItem`. */
export function createMediaId(): string {
  nextId += 1;
  return `media-${nextId}`;
}

/**
 * The file name an upload goes by: the original's, with the extension of what is sent.
 *
 * @example
 * uploadName('IMG_0001.HEIC', 'image/jpeg'); // 'IMG_0001.jpg'
 */
export function uploadName(name: string, type: RenderedImage['type']): string {
  const stem = name.replace(/\.[^./\\]*$/, '') || 'image';
  return `${stem}.${type === 'image/png' ? 'png' : 'jpg'}`;
}
