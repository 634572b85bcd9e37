import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaItem } from '../lib/media-item';
import type { MediaUpload } from '../lib/media-items-store';
import { picturesFromUploads, type RunPicture } from '../lib/run-pictures';

/** What `useRunPictures` gives a component. */
export interface RunPictures {
  /** The pictures of the latest run, by media index. */
  pictures: readonly RunPicture[];
  /** Keeps the pictures of a run as it starts, freeing those of the run before. */
  capture: (items: readonly MediaItem[], uploads: readonly MediaUpload[]) => void;
}

/**
 * The pictures of the latest run, kept apart from the media picker so that the run view still draws on
 * them after the person removes or adds media. Their object URLs are freed when replaced or unmounted.
 */
export function useRunPictures(): RunPictures {
  const [pictures, setPictures] = useState<readonly RunPicture[]>([]);
  const madeURLs = useRef<string[]>([]);
  const free = useCallback(() => {
    for (const url of madeURLs.current) URL.revokeObjectURL(url);
    madeURLs.current = [];
  }, []);
  useEffect(() => free, [free]);
  const capture = useCallback(
    (items: readonly MediaItem[], uploads: readonly MediaUpload[]) => {
      free();
      setPictures(
        picturesFromUploads(items, uploads, (blob) => {
          const url = URL.createObjectURL(blob);
          madeURLs.current.push(url);
          return url;
        }),
      );
    },
    [free],
  );
  return { pictures, capture };
}
