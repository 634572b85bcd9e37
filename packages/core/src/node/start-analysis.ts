import { randomUUID } from 'node:crypto';
import { attachResult, checkTemplateMedia } from '../analysis';
import type { AnalysisRequest } from '../contract/analysis-request';
import type { BudgetReport, ModelStreamEvent, PreparedMediaInfo } from '../contract/events';
import type { Locale } from '../contract/templates';
import { coordinateSystemFor } from '../grounding/coordinate-system';
import { planBudget } from '../models/budget';
import type { SeerConfig } from '../models/config';
import { resolveModel } from '../models/resolve-model';
import { buildMessages } from '../provider/build-messages';
import type { ProviderFetch } from '../provider/provider-fetch';
import { resolveTemplate } from '../templates/resolve-template';
import type { Template } from '../templates/template';
import { prepareMedia } from './prepare-media';
import { answerEvents } from './run-model';
import type { UploadedFile } from './uploaded-file';

/** An analysis whose media are prepared and whose model has started answering. */
export interface StartedAnalysis {
  id: string;
  model: string;
  template: string;
  locale: Locale;
  media: PreparedMediaInfo[];
  /** The model's events, `finish` carrying the template's result. Cancelling it aborts the provider. */
  events: ReadableStream<ModelStreamEvent>;
}

/** What {@link startAnalysis} needs besides the request. */
export interface StartAnalysisContext {
  config: SeerConfig;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /** The demo model's pause between pieces. */
  demoDelayMs?: number;
  /** The `fetch` the provider client sends requests with; default the platform's. */
  fetch?: ProviderFetch;
  /** Uploaded multipart files by field name. */
  files?: ReadonlyMap<string, UploadedFile>;
  /** Custom templates, besides the built-in ones. */
  templates?: readonly Template[];
}

/**
 * Runs the first half of an analysis: resolves the template and model, checks and prepares the media,
 * builds the messages, and calls the model (or the demo). Everything that can fail before output fails
 * here, as a {@link SeerError} with its HTTP status; what follows arrives as events.
 */
export async function startAnalysis(
  request: AnalysisRequest,
  context: StartAnalysisContext,
): Promise<StartedAnalysis> {
  const startedAt = Date.now();
  const template = resolveTemplate(request.template, context.templates);
  const endpoint = resolveModel(context.config, request.model);
  checkTemplateMedia(template, request);
  const media = await prepareMedia(request.media, {
    preset: endpoint.preset,
    allowPrivateURLs: context.config.allowPrivateURLs,
    ...(context.files ? { files: context.files } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const messages = buildMessages({
    template,
    locale: request.locale,
    ...(request.question === undefined ? {} : { question: request.question }),
    media,
    preset: endpoint.preset,
  });

  const plan = planBudget(endpoint.preset, request.thinking);
  const budgetReport: BudgetReport | undefined = plan && {
    asked: plan.asked,
    how: plan.how,
    sent: plan.sent,
    isClamped: plan.isClamped,
  };
  const events = await answerEvents({
    endpoint,
    template,
    messages,
    media,
    plan,
    ...(budgetReport ? { budgetReport } : {}),
    locale: request.locale,
    sampling: request,
    config: context.config,
    startedAt,
    demoDelayMs: context.demoDelayMs,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.fetch ? { fetch: context.fetch } : {}),
  });

  return {
    id: `an_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    model: endpoint.preset.id,
    template: template.id,
    locale: request.locale,
    media: media.map((item) => item.info),
    // The demo's answer quotes the instruction, not an answer: there is no result to read from it.
    events:
      endpoint.preset.provider === 'demo'
        ? events
        : attachResult(events, template, request.locale, budgetReport, {
            media: media.map((item) => item.info),
            coordinates: coordinateSystemFor(endpoint.preset.family),
          }),
  };
}
