import { useEffect, useState, useSyncExternalStore } from 'react';
import { preprocessFile, preprocessMedia } from '../api/seer-api';
import { decodeImage } from '../lib/decode-image';
import type { MediaItem } from '../lib/media-item';
import {
  MediaItemsStore,
  type MediaModel,
  type MediaTools,
  type MediaUpload,
} from '../lib/media-items-store';
import { renderImageInWorker } from '../lib/render-in-worker';

/** What `useMediaItems` gives a component. */
export interface MediaItems {
  items: MediaItem[];
  /** A sentence about files that were not added, and why. */
  notice?: string | undefined;
  /** The server's reasons for refusing videos (no video stream, too long, unreadable), by file. */
  refusal?: string | undefined;
  add: (files: File[]) => void;
  remove: (id: string) => void;
  /**
   * The files to upload, in order: each image resized to its plan for `model` (waiting for any still
   * being read or resized), or the original where the server prepares it; each video as it is.
   */
  prepareUploads: (model: MediaModel) => Promise<MediaUpload[]>;
}

/** The browser's decoder, the resizing worker and object URLs, and the API's `/v1/preprocess`. */
const browserTools: MediaTools = {
  decodeImage,
  renderImage: renderImageInWorker,
  preprocessImage: preprocessFile,
  sampleVideo: (file, modelId, signal) => preprocessMedia(file, 'video', modelId, signal),
  createObjectURL: (blob) => URL.createObjectURL(blob),
  revokeObjectURL: (url) => URL.revokeObjectURL(url),
};

/**
 * The photos and videos the person added, made ready for `model` by a `MediaItemsStore` that lives as
 * long as the component; its previews are freed and its samplings stopped when the component goes.
 */
export function useMediaItems(model: MediaModel | undefined): MediaItems {
  const [store] = useState(() => new MediaItemsStore(browserTools));
  const { items, notice, refusal } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  useEffect(() => store.setModel(model), [store, model]);
  useEffect(() => () => store.dispose(), [store]);
  return {
    items,
    notice,
    refusal,
    add: store.add,
    remove: store.remove,
    prepareUploads: store.prepareUploads,
  };
}
