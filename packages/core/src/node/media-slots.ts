import { Semaphore } from './semaphore';

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

/** The default {@link imagePixels} budget: 100 megapixels decoded at once, whatever the number of images. */
export const DEFAULT_IMAGE_PIXEL_BUDGET = 100_000_000;

/**
 * A budget of pixels shared by the images being decoded at once. A count of images alone lets two
 * images at the pixel limit run side by side; this also weighs each by its size. An image waits until
 * the pixels in flight plus its own fit the budget, or until nothing else is in flight, so that one
 * image up to the per-image limit always runs, alone. Waiters go in order: a large image is not
 * overtaken for ever by a stream of small ones.
 */
export class PixelBudget {
  private inFlight = 0;
  private running = 0;
  private readonly waiting: { pixels: number; grant: () => void }[] = [];
  constructor(private budget: number) {}

  /** Changes the budget; waiters that now fit go at once. */
  setBudget(pixels: number): void {
    this.budget = Math.max(1, pixels);
    this.admit();
  }

  /** Waits until `pixels` fit the budget (or nothing else runs); the returned function gives them back. */
  async acquire(pixels: number, signal?: AbortSignal): Promise<() => void> {
    if (this.waiting.length === 0 && this.fits(pixels)) {
      this.take(pixels);
    } else {
      // A waiter is counted in by `admit` before it resumes: nobody can take its pixels in between.
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = this.waiting.indexOf(waiter);
          if (index !== -1) this.waiting.splice(index, 1);
          // The head of the queue may have been what held the others back.
          this.admit();
          reject(signal?.reason ?? new Error('aborted'));
        };
        const waiter = {
          pixels,
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(waiter);
      });
    }
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      this.inFlight -= pixels;
      this.running--;
      this.admit();
    };
  }

  /** The pixels of the images decoding now. */
  get pixelsInFlight(): number {
    return this.inFlight;
  }

  private fits(pixels: number): boolean {
    return this.running === 0 || this.inFlight + pixels <= this.budget;
  }

  private take(pixels: number): void {
    this.inFlight += pixels;
    this.running++;
  }

  private admit(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.pixels)) {
      const next = this.waiting.shift()!;
      this.take(next.pixels);
      next.grant();
    }
  }
}

/** The pixels decoded at once across all image preparations; see {@link PixelBudget}. */
export const imagePixels = new PixelBudget(DEFAULT_IMAGE_PIXEL_BUDGET);

/** Sets how many pixels all image preparations may decode at once (default {@link DEFAULT_IMAGE_PIXEL_BUDGET}). */
export function setImagePixelBudget(pixels: number): void {
  imagePixels.setBudget(pixels);
}
