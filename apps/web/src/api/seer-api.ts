import {
  type AnalysisEvent,
  AnalysisEventSchema,
  type AnalysisRequestInput,
  ErrorBodySchema,
  fromSSEParts,
  MAX_SSE_EVENT_LENGTH,
  type MediaItemSchema,
  ModelEntrySchema,
  ModelInfoSchema,
  type PreprocessedMedia,
  PreprocessResponseSchema,
  SeerError,
  type TemplateDescription,
  TemplateListSchema,
} from '@seer/core';
import { type EventSourceMessage, ParseError } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { z } from 'zod';
import { authorizationHeader } from '../lib/access-token';

export type { PreprocessedMedia };

/**
 * One media item of an analysis request, as the playground sends it: an uploaded file, named by its
 * multipart field, or a `data:` URL.
 */
export type MediaInput = z.input<typeof MediaItemSchema>;

/** The body of `POST /v1/analyses`, as the playground writes it (docs/api.md, the analysis request). */
export type AnalysisRequest = AnalysisRequestInput;

const { shape } = ModelInfoSchema;
/**
 * A `/v1/models` entry as the playground reads it: enough to plan images and price them. Read leniently,
 * so that a newer server keeps working: a family this playground does not know is planned like any
 * other model, an unknown budget control is offered no slider, and an unknown media shape falls back to
 * the family's defaults.
 */
const ModelSummarySchema = ModelInfoSchema.pick({
  id: true,
  label: true,
  provider: true,
  default: true,
  prices: true,
}).extend({
  family: shape.family.catch('generic'),
  thinking: shape.thinking.optional(),
  budget: shape.budget.extend({ control: shape.budget.shape.control.catch('none') }).optional(),
  supportsVideo: shape.supportsVideo.optional(),
  media: shape.media.catch(undefined),
});

/** The fields of a `/v1/models` entry that the playground uses. */
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

/** Turns a non-2xx response into a `SeerError` with the API's code and message (docs/api.md, errors). */
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
  const response = await fetch(path, {
    headers: { accept: 'application/json', ...authorizationHeader() },
    signal: signal ?? null,
  });
  if (!response.ok) throw await errorFromResponse(response);
  return schema.parse(await response.json());
}

/** Lists the tasks the server offers (`GET /v1/templates`). */
export async function fetchTemplates(signal?: AbortSignal): Promise<TemplateDescription[]> {
  const { data } = await getJSON('/v1/templates', TemplateListSchema, signal);
  return data;
}

/** A `/v1/models` entry as listed: a model, or a task entry for chat clients (it names its `task`). */
const ModelListingSchema = ModelSummarySchema.extend({ task: ModelEntrySchema.shape.task });

/**
 * Lists the models the server is configured with (`GET /v1/models`), without the task entries it lists
 * for chat clients: the playground picks the task itself.
 */
export async function fetchModels(signal?: AbortSignal): Promise<ModelSummary[]> {
  const { data } = await getJSON('/v1/models', z.object({ data: z.array(ModelListingSchema) }), signal);
  return data.filter((entry) => entry.task === undefined).map(({ task: _task, ...model }) => model);
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

/**
 * The next SSE message. The parser holds at most `MAX_SSE_EVENT_LENGTH` characters of one event (a few
 * MB, far more than any event of Seer's): a longer one is a protocol error, not a reason to fill the
 * tab's memory.
 */
async function readMessage(
  reader: ReadableStreamDefaultReader<EventSourceMessage>,
): Promise<ReadableStreamReadResult<EventSourceMessage>> {
  try {
    return await reader.read();
  } catch (cause) {
    if (!(cause instanceof ParseError && cause.type === 'max-buffer-size-exceeded')) throw cause;
    throw new SeerError({
      code: 'invalid_event',
      message: `The server sent an event longer than ${MAX_SSE_EVENT_LENGTH / (1024 * 1024)} MB, more than any event of an analysis.`,
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
  /** The files that media items name by `file`, by field name; with any, the request goes as multipart. */
  files?: ReadonlyMap<string, File>;
}

/**
 * The body of a request: JSON, or with files a multipart form of the JSON in a `request` field and one
 * field per file (docs/media.md, where bytes come from), so that images travel as bytes rather than as
 * base64.
 */
function requestBody(
  request: unknown,
  files?: ReadonlyMap<string, File>,
): { body: BodyInit; headers: HeadersInit } {
  if (!files || files.size === 0) {
    return { body: JSON.stringify(request), headers: { 'content-type': 'application/json' } };
  }
  const form = new FormData();
  form.append('request', JSON.stringify(request));
  for (const [field, file] of files) form.append(field, file, file.name);
  // The browser sets the multipart content type with its boundary.
  return { body: form, headers: {} };
}

/**
 * Runs an analysis (`POST /v1/analyses`) and reads its Server-Sent Events, validating each one with the
 * core event schema. Resolves with the last event (`finish` or `error`). Rejects with a `SeerError` when
 * the server refuses the request before streaming, or when the stream breaks off before its last event;
 * rejects with the signal's `AbortError` when aborted.
 *
 * The request goes as JSON, or with `files` as multipart (see `requestBody`).
 *
 * @example
 * const files = new Map([['image0', photo]]);
 * const media = [{ type: 'image', file: 'image0' }];
 * await streamAnalysis({ template: 'math-pattern', locale: 'en', media }, { files, onEvent: console.log });
 */
export async function streamAnalysis(
  request: AnalysisRequest,
  { signal, onEvent, files }: StreamAnalysisOptions,
): Promise<AnalysisEvent> {
  const { body, headers } = requestBody(request, files);
  const response = await fetch('/v1/analyses', {
    method: 'POST',
    headers: { ...headers, ...authorizationHeader(), accept: 'text/event-stream' },
    body,
    signal: signal ?? null,
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
    .pipeThrough(new EventSourceParserStream({ maxBufferSize: MAX_SSE_EVENT_LENGTH }))
    .getReader();
  try {
    for (;;) {
      const { done, value: message } = await readMessage(reader);
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

/**
 * Asks the server to prepare one file as it would for `model` (`POST /v1/preprocess?include=data`,
 * multipart, the file in field `image0` or `video0`): an image this browser cannot decode itself (TIFF,
 * or HEIC where the decoder cannot run), or a video, whose frames the server samples. Rejects with the
 * API's `SeerError` when the server refuses the file (415, 422, 413), and with the signal's `AbortError`
 * when aborted.
 *
 * @example
 * const { durationSeconds, frames, urls } = await preprocessMedia(clip, 'video', 'qvq-max');
 */
export async function preprocessMedia(
  file: File,
  kind: 'image' | 'video',
  model?: string,
  signal?: AbortSignal,
): Promise<PreprocessedMedia> {
  const field = `${kind}0`;
  const { body, headers } = requestBody(
    { ...(model ? { model } : {}), media: [{ type: kind, file: field }] },
    new Map([[field, file]]),
  );
  const response = await fetch('/v1/preprocess?include=data', {
    method: 'POST',
    headers: { ...headers, ...authorizationHeader(), accept: 'application/json' },
    body,
    signal: signal ?? null,
  });
  if (!response.ok) throw await errorFromResponse(response);
  const [prepared] = PreprocessResponseSchema.parse(await response.json()).media;
  if (!prepared) {
    throw new SeerError({
      code: 'unexpected_response',
      message: `The server prepared no ${kind}.`,
      status: 502,
    });
  }
  return prepared;
}

/**
 * Asks the server to prepare one image file as it would for `model`; see `preprocessMedia`.
 *
 * @example
 * const { originalWidth, originalHeight, urls } = await preprocessFile(tiff, 'qvq-max');
 */
export function preprocessFile(file: File, model?: string, signal?: AbortSignal): Promise<PreprocessedMedia> {
  return preprocessMedia(file, 'image', model, signal);
}
