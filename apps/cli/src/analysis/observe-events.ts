/** What {@link observeEvents} tells about the events that pass. */
export interface EventObserver<T> {
  /** Called with each event as it passes. */
  onEvent(event: T): void;
  /** Called once when reading the events (or `onEvent`) throws; the stream then ends there. */
  onFailure(error: unknown): void;
}

/**
 * Passes `events` on unchanged, showing each to `observer.onEvent` as it goes by. A failure ends the
 * stream instead of failing it, so that whoever reads it keeps what arrived; `observer.onFailure`
 * gets the error. Cancelling the returned stream cancels `events`.
 */
export function observeEvents<T>(events: ReadableStream<T>, observer: EventObserver<T>): ReadableStream<T> {
  const reader = events.getReader();
  return new ReadableStream<T>({
    async pull(controller) {
      try {
        const { value: event, done } = await reader.read();
        if (done) return controller.close();
        controller.enqueue(event);
        observer.onEvent(event);
      } catch (error) {
        observer.onFailure(error);
        controller.close();
        reader.cancel(error).catch(() => {});
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
