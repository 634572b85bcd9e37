import OpenAI from 'openai';
import type { ModelEndpoint } from '../models/config';
import { guardFetch, type ProviderFetch } from './provider-fetch';

/** The clients made so far, by the `fetch` they were given, then by base URL and key. */
const clients = new WeakMap<ProviderFetch, Map<string, OpenAI>>();
/** Stands for "the platform's fetch" in {@link clients}. */
const platformFetch: ProviderFetch = (input, init) => globalThis.fetch(input, init);

/** The most clients kept for one `fetch`: a deployment has a handful of endpoints; only tests make many. */
const MAX_CLIENTS = 64;

/**
 * The OpenAI SDK client for one endpoint (base URL and key), made on first use and reused by every later
 * call, with its connections: making one per request costs time on the way to the first token
 * (docs/performance.md). Requests go through {@link guardFetch} over `fetch` (the platform's by default),
 * so a proxy set on the platform's `fetch` applies.
 *
 * The client reads nothing from the environment: `OPENAI_ORG_ID` or `OPENAI_PROJECT_ID` set for OpenAI
 * must not travel to DashScope or OpenRouter, and the SDK's log (which would write request bodies and
 * unreadable stream lines) stays off. A keyless endpoint (a local vLLM or Ollama) gets no
 * `Authorization` header at all. The SDK's own per-attempt timeout is set per request by its caller;
 * browsers are allowed because the caller, not the SDK, decides where a key may be used.
 */
export function providerClient(
  endpoint: Pick<ModelEndpoint, 'baseURL' | 'apiKey'>,
  fetch: ProviderFetch = platformFetch,
): OpenAI {
  let byEndpoint = clients.get(fetch);
  if (!byEndpoint) {
    byEndpoint = new Map();
    clients.set(fetch, byEndpoint);
  }
  const key = `${endpoint.baseURL}\n${endpoint.apiKey}`;
  let client = byEndpoint.get(key);
  if (!client) {
    client = new OpenAI({
      baseURL: endpoint.baseURL,
      // The SDK insists on a key; a keyless endpoint's placeholder is removed from the headers below.
      apiKey: endpoint.apiKey || 'none',
      organization: null,
      project: null,
      adminAPIKey: null,
      webhookSecret: null,
      ...(endpoint.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
      fetch: guardFetch(fetch === platformFetch ? undefined : fetch),
      logLevel: 'off',
      dangerouslyAllowBrowser: true,
    });
    if (byEndpoint.size >= MAX_CLIENTS) byEndpoint.clear();
    byEndpoint.set(key, client);
  }
  return client;
}
