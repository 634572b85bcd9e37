/** What a worker of {@link workerCalls} answers to one request: its result, or why it failed. */
type WorkerAnswer = { id: number; error: string } | ({ id: number } & Record<string, unknown>);

/**
 * Calls into a worker that answers numbered requests (`{ id, … }` → `{ id, … }` or `{ id, error }`): the
 * worker is started by `start` at the first call and kept for the next; if it fails to start or dies,
 * every waiting call is refused and the next call starts a new one. `start` stays with the caller, where
 * Vite can see the `new Worker(new URL(…, import.meta.url))` it bundles.
 *
 * @example
 * const decode = workerCalls<HEICRequest, HEICResponse, ImageData>(startHEICWorker, 'The HEIC decoder could not start.', readPixels);
 * const pixels = await decode({ buffer }, [buffer]);
 */
export function workerCalls<Request extends { id: number }, Answer extends WorkerAnswer, Result>(
  start: () => Worker,
  startFailure: string,
  read: (answer: Exclude<Answer, { error: string }>) => Result,
): (request: Omit<Request, 'id'>, transfer?: Transferable[]) => Promise<Result> {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };
  const started = (): Worker => {
    const fresh = start();
    fresh.onmessage = ({ data: answer }: MessageEvent<Answer>) => {
      const call = pending.get(answer.id);
      if (!call) return;
      pending.delete(answer.id);
      if ('error' in answer && typeof answer.error === 'string') call.reject(new Error(answer.error));
      else call.resolve(read(answer as Exclude<Answer, { error: string }>));
    };
    fresh.onerror = (event) => {
      event.preventDefault();
      failAll(new Error(event.message || startFailure));
    };
    return fresh;
  };
  return (request, transfer = []) => {
    worker ??= started();
    const target = worker;
    return new Promise<Result>((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      target.postMessage({ ...request, id: nextId }, transfer);
    });
  };
}
