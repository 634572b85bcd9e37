/** One POST to a model provider, as {@link callModel} hands it to a transport. */
export interface ProviderRequest {
  url: string;
  headers: Record<string, string>;
  /** The JSON body, already serialized. */
  body: string;
  /** Aborting it ends the request and any reading of its body at once. */
  signal: AbortSignal;
}

/** What a transport returns once the provider's status line and headers have arrived. */
export interface ProviderResponse {
  status: number;
  /** One response header by its lower-case name, or undefined when absent. */
  header(name: string): string | undefined;
  /** The body's bytes as they arrive; it throws when the connection breaks or the request is aborted. */
  body: AsyncIterable<Uint8Array>;
}

/**
 * Sends one request to a provider. Connection failures reject (and are retried by the caller);
 * any HTTP status resolves. {@link fetchTransport} works everywhere; `@seer/core/node` has a faster one
 * on `node:http`.
 */
export type ProviderTransport = (request: ProviderRequest) => Promise<ProviderResponse>;

/** Reads a web byte stream as an async iterable (Safari's `ReadableStream` is not one). */
async function* readChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}

async function* noChunks(): AsyncGenerator<Uint8Array> {}

/** The transport on the platform's `fetch`: browsers, workers, Deno, Bun and Node. */
export const fetchTransport: ProviderTransport = async (request) => {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: request.signal,
  });
  return {
    status: response.status,
    header: (name) => response.headers.get(name) ?? undefined,
    body: response.body ? readChunks(response.body) : noChunks(),
  };
};
