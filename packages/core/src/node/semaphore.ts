/**
 * A small counting semaphore: at most `limit` holders at once, the rest wait in order. Video work is
 * bounded by it so that many uploads cannot start more ffmpeg processes than the machine has cores.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private limit: number) {}

  /** Changes how many may hold a place at once; waiters get the places a larger limit opens. */
  setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    while (this.active < this.limit && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()!();
    }
  }

  /** Waits for a place; the returned function gives it back. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
    } else {
      // A place is handed over by `release` (or `setLimit`), already counted: nobody can take it
      // between the hand-over and this waiter resuming.
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = this.waiting.indexOf(grant);
          if (index !== -1) this.waiting.splice(index, 1);
          reject(signal?.reason ?? new Error('aborted'));
        };
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(grant);
      });
    }
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      const next = this.active <= this.limit ? this.waiting.shift() : undefined;
      if (next) next();
      else this.active--;
    };
  }

  /** How many hold a place now. */
  get inUse(): number {
    return this.active;
  }
}
