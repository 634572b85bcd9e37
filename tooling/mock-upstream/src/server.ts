import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { playScenario } from './play-scenario';
import { isScenario, type Scenario } from './scenario';

/** What `GET …/models` answers: these ids as an OpenAI-style list, or a status (with an error body). */
export type ModelsAnswer = string[] | { status: number; body?: unknown };

/** One chat request as the mock received it, completed when its connection ends. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
  /** `Date.now()` when the whole body had arrived. */
  receivedAt: number;
  /** When the response or its connection ended, for any reason. */
  closedAt?: number;
  /** True when the client closed the connection before the mock finished responding. */
  abortedByClient: boolean;
  /** The `kind` of the scenario that answered. */
  scenario: string;
}

/** A running mock of an OpenAI-compatible provider, scripted per request. */
export interface MockUpstream {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:43123/v1`. */
  url: string;
  /** Queues scenarios: each chat request takes the next one; when none is left the default answers. */
  script(...scenarios: Scenario[]): void;
  /** Replaces the scenario used when the queue is empty. */
  setDefault(scenario: Scenario): void;
  /**
   * Sets what `GET …/models` answers from now on: the ids it lists, or a status such as 401 (with
   * `body`, else an OpenAI-style error) or 404 (a server without a list). Default `['mock-model']`.
   */
  setModels(answer: ModelsAnswer): void;
  /** Every chat request so far, in order of arrival. */
  requests: ReceivedRequest[];
  /** Resolves with the requests once at least `count` have arrived; rejects after `timeoutMs` (default 5000). */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Clears the queue and the recorded requests and restores the start-up default scenario and model list. */
  reset(): void;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

/** Options of `startMockUpstream`; by default it listens on 127.0.0.1 at a free port. */
export interface MockUpstreamOptions {
  port?: number;
  host?: string;
  defaultScenario?: Scenario;
}

const defaultModels: ModelsAnswer = ['mock-model'];

/** Whether a value received as JSON is a {@link ModelsAnswer}. */
function isModelsAnswer(value: unknown): value is ModelsAnswer {
  if (Array.isArray(value)) return value.every((id) => typeof id === 'string');
  const status = (value as { status?: unknown } | null)?.status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;
}

const fallbackScenario: Scenario = {
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning: 'The user wants a short answer. I will give one.',
  answer: 'Hello from the mock upstream.',
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendJSON(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/**
 * Starts a real HTTP server that speaks OpenAI chat completions (`POST …/chat/completions`) and
 * answers each request with the next scripted scenario. `/__mock/*` routes script it over HTTP
 * when it runs as a separate process (see `main.ts`).
 *
 * @example
 * const upstream = await startMockUpstream();
 * upstream.script({ kind: 'status', status: 429, retryAfter: 1 });
 * // point the code under test at upstream.url, then inspect upstream.requests
 * await upstream.close();
 */
export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const initialDefault = options.defaultScenario ?? fallbackScenario;
  let defaultScenario = initialDefault;
  let models = defaultModels;
  const queue: Scenario[] = [];
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  let isClosing = false;

  const notifyWaiters = () => {
    for (const waiter of waiters) waiter();
  };

  const reset = () => {
    queue.length = 0;
    requests.length = 0;
    defaultScenario = initialDefault;
    models = defaultModels;
  };

  const handleModels = (res: ServerResponse) => {
    if (Array.isArray(models)) {
      return sendJSON(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model' })) });
    }
    return playScenario({ kind: 'status', status: models.status, body: models.body }, res, {
      body: undefined,
      signal: new AbortController().signal,
      onDrop: () => {},
    });
  };

  const handleChat = async (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const scenario = queue.shift() ?? defaultScenario;
    const record: ReceivedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: { ...req.headers },
      body,
      receivedAt: Date.now(),
      abortedByClient: false,
      scenario: scenario.kind,
    };
    const closed = new AbortController();
    let isDroppedByMock = false;
    const onClose = () => {
      if (record.closedAt !== undefined) return;
      record.closedAt = Date.now();
      record.abortedByClient = !res.writableFinished && !isDroppedByMock && !isClosing;
      closed.abort();
    };
    res.on('close', onClose);
    // The client may have left while the body was being read, before this listener existed.
    if (!res.socket || res.socket.destroyed) onClose();
    requests.push(record);
    notifyWaiters();
    await playScenario(scenario, res, {
      body,
      signal: closed.signal,
      onDrop: () => {
        isDroppedByMock = true;
      },
    });
  };

  const handleControl = (path: string, res: ServerResponse, body: unknown) => {
    const payload = (body ?? {}) as { scenarios?: unknown; scenario?: unknown; models?: unknown };
    if (path === '/__mock/script') {
      const scenarios = payload.scenarios;
      if (!Array.isArray(scenarios) || !scenarios.every(isScenario)) {
        return sendJSON(res, 400, { error: 'expected {"scenarios": Scenario[]}' });
      }
      queue.push(...scenarios);
    } else if (path === '/__mock/default') {
      if (!isScenario(payload.scenario)) {
        return sendJSON(res, 400, { error: 'expected {"scenario": Scenario}' });
      }
      defaultScenario = payload.scenario;
    } else if (path === '/__mock/models') {
      const answer = payload.models ?? body;
      if (!isModelsAnswer(answer)) {
        return sendJSON(res, 400, {
          error: 'expected {"models": string[]} or {"status": number, "body"?: unknown}',
        });
      }
      models = answer;
    } else if (path === '/__mock/reset') {
      reset();
    } else {
      return sendJSON(res, 404, { error: `no control route ${path}` });
    }
    sendJSON(res, 200, { ok: true });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    const body = await readBody(req);
    if (req.method === 'POST' && path.endsWith('/chat/completions')) return handleChat(req, res, body);
    if (req.method === 'POST' && path.startsWith('/__mock/')) return handleControl(path, res, body);
    if (req.method === 'GET' && path === '/__mock/requests') return sendJSON(res, 200, { requests });
    if (req.method === 'GET' && path.endsWith('/models')) return handleModels(res);
    sendJSON(res, 404, {
      error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' },
    });
  };

  const server = createServer({ noDelay: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJSON(res, 500, { error: { message: String(error), type: 'server_error' } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}/v1`,
    requests,
    script: (...scenarios) => {
      queue.push(...scenarios);
    },
    setDefault: (scenario) => {
      defaultScenario = scenario;
    },
    setModels: (answer) => {
      models = answer;
    },
    waitForRequests: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          cleanup();
          resolve(requests.slice());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`mock upstream: ${requests.length} of ${count} requests after ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    reset,
    close: async () => {
      isClosing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
