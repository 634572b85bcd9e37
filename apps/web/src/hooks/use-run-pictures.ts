import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaItem } from '../lib/media-item';
import type { MediaUpload } from '../lib/media-items-store';
import { picturesFromUploads, type RunPicture } from '../lib/run-pictures';

/** What `useRunPictures` gives a component. */
export interface RunPictures {
  /** The pictures of the latest run, by media index. */
  pictures: readonly RunPicture[];
  /**
   * Whether `pictures` were captured here as the run started (its uploads at their own size), rather
   * than adopted: the small previews history saved, for a run picked up again after a reload.
   */
  areCaptured: boolean;
  /** Keeps the pictures of a run as it starts, freeing those of the run before. */
  capture: (items: readonly MediaItem[], uploads: readonly MediaUpload[]) => void;
  /** Shows pictures made elsewhere (a resumed run's saved previews), freeing those of the run before. */
  adopt: (pictures: readonly RunPicture[]) => void;
}

/**
 * The pictures of the latest run, kept apart from the media picker so that the run view still draws on
 * them after the person removes or adds media. Their object URLs are freed when replaced or unmounted.
 */
export function useRunPictures(): RunPictures {
  const [shown, setShown] = useState<{ pictures: readonly RunPicture[]; areCaptured: boolean }>({
    pictures: [],
    areCaptured: false,
  });
  const madeURLs = useRef<string[]>([]);
  const free = useCallback(() => {
    for (const url of madeURLs.current) URL.revokeObjectURL(url);
    madeURLs.current = [];
  }, []);
  useEffect(() => free, [free]);
  const capture = useCallback(
    (items: readonly MediaItem[], uploads: readonly MediaUpload[]) => {
      free();
      const pictures = picturesFromUploads(items, uploads, (blob) => {
        const url = URL.createObjectURL(blob);
        madeURLs.current.push(url);
        return url;
      });
      setShown({ pictures, areCaptured: true });
    },
    [free],
  );
  const adopt = useCallback(
    (pictures: readonly RunPicture[]) => {
      free();
      setShown({ pictures, areCaptured: false });
    },
    [free],
  );
  return { pictures: shown.pictures, areCaptured: shown.areCaptured, capture, adopt };
}
