/** An image the person added, read in the browser and ready to send. */
export interface MediaItem {
  /** Stable within the page, for keys and removal. */
  id: string;
  name: string;
  /** Size of the original file. */
  bytes: number;
  /** The file as a `data:` URL: shown as the thumbnail and sent as is. */
  dataURL: string;
}

let nextId = 0;

/** A fresh id for a `MediaItem`. */
export function createMediaId(): string {
  nextId += 1;
  return `media-${nextId}`;
}
