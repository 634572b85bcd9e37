import {
  type AnalysisRequestInput,
  type MediaItemSchema,
  ModelEntrySchema,
  ModelInfoSchema,
  type PreprocessedMedia,
  PreprocessResponseSchema,
  SeerError,
  type TemplateDescription,
  TemplateListSchema,
} from '@seer/core';
import { z } from 'zod';
import { authorizationHeader } from '../lib/access-token';
import { errorFromResponse } from './error-from-response';
import { requestBody } from './request-body';

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
