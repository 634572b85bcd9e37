import {
  type AnalysisEvent,
  AnalysisEventSchema,
  fromSSEParts,
  type ModelInfo,
  SeerError,
  SSEParserStream,
  type TemplateDescription,
} from '@seer/core';
import { z } from 'zod';

/** One media item of an analysis request, as the playground sends it (a `data:` URL in JSON). */
export interface MediaInput {
  type: 'image';
  url: string;
}

/** The body of `POST /v1/analyses` that the playground sends (SPEC §2.1). */
export interface AnalysisRequest {
  template: string;
  locale: 'en' | 'zh';
  question?: string;
  media: MediaInput[];
  model?: string;
}

// What the API sends is read leniently: extra fields are ignored, so a newer API keeps working.
const LocalizedSchema = z.object({ en: z.string(), zh: z.string() });
const RangeSchema = z.object({ min: z.number(), max: z.number() });

const TemplateDescriptionSchema = z.object({
  id: z.string(),
  title: LocalizedSchema,
  description: LocalizedSchema,
  media: z.object({ image: RangeSchema, video: RangeSchema, allowsMixing: z.boolean() }),
  inputs: z.object({ question: z.enum(['required', 'optional']) }),
});

/** The fields of a `/v1/models` entry that the playground uses. */
export type ModelSummary = Pick<ModelInfo, 'id' | 'label' | 'provider' | 'default'> &
  Partial<Pick<ModelInfo, 'thinking' | 'supportsVideo'>>;

const ModelSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  provider: z.enum(['dashscope', 'openai', 'openrouter', 'custom', 'demo']),
  default: z.literal(true).optional(),
  thinking: z.enum(['always', 'optional', 'hidden', 'none']).optional(),
  supportsVideo: z.boolean().optional(),
});

const ErrorBodySchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string(), retryable: z.boolean().optional() }),
});

/** Turns a non-2xx response into a `SeerError` with the API's code and message (SPEC §2 error body). */
async function errorFromResponse(response: Response): Promise<SeerError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, retryable, ...details } = parsed.data.error;
    return new SeerError({
      code,
      message,
      status: response.status,
      isRetryable: retryable ?? (response.status === 429 || response.status >= 500),
      details,
    });
  }
  return new SeerError({
    code: 'http_error',
    message: `The server answered ${response.status} ${response.statusText || 'without a reason'}.`,
    status: response.status,
    isRetryable: response.status >= 500,
  });
}

async function getJSON<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw await errorFromResponse(response);
  return schema.parse(await response.json());
}

/** Lists the tasks the server offers (`GET /v1/templates`). */
export async function fetchTemplates(signal?: AbortSignal): Promise<TemplateDescription[]> {
  const { data } = await getJSON(
    '/v1/templates',
    z.object({ data: z.array(TemplateDescriptionSchema) }),
    signal,
  );
  return data;
}

/** Lists the models the server is configured with (`GET /v1/models`). */
export async function fetchModels(signal?: AbortSignal): Promise<ModelSummary[]> {
  const { data } = await getJSON('/v1/models', z.object({ data: z.array(ModelSummarySchema) }), signal);
  return data;
}

const knownEventTypes: ReadonlySet<string> = new Set(
  AnalysisEventSchema.options.map((option) => option.shape.type.value),
);

/** Validates one SSE message as an analysis event; a malformed known event is a protocol error. */
function parseEvent(name: string, data: string): AnalysisEvent {
  try {
    return fromSSEParts(name, JSON.parse(data));
  } catch (cause) {
    throw new SeerError({
      code: 'invalid_event',
      message: `The server sent a malformed "${name}" event.`,
      status: 502,
      cause,
    });
  }
}

/** Options of `streamAnalysis`. */
export interface StreamAnalysisOptions {
  /** Aborting it cancels the request; the server then aborts the model call. */
  signal?: AbortSignal;
  /** Called once per validated event, in order. */
  onEvent: (event: AnalysisEvent) => void;
}

/**
 * Runs an analysis (`POST /v1/analyses`) and reads its Server-Sent Events, validating each one with the
 * core event schema. Resolves with the last event (`finish` or `error`). Rejects with a `SeerError` when
 * the server refuses the request before streaming, or when the stream breaks off before its last event;
 * rejects with the signal's `AbortError` when aborted.
 *
 * @example
 * await streamAnalysis({ template: 'math-pattern', locale: 'en', media }, { onEvent: console.log });
 */
export async function streamAnalysis(
  request: AnalysisRequest,
  { signal, onEvent }: StreamAnalysisOptions,
): Promise<AnalysisEvent> {
  const response = await fetch('/v1/analyses', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(request),
    signal,
  });
  if (!response.ok) throw await errorFromResponse(response);
  if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream')) {
    throw new SeerError({
      code: 'unexpected_response',
      message: 'The server did not answer with a stream of events.',
      status: response.status,
    });
  }

  const reader = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new SSEParserStream())
    .getReader();
  try {
    for (;;) {
      const { done, value: message } = await reader.read();
      if (done) break;
      // A newer server may send events this client does not know yet: skipping them keeps it working.
      if (message.event === undefined || !knownEventTypes.has(message.event)) continue;
      const event = parseEvent(message.event, message.data);
      onEvent(event);
      if (event.type === 'finish' || event.type === 'error') return event;
    }
  } finally {
    // After `finish` the server closes the stream anyway; cancelling frees the connection at once.
    reader.cancel().catch(() => {});
  }
  signal?.throwIfAborted();
  throw new SeerError({
    code: 'stream_ended',
    message: 'The connection closed before the answer was complete.',
    status: 502,
    isRetryable: true,
  });
}
