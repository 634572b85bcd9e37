/**
 * Where a stream stage puts what it produces: a stream controller (`TransformStream`'s or
 * `ReadableStream`'s) or any object with `enqueue`, so that the same stage runs inside a stream or in a
 * caller's own loop.
 */
export interface Sink<T> {
  enqueue(value: T): void;
}
