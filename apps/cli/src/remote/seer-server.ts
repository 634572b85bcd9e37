import { type AnalysisRequest, ErrorBodySchema, SeerError } from '@seer/core';

/** A Seer API the CLI sends its work to: its address and, when it requires one, the bearer token. */
export interface SeerServer {
  /** E.g. `http://127.0.0.1:8787`, without a trailing slash. */
  url: string;
  token: string | undefined;
}

/**
 * The server named by `--server` (or `SEER_SERVER_URL`), checked to be an `http(s)` address.
 *
 * @throws SeerError (`invalid_request`) for anything else.
 */
export function toSeerServer(url: string, token: string | undefined): SeerServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidServer(url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidServer(url);
  return { url: parsed.href.replace(/\/+$/, ''), token: token === '' ? undefined : token };
}

function invalidServer(url: string): SeerError {
  return new SeerError({
    code: 'invalid_request',
    message: `--server ${url} is not an http(s) address such as http://127.0.0.1:8787.`,
    status: 400,
  });
}

function headers(server: SeerServer, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, ...(server.token === undefined ? {} : { authorization: `Bearer ${server.token}` }) };
}

/**
 * The error a refused request answered with (`{"error": {code, message}}`), as a {@link SeerError}
 * with the response's status; a body of another shape gets a sentence naming the status.
 */
export async function errorFromResponse(response: Response): Promise<SeerError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, retryable } = parsed.data.error;
    return new SeerError({ code, message, status: response.status, isRetryable: retryable ?? false });
  }
  return new SeerError({
    code: response.status >= 500 ? 'server_error' : 'unexpected_response',
    message: `The server answered ${response.status} ${response.statusText}`.trim().concat('.'),
    status: response.status,
    isRetryable: response.status >= 500,
  });
}

/** A network failure reaching the server, with a sentence that names it. */
export function unreachable(server: SeerServer, error: unknown): SeerError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new SeerError({
    code: 'server_unreachable',
    message: `Cannot reach the Seer server at ${server.url} (${reason}).`,
    status: 502,
    isRetryable: true,
    cause: error,
  });
}

async function send(server: SeerServer, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${server.url}${path}`, init);
  } catch (error) {
    if ((init.signal as AbortSignal | null | undefined)?.aborted) throw error;
    throw unreachable(server, error);
  }
}

/**
 * `POST /v1/analyses`: starts a run and answers its event stream. Local files go as a multipart form
 * (the JSON in `request`, one field per file), as the playground sends them.
 *
 * @throws SeerError with the server's code and message when it refuses the request.
 */
export async function postAnalysis(
  server: SeerServer,
  request: AnalysisRequest,
  files: ReadonlyMap<string, Uint8Array>,
  signal: AbortSignal,
): Promise<Response> {
  let body: BodyInit;
  const extra: Record<string, string> = { accept: 'text/event-stream' };
  if (files.size === 0) {
    body = JSON.stringify(request);
    extra['content-type'] = 'application/json';
  } else {
    const form = new FormData();
    form.append('request', JSON.stringify(request));
    // The bytes were read from files, never from shared memory.
    for (const [field, bytes] of files)
      form.append(field, new Blob([bytes as Uint8Array<ArrayBuffer>]), field);
    body = form;
  }
  const response = await send(server, '/v1/analyses', {
    method: 'POST',
    headers: headers(server, extra),
    body,
    signal,
  });
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

/**
 * `GET /v1/analyses/{id}/events`: the run's events after the one numbered `afterId` (all of them when
 * it is `undefined`), then live. The response is answered as it is, refused or not: the caller decides
 * what a refusal means.
 */
export function openRunEvents(
  server: SeerServer,
  id: string,
  afterId: number | undefined,
  signal: AbortSignal,
): Promise<Response> {
  const extra: Record<string, string> = { accept: 'text/event-stream' };
  if (afterId !== undefined) extra['last-event-id'] = String(afterId);
  return send(server, `/v1/analyses/${encodeURIComponent(id)}/events`, {
    headers: headers(server, extra),
    signal,
  });
}

/**
 * `GET /v1/analyses/{id}`, or `POST /v1/analyses/{id}/cancel`: the run's status document, unparsed.
 *
 * @throws SeerError with the server's code and message (`unknown_analysis` for an id it does not have).
 */
export async function fetchRun(
  server: SeerServer,
  id: string,
  options: { cancel?: boolean; signal?: AbortSignal } = {},
): Promise<unknown> {
  const path = `/v1/analyses/${encodeURIComponent(id)}${options.cancel ? '/cancel' : ''}`;
  const response = await send(server, path, {
    method: options.cancel ? 'POST' : 'GET',
    headers: headers(server, { accept: 'application/json' }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) throw await errorFromResponse(response);
  return response.json();
}
