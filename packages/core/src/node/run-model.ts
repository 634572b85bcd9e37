import type { BudgetReport, ModelStreamEvent, PreparedMediaInfo } from '../contract/events';
import type { Locale } from '../contract/templates';
import type { PreparedMedia } from '../media/prepared-media';
import { type BudgetPlan, budgetParameters } from '../models/budget';
import type { ModelEndpoint, SeerConfig } from '../models/config';
import type { ChatMessage } from '../provider/build-messages';
import { callModel } from '../provider/call-model';
import { demoStream } from '../provider/demo-model';
import { enforceThinkingBudget, estimateTokens } from '../provider/forced-budget';
import type { ProviderFetch } from '../provider/provider-fetch';
import type { Template } from '../templates/template';

/** Tokens kept for the answer when a forced thinking budget cuts the thought. */
export const DEFAULT_ANSWER_RESERVE = 2048;

/** What {@link runModel} needs: the messages with their prepared media, the budget's plan and the caller's sampling. */
export interface RunModelOptions {
  endpoint: ModelEndpoint;
  messages: ChatMessage[];
  /** The prepared media the messages carry: their tokens, and whether one asks for high resolution. */
  media: readonly { info: PreparedMediaInfo; needsHighResolution?: boolean }[];
  /** The thinking budget as planned for this model (`planBudget`), if one was asked. */
  plan: BudgetPlan | undefined;
  /** The report a forced budget fills in as it cuts the thought. */
  budgetReport?: BudgetReport;
  /** The language the follow-up of a forced budget is asked in. */
  locale: Locale;
  /** What the caller set of the sampling and the answer's length. */
  sampling: {
    maxAnswerTokens?: number | undefined;
    temperature?: number | undefined;
    seed?: number | undefined;
    /** Nucleus sampling, passed to the provider as it is. */
    topP?: number | undefined;
    /** Where the provider stops the answer, passed as it is. */
    stop?: string | string[] | undefined;
  };
  config: SeerConfig;
  /** When the request arrived, for `timing.totalMs`. */
  startedAt: number;
  /** Aborting it aborts the provider request. */
  signal?: AbortSignal;
  /** The `fetch` the provider client sends requests with; default the platform's. */
  fetch?: ProviderFetch;
}

/**
 * The input tokens of a request as Seer planned them: the media's tokens and the prompt's text. Used
 * where a provider's own count never arrives (a request cut by a forced budget).
 */
function estimatePromptTokens(
  messages: readonly ChatMessage[],
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
 * Calls the model with prepared messages and returns its events: the budget in the model's own form
 * (a provider parameter, an effort level, or cut by Seer when the model has none), high resolution when
 * an image asks for it, and the caller's sampling.
 *
 * @throws UpstreamError when the provider fails before its stream starts.
 */
export async function runModel(options: RunModelOptions): Promise<ReadableStream<ModelStreamEvent>> {
  const { endpoint, messages, media, plan, budgetReport, sampling, config, startedAt, signal } = options;
  const needsHighResolution = media.some((item) => item.needsHighResolution);
  const call = (
    chatMessages: ChatMessage[],
    maxAnswerTokens = sampling.maxAnswerTokens,
    extra: Record<string, unknown> = {},
    isContinuation = false,
  ) =>
    callModel({
      endpoint,
      messages: chatMessages,
      extraBody: {
        ...budgetParameters(endpoint.preset, plan),
        ...(sampling.temperature === undefined ? {} : { temperature: sampling.temperature }),
        ...(sampling.seed === undefined ? {} : { seed: sampling.seed }),
        ...(sampling.topP === undefined ? {} : { top_p: sampling.topP }),
        ...(sampling.stop === undefined ? {} : { stop: sampling.stop }),
        ...(needsHighResolution ? { vl_high_resolution_images: true } : {}),
        ...extra,
      },
      ...(maxAnswerTokens === undefined ? {} : { maxAnswerTokens }),
      idleTimeoutMs: config.upstreamIdleTimeoutMs,
      totalTimeoutMs: config.upstreamTotalTimeoutMs,
      startedAt,
      ...(signal ? { signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      // The prefill closed the thought: what the server continues with is the answer.
      ...(isContinuation ? { thinkTags: 'auto' as const } : {}),
    });
  const events = await call(messages);
  if (plan?.how !== 'forced' || typeof plan.sent !== 'number' || !budgetReport) return events;
  const isPrefill = endpoint.preset.thinking.continuation === 'prefill';
  return enforceThinkingBudget(events, {
    budget: plan.sent,
    report: budgetReport,
    estimatedInputTokens: estimatePromptTokens(messages, media),
    startedAt,
    locale: options.locale,
    messages,
    continuation: endpoint.preset.thinking.continuation ?? 'follow-up',
    // The request for the answer always has room for it; vLLM continues a prefilled message.
    continueWith: (followUp) =>
      call(
        followUp,
        sampling.maxAnswerTokens ?? DEFAULT_ANSWER_RESERVE,
        isPrefill ? { continue_final_message: true, add_generation_prompt: false } : {},
        isPrefill,
      ),
  });
}

/** What {@link answerEvents} needs: a model call's options, with what the demo model shows in its place. */
export interface AnswerEventsOptions extends RunModelOptions {
  media: PreparedMedia[];
  /** The task the demo model describes. */
  template: Template;
  /** The demo model's pause between pieces. */
  demoDelayMs?: number | undefined;
}

/**
 * The model's events for prepared messages: the demo model's script when the endpoint is the demo (no
 * model is configured), else {@link runModel}'s call to the provider. Every route that answers goes
 * through here, so that a new kind of endpoint is added in one place.
 *
 * @throws UpstreamError when the provider fails before its stream starts.
 */
export async function answerEvents(options: AnswerEventsOptions): Promise<ReadableStream<ModelStreamEvent>> {
  if (options.endpoint.preset.provider !== 'demo') return runModel(options);
  return demoStream({
    template: options.template,
    locale: options.locale,
    media: options.media,
    messages: options.messages,
    startedAt: options.startedAt,
    ...(options.demoDelayMs === undefined ? {} : { delayMs: options.demoDelayMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
