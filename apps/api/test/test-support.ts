import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AnalysisEvent, fromSSEParts, loadConfig, type SeerConfig } from '@seer/core';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type AppOptions, createApp } from '../src/app';
import { loadServerConfig } from '../src/server-config';

/** A Seer API listening on a free loopback port, for tests. */
export interface RunningAPI {
  url: string;
  config: SeerConfig;
  close(): Promise<void>;
}

/** Starts the real API over HTTP with the given environment (nothing configured: only the demo). */
export async function startAPI(
  environment: Record<string, string> = {},
  options: Omit<AppOptions, 'config' | 'serverConfig'> = {},
): Promise<RunningAPI> {
  const config = loadConfig(environment);
  // Tests send more requests a minute from one address than the default limit; the limit has its own.
  const serverConfig = loadServerConfig({ PORT: '0', SEER_RATE_LIMIT: '0', ...environment });
  const app = createApp({ demoDelayMs: 0, ...options, config, serverConfig });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What an SSE analysis response held. */
export interface EventLog {
  events: AnalysisEvent[];
  /** `event:` names in order, with ids checked to count up from 0. */
  types: string[];
  reasoning: string;
  text: string;
  pings: number;
}

/** Reads a whole SSE response into validated events (each checked against the shared schema). */
export async function readEvents(response: Response): Promise<EventLog> {
  const raw = await response.text();
  const pings = raw.split('\n').filter((line) => line === ': ping').length;
  const events: AnalysisEvent[] = [];
  const ids: string[] = [];
  const messages = new Response(raw)
    .body!.pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream({ onError: 'terminate' }));
  for await (const message of messages) {
    events.push(fromSSEParts(message.event ?? 'message', JSON.parse(message.data)));
    ids.push(message.id ?? '');
  }
  if (ids.some((id, index) => id !== String(index)))
    throw new Error(`Event ids are not 0, 1, 2…: ${ids.join(',')}`);
  let reasoning = '';
  let text = '';
  for (const event of events) {
    if (event.type === 'reasoning-delta') reasoning += event.text;
    if (event.type === 'text-delta') text += event.text;
  }
  return { events, types: events.map((event) => event.type), reasoning, text, pings };
}

/** POSTs an analysis as JSON. */
export function postAnalysis(api: RunningAPI, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${api.url}/v1/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

/** Event types with runs of the same delta folded into one, to compare the order of blocks. */
export function foldDeltas(types: string[]): string[] {
  return types.filter((type, index) => !(type.endsWith('-delta') && types[index - 1] === type));
}

/** A running API and the mock provider behind it, started once for a test file. */
export interface APIWithMockUpstream {
  readonly api: RunningAPI;
  readonly mock: MockUpstream;
}

/**
 * Starts the mock provider and the API in front of it around a test file (the environment gets the
 * mock's URL), and clears the mock's script and record before each test.
 */
export function useAPIWithMockUpstream(
  environment: (mockURL: string) => Record<string, string>,
): APIWithMockUpstream {
  let api: RunningAPI | undefined;
  let mock: MockUpstream | undefined;
  beforeAll(async () => {
    mock = await startMockUpstream();
    api = await startAPI(environment(mock.url));
  });
  afterAll(async () => {
    await api?.close();
    await mock?.close();
  });
  beforeEach(() => mock?.reset());
  return {
    get api() {
      if (!api) throw new Error('The API is started in beforeAll.');
      return api;
    },
    get mock() {
      if (!mock) throw new Error('The mock upstream is started in beforeAll.');
      return mock;
    },
  };
}

/** The bytes inside a base64 data URL. */
export function bytesOfDataURL(url: string): Buffer {
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}
