import type { ProviderId } from '../contract/models';
import type { ModelEndpoint, SeerConfig } from '../models/config';
import { describeErrorBody } from '../provider/describe-error-body';
import { readBodyStart } from '../provider/read-body-start';

/** What a check found out about one configured model. */
export interface ModelCheck {
  /** Seer's id of the model, as requests and `/v1/models` name it. */
  model: string;
  /** Who serves it. */
  provider: ProviderId;
  /**
   * `reachable`: the provider lists the model for this key, or answered a one-token request to it.
   * `unknown`: the key works, but the provider does not offer the model to it (retired, or served in
   * another region). `failing`: the key is refused, or the provider could not be reached or failed.
   */
  status: 'reachable' | 'unknown' | 'failing';
  /** One short sentence for people: how the status was found, or the provider's own words. */
  detail: string;
  /** The HTTP status of the answer that decided, except a model list's 200 (which every model shares). */
  upstreamStatus?: number;
}

/** Options of {@link checkModels}. */
export interface CheckModelsOptions {
  /** How long each request to a provider may take, answer included; default 10 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** The most of an error body read for its message. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const NOT_OFFERED = 'not offered to this key or region: retired, or in another region';

/** How an error body says that the model is not there: OpenAI, DashScope, vLLM and Ollama each word it. */
const MODEL_MISSING =
  /model_not_found|model\b[^.]*\b(does not exist|not exist|not found)|\b(no such|unknown|invalid) model\b/i;

/** The endpoints of a configuration: its models grouped by base URL and key, without the demo. */
function groupByEndpoint(config: SeerConfig): ModelEndpoint[][] {
  const groups = new Map<string, ModelEndpoint[]>();
  for (const endpoint of config.models) {
    if (endpoint.preset.provider === 'demo') continue;
    const key = `${endpoint.baseURL}\n${endpoint.apiKey}`;
    const group = groups.get(key);
    if (group) group.push(endpoint);
    else groups.set(key, [endpoint]);
  }
  return [...groups.values()];
}

function providerURL(baseURL: string, path: string): string {
  return `${baseURL.replace(/\/+$/, '')}/${path}`;
}

/**
 * The provider's words on one line, without a closing full stop (the line goes on) and without the key,
 * should a provider echo it.
 */
function providerWords(body: string, apiKey: string): string {
  const words = describeErrorBody(body, 300).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return apiKey.length >= 8 ? words.split(apiKey).join('[key]') : words;
}

/** `401 Incorrect API key provided`: the status, then the provider's words. */
function describeAnswer(status: number, body: string, apiKey: string): string {
  const words = providerWords(body, apiKey);
  return words === '' ? `${status}` : `${status} ${words}`;
}

/** A request that got no answer: the timeout, or the network's reason (`ECONNREFUSED`, `ENOTFOUND`…). */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  // Node's fetch says "fetch failed" and keeps the reason in `cause`; its message names the address,
  // which the API must not hand to its callers, so the code alone is given when there is one.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const reason =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof cause?.message === 'string'
        ? cause.message
        : error instanceof Error
          ? error.message
          : String(error);
  return `could not reach the provider (${reason})`;
}

function checkOf(
  endpoint: ModelEndpoint,
  status: ModelCheck['status'],
  detail: string,
  upstreamStatus?: number,
): ModelCheck {
  return {
    model: endpoint.preset.id,
    provider: endpoint.preset.provider,
    status,
    detail,
    ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
  };
}

/** The ids of an OpenAI-style model list `{data: [{id}]}`, or `undefined` when the body is not one. */
function listedIds(body: unknown): Set<string> | undefined {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return undefined;
  const ids = new Set<string>();
  for (const item of data) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/**
 * Asks one model with the smallest chat request there is. A stream-only model is asked for a stream,
 * which is read up to its first data line and then closed: what follows costs tokens and says nothing.
 */
async function askModel(endpoint: ModelEndpoint, timeoutMs: number): Promise<ModelCheck> {
  const { preset } = endpoint;
  const stop = new AbortController();
  try {
    const response = await fetch(providerURL(endpoint.baseURL, 'chat/completions'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${endpoint.apiKey}`,
        'content-type': 'application/json',
        accept: preset.isStreamOnly ? 'text/event-stream' : 'application/json',
      },
      body: JSON.stringify({
        model: preset.upstreamModel,
        messages: [{ role: 'user', content: 'ping' }],
        [preset.answerLimitField ?? 'max_tokens']: 1,
        stream: preset.isStreamOnly,
      }),
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stop.signal]),
    });
    if (!response.ok) {
      const body = await readBodyStart(response.body, MAX_ERROR_BODY_BYTES);
      const detail = describeAnswer(response.status, body, endpoint.apiKey);
      if (
        response.status === 404 ||
        (response.status !== 401 && response.status !== 403 && MODEL_MISSING.test(body))
      ) {
        return checkOf(
          endpoint,
          'unknown',
          `the provider does not know this model: ${detail}`,
          response.status,
        );
      }
      return checkOf(endpoint, 'failing', detail, response.status);
    }
    if (preset.isStreamOnly) {
      const first = await firstDataLine(response);
      // A stream may open with an error instead of a chunk: the provider's words then decide.
      if (first !== undefined && /"error"\s*:/.test(first)) {
        const detail = providerWords(first, endpoint.apiKey);
        return MODEL_MISSING.test(first)
          ? checkOf(endpoint, 'unknown', `the provider does not know this model: ${detail}`, response.status)
          : checkOf(endpoint, 'failing', detail, response.status);
      }
    } else {
      await response.body?.cancel();
    }
    return checkOf(endpoint, 'reachable', 'answered a one-token request', response.status);
  } catch (error) {
    return checkOf(endpoint, 'failing', describeFailure(error, timeoutMs));
  } finally {
    stop.abort();
  }
}

/** The payload of a stream's first `data:` line; `undefined` when the stream ends without one. */
async function firstDataLine(response: Response): Promise<string | undefined> {
  if (!response.body) return undefined;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return undefined;
      text += decoder.decode(value, { stream: true });
      const line = text
        .split(/\r?\n/)
        .find((candidate, index, lines) => index < lines.length - 1 && candidate.startsWith('data:'));
      if (line !== undefined) return line.slice('data:'.length).trim();
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** Checks the models of one endpoint: its model list when it has one, else a one-token request each. */
async function checkEndpoint(models: ModelEndpoint[], timeoutMs: number): Promise<ModelCheck[]> {
  const { baseURL, apiKey } = models[0]!;
  let response: Response;
  try {
    response = await fetch(providerURL(baseURL, 'models'), {
      headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const detail = describeFailure(error, timeoutMs);
    return models.map((endpoint) => checkOf(endpoint, 'failing', detail));
  }
  if (response.status === 401 || response.status === 403) {
    const detail = describeAnswer(
      response.status,
      await readBodyStart(response.body, MAX_ERROR_BODY_BYTES),
      apiKey,
    );
    return models.map((endpoint) => checkOf(endpoint, 'failing', detail, response.status));
  }
  if (response.ok) {
    let ids: Set<string> | undefined;
    try {
      ids = listedIds(await response.json());
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        const detail = describeFailure(error, timeoutMs);
        return models.map((endpoint) => checkOf(endpoint, 'failing', detail));
      }
      // Not JSON: the server has no model list of the usual kind, so each model is asked instead.
    }
    if (ids) {
      return models.map((endpoint) =>
        ids.has(endpoint.preset.upstreamModel)
          ? checkOf(endpoint, 'reachable', 'listed by the provider')
          : checkOf(endpoint, 'unknown', NOT_OFFERED),
      );
    }
  } else {
    await response.body?.cancel();
  }
  // No list to read (404 or 405 on servers without one, or a list that failed): each model is asked.
  return Promise.all(models.map((endpoint) => askModel(endpoint, timeoutMs)));
}

/**
 * Finds out which configured models the configured keys can reach, so that a wrong key, a retired model
 * or a model of another region shows before a user's first analysis fails. For each endpoint (base URL
 * and key) it reads `GET {baseURL}/models`: a listed model is `reachable`, one not listed `unknown`, and
 * all are `failing` when the key is refused (401/403) or the endpoint cannot be reached. An endpoint
 * without a list (404, 405) is asked one `ping` of one token per model. Endpoints are checked in
 * parallel; the demo is skipped. Resolves in the configuration's order and never rejects for anything a
 * provider does.
 *
 * @example
 * const checks = await checkModels(loadConfig(process.env));
 * // [{ model: 'qvq-max', provider: 'dashscope', status: 'reachable', detail: 'listed by the provider' }, …]
 */
export async function checkModels(
  config: SeerConfig,
  options: CheckModelsOptions = {},
): Promise<ModelCheck[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const groups = groupByEndpoint(config);
  const results = await Promise.all(groups.map((models) => checkEndpoint(models, timeoutMs)));
  // Each group's checks come in its models' order; the answer keeps the configuration's.
  const byEndpoint = new Map<ModelEndpoint, ModelCheck>();
  for (const [group, models] of groups.entries()) {
    for (const [index, endpoint] of models.entries()) byEndpoint.set(endpoint, results[group]![index]!);
  }
  return config.models.flatMap((endpoint) => byEndpoint.get(endpoint) ?? []);
}
