import { Semaphore } from './video-tools';

/**
 * At most this many ffmpeg processes at once (one per core of a small machine); further video work
 * waits its turn instead of starting processes that would fight for the same cores.
 */
export const ffmpegSlots = new Semaphore(2);

/** At most this many images decoded and resized by sharp at once; each holds a decoded photo in memory. */
export const imageSlots = new Semaphore(2);

/** Sets how many image and how many video preparations may run at once (`SEER_MEDIA_CONCURRENCY`). */
export function setMediaConcurrency(limit: number): void {
  ffmpegSlots.setLimit(limit);
  imageSlots.setLimit(limit);
}
