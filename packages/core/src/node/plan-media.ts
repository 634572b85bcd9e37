import type { PreprocessRequest } from '../contract/analysis-request';
import type { PreprocessResponse } from '../contract/preprocess-response';
import { RequestError } from '../errors';
import { estimateInputCost } from '../media/plan-image';
import type { SeerConfig } from '../models/config';
import { resolveModel } from '../models/resolve-model';
import { checkMediaRules } from '../templates/registry';
import { resolveTemplate } from '../templates/resolve-template';
import type { Template } from '../templates/template';
import { prepareMedia } from './prepare-media';
import type { UploadedFile } from './uploaded-file';

/** The media plan (docs/api.md, preprocess): what would be sent, its tokens and its cost. */
export type MediaPlan = PreprocessResponse;

/** What {@link planMedia} needs besides the request. */
export interface PlanMediaContext {
  config: SeerConfig;
  templates?: readonly Template[];
  files?: ReadonlyMap<string, UploadedFile>;
  /** Add each item's prepared data URLs (`?include=data`). */
  includeData?: boolean;
  signal?: AbortSignal;
}

/**
 * The dry run of the media part of an analysis (`POST /v1/preprocess`, `seer preprocess`): each item is
 * prepared exactly as an analysis would prepare it, and the plan says what would be sent.
 */
export async function planMedia(request: PreprocessRequest, context: PlanMediaContext): Promise<MediaPlan> {
  if (request.template) {
    const template = resolveTemplate(request.template, context.templates);
    const problem = checkMediaRules(template, {
      image: request.media.filter((item) => item.type === 'image').length,
      video: request.media.filter((item) => item.type === 'video').length,
    });
    if (problem) throw new RequestError({ code: 'invalid_request', message: problem });
  }
  const endpoint = resolveModel(context.config, request.model);
  const media = await prepareMedia(request.media, {
    preset: endpoint.preset,
    allowPrivateURLs: context.config.allowPrivateURLs,
    ...(context.files ? { files: context.files } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const totalTokens = media.reduce((sum, item) => sum + item.info.tokens, 0);
  const cost = estimateInputCost(endpoint.preset, totalTokens);
  return {
    model: endpoint.preset.id,
    media: media.map((item) => (context.includeData ? { ...item.info, urls: item.urls } : item.info)),
    totalTokens,
    ...(cost ? { estimatedCost: cost } : {}),
  };
}
