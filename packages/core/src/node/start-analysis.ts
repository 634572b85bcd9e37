import { randomUUID } from 'node:crypto';
import { attachResult, checkTemplateMedia } from '../analysis';
import type { AnalysisRequest } from '../contract/analysis-request';
import type { BudgetReport, ModelStreamEvent, PreparedMediaInfo } from '../contract/events';
import type { Locale } from '../contract/templates';
import { budgetParameters, planBudget } from '../models/budget';
import type { SeerConfig } from '../models/config';
import { resolveModel } from '../models/resolve-model';
import { buildMessages } from '../provider/build-messages';
import { callModel } from '../provider/call-model';
import { demoStream } from '../provider/demo-model';
import { enforceThinkingBudget, estimateTokens } from '../provider/forced-budget';
import type { ProviderTransport } from '../provider/provider-transport';
import { resolveTemplate } from '../templates/resolve-template';
import type { Template } from '../templates/template';
import { httpTransport } from './http-transport';
import { prepareMedia } from './prepare-media';
import type { UploadedFile } from './uploaded-file';

/** Tokens kept for the answer when a forced thinking budget cuts the thought. */
export const DEFAULT_ANSWER_RESERVE = 2048;

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
  /** How provider requests are sent; default {@link httpTransport}. */
  transport?: ProviderTransport;
  /** Uploaded multipart files by field name. */
  files?: ReadonlyMap<string, UploadedFile>;
  /** Custom templates, besides the built-in ones. */
  templates?: readonly Template[];
}

/**
 * The input tokens of a request as Seer planned them: the media's tokens and the prompt's text. Used
 * where a provider's own count never arrives (a request cut by a forced budget).
 */
function estimatePromptTokens(
  messages: ReturnType<typeof buildMessages>,
  media: readonly { info: PreparedMediaInfo }[],
): number {
  const mediaTokens = media.reduce((sum, item) => sum + item.info.tokens, 0);
  const text = messages
    .flatMap((message) =>
      typeof message.content === 'string'
        ? [message.content]
        : message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])),
    )
    .join('\n');
  return mediaTokens + estimateTokens(text);
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
  let events: ReadableStream<ModelStreamEvent>;
  if (endpoint.preset.provider === 'demo') {
    events = demoStream({
      template,
      locale: request.locale,
      media,
      messages,
      startedAt,
      ...(context.demoDelayMs === undefined ? {} : { delayMs: context.demoDelayMs }),
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } else {
    const needsHighResolution = media.some((item) => item.needsHighResolution);
    const call = (
      chatMessages: typeof messages,
      maxAnswerTokens = request.maxAnswerTokens,
      extra: Record<string, unknown> = {},
      isContinuation = false,
    ) =>
      callModel({
        endpoint,
        messages: chatMessages,
        extraBody: {
          ...budgetParameters(endpoint.preset, plan),
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(request.seed === undefined ? {} : { seed: request.seed }),
          ...(needsHighResolution ? { vl_high_resolution_images: true } : {}),
          ...extra,
        },
        ...(maxAnswerTokens === undefined ? {} : { maxAnswerTokens }),
        idleTimeoutMs: context.config.upstreamIdleTimeoutMs,
        totalTimeoutMs: context.config.upstreamTotalTimeoutMs,
        startedAt,
        ...(context.signal ? { signal: context.signal } : {}),
        transport: context.transport ?? httpTransport,
        // The prefill closed the thought: what the server continues with is the answer.
        ...(isContinuation ? { thinkTags: 'auto' as const } : {}),
      });
    events = await call(messages);
    if (plan?.how === 'forced' && typeof plan.sent === 'number' && budgetReport) {
      events = enforceThinkingBudget(events, {
        budget: plan.sent,
        report: budgetReport,
        estimatedInputTokens: estimatePromptTokens(messages, media),
        startedAt,
        locale: request.locale,
        messages,
        continuation: endpoint.preset.thinking.continuation ?? 'follow-up',
        // The request for the answer always has room for it; vLLM continues a prefilled message.
        continueWith: (followUp) =>
          call(
            followUp,
            request.maxAnswerTokens ?? DEFAULT_ANSWER_RESERVE,
            endpoint.preset.thinking.continuation === 'prefill'
              ? { continue_final_message: true, add_generation_prompt: false }
              : {},
            endpoint.preset.thinking.continuation === 'prefill',
          ),
      });
    }
  }

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
        : attachResult(events, template, request.locale, budgetReport),
  };
}
