import type { PreparedMediaInfo } from '../contract/events';

/** A media item ready to send: what it is (the `media` event) and the data URLs that carry it. */
export interface PreparedMedia {
  info: PreparedMediaInfo;
  /** One data URL for an image; one per frame for a video. */
  urls: string[];
  /** Whether DashScope must keep this image above its default cap (`vl_high_resolution_images`). */
  needsHighResolution: boolean;
  /** The per-image pixel limit to send beside it, for models that take one (QVQ above its default cap). */
  maxPixels?: number;
}
