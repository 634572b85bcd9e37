/** How a reasoning model's thinking travels in the stream, one per family of providers. */
export type ReasoningDialect =
  | 'reasoning_content'
  | 'reasoning'
  | 'reasoning_details'
  | 'think-tags'
  | 'none';

/** A scripted way to end a stream early, after `after` chunk events were sent. */
export interface StreamFault {
  /** Number of chunk events (role, text, finish and usage chunks) sent before the fault. */
  after: number;
  /** `error-event`: an OpenAI-style `data: {"error":…}` then end without `[DONE]`; `drop`: destroy the socket; `silence`: stop sending and keep the connection open. */
  type: 'error-event' | 'drop' | 'silence';
}

/**
 * A synthetic chat completion built from texts, streamed as `chat.completion.chunk` events.
 *
 * @example { kind: 'stream', dialect: 'reasoning', reasoning: 'Two plus two…', answer: '4' }
 */
export interface StreamScenario {
  kind: 'stream';
  dialect: ReasoningDialect;
  reasoning?: string;
  answer: string;
  /** Characters per text chunk (default 8). */
  chunkChars?: number;
  /** Pause between chunk events (default 0). */
  delayMs?: number;
  /** Default `stop`. */
  finishReason?: string;
  /** `null` sends no usage; default is computed from the texts. */
  usage?: object | null;
  /** Default `final-chunk`: a last chunk with `choices: []`. */
  usagePlacement?: 'final-chunk' | 'finish-chunk' | 'none';
  fault?: StreamFault;
}

/** Recorded SSE bytes written verbatim, cut into separately written pieces. */
export interface ReplayScenario {
  kind: 'replay';
  /** Raw SSE text exactly as recorded; sent as UTF-8. */
  sse: string;
  /** Random cut (see `splitAtRandomBoundaries`) or explicit byte offsets; default one piece. */
  split?: { seed: number; maxPieces?: number } | number[];
  /** Pause between pieces (default 0, which still yields to the event loop). */
  delayMs?: number;
}

/** An HTTP error before any stream output, e.g. a 429 with `Retry-After`. */
export interface StatusScenario {
  kind: 'status';
  status: number;
  /** Default an OpenAI-style `{error:{message,type,code}}`; a string is sent as is. */
  body?: unknown;
  retryAfter?: string | number;
  headers?: Record<string, string>;
}

/** Read the request and never answer, until the client goes away. */
export interface SilenceScenario {
  kind: 'silence';
}

/**
 * Wait `delayMs` before sending any header, then play `then`. (A non-callable `then` does not make
 * the object a thenable, so awaiting code that returns a scenario is safe.)
 */
export interface SlowHeadersScenario {
  kind: 'slow-headers';
  delayMs: number;
  then: Scenario;
}

/** What the mock does with one chat request; discriminated on `kind`. */
export type Scenario =
  | StreamScenario
  | ReplayScenario
  | StatusScenario
  | SilenceScenario
  | SlowHeadersScenario;

/** Every valid `Scenario['kind']`, for checking scenarios that arrive over HTTP. */
export const scenarioKinds: readonly Scenario['kind'][] = [
  'stream',
  'replay',
  'status',
  'silence',
  'slow-headers',
];

/** Whether a value received as JSON looks like a scenario (its `kind` is known). */
export function isScenario(value: unknown): value is Scenario {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && (scenarioKinds as readonly string[]).includes(kind);
}
