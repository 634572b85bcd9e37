import { randomUUID } from 'node:crypto';
import { attachResult } from '../../analysis/attach-result';
import type { ChatCompletionRequest } from '../../contract/chat-completions-request';
import type { SeerChatReport } from '../../contract/chat-completions-response';
import type { BudgetReport, ModelStreamEvent } from '../../contract/events';
import { RequestError } from '../../errors';
import { coordinateSystemFor } from '../../grounding/coordinate-system';
import { planBudget } from '../../models/budget';
import type { SeerConfig } from '../../models/config';
import { answerEvents } from '../../node/run-model';
import { buildMessages } from '../../provider/build-messages';
import { freeformTemplate } from '../../templates/freeform';
import { checkMediaRules } from '../../templates/registry';
import type { Template } from '../../templates/template';
import { chatThinkingAsk, readChatBudget } from '../chat-budget';
import type { ChatCompletionHead } from '../chat-chunks';
import { chatLocale } from '../chat-locale';
import { buildChatMessages } from '../chat-messages';
import { resolveChatTarget } from '../chat-model';
import { type ChatMediaSource, readConversation, turnMedia, turnText } from '../read-conversation';
import { prepareChatMedia } from './prepare-chat-media';

/** A chat completion whose media are prepared and whose model has started answering. */
export interface StartedChatCompletion {
  head: ChatCompletionHead;
  /** What Seer did, as far as it is known before the model answers; `finish` completes it. */
  report: SeerChatReport;
  /** The model's events; cancelling the stream aborts the provider request. */
  events: ReadableStream<ModelStreamEvent>;
}

/** What {@link startChatCompletion} needs besides the request. */
export interface StartChatCompletionContext {
  config: SeerConfig;
  /** Custom templates, besides the built-in ones. */
  templates?: readonly Template[];
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /** The demo model's pause between pieces. */
  demoDelayMs?: number;
}

/** Checks a task's media and question as an analysis checks them; 400 with what the task needs. */
function checkTaskInput(template: Template, media: readonly ChatMediaSource[], question: string): void {
  const counts = { image: 0, video: 0 };
  for (const source of media) counts[source.kind === 'item' ? source.item.type : 'video']++;
  const problem = checkMediaRules(template, counts);
  const missing = template.question === 'required' && !question;
  if (problem || missing) {
    throw new RequestError({
      code: 'invalid_request',
      message: `${problem ?? `${template.title.en} needs a question.`} The task reads the last user message.`,
      details: { param: 'messages' },
    });
  }
}

/**
 * Runs the first half of a chat completion (docs/openai-compatible.md): resolves the model or task
 * entry, reads the messages and the thinking budget, prepares the media as an analysis does, builds the
 * messages in the model's form (a task's prompt on the last user message, or the conversation as it
 * is), and calls the model with `runModel` (or the demo). Everything that can fail before output fails
 * here, as a `SeerError` with its HTTP status; what follows arrives as events.
 */
export async function startChatCompletion(
  request: ChatCompletionRequest,
  context: StartChatCompletionContext,
): Promise<StartedChatCompletion> {
  const startedAt = Date.now();
  const options = request.seer ?? {};
  const target = resolveChatTarget(context.config, request.model, options.template, context.templates);
  const { preset } = target.endpoint;
  const { template } = target;
  const conversation = readConversation(request.messages, options);
  const last = conversation.turns.at(-1)!;
  const question = turnText(last);
  const locale = chatLocale(options.locale, question);
  const budget = readChatBudget(request);
  const plan = budget && planBudget(preset, chatThinkingAsk(preset, budget));
  const budgetReport: BudgetReport | undefined = plan && {
    asked: plan.asked,
    how: plan.how,
    sent: plan.sent,
    isClamped: plan.isClamped,
  };
  // A task reads only the last user message; the rest of the conversation is not sent.
  const sources = template ? turnMedia(last).map((index) => conversation.media[index]!) : conversation.media;
  if (template) checkTaskInput(template, sources, question);
  const media = await prepareChatMedia(sources, {
    preset,
    allowPrivateURLs: context.config.allowPrivateURLs,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const messages = template
    ? buildMessages({ template, locale, ...(question ? { question } : {}), media, preset })
    : buildChatMessages(conversation, media, preset);
  const maxAnswerTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const events = await answerEvents({
    endpoint: target.endpoint,
    template: template ?? freeformTemplate,
    messages,
    media,
    plan,
    ...(budgetReport ? { budgetReport } : {}),
    locale,
    sampling: {
      maxAnswerTokens,
      temperature: request.temperature ?? undefined,
      seed: request.seed ?? undefined,
      topP: request.top_p ?? undefined,
      stop: request.stop ?? undefined,
    },
    config: context.config,
    startedAt,
    demoDelayMs: context.demoDelayMs,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  return {
    head: {
      id: `chatcmpl-${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      created: Math.floor(startedAt / 1000),
      model: target.name,
    },
    report: {
      model: preset.id,
      ...(template ? { task: template.id } : {}),
      locale,
      media: media.map((item) => item.info),
      ...(budget && budgetReport ? { budget: { ...budgetReport, field: budget.field } } : {}),
    },
    // The demo's answer quotes the instruction, not an answer: there is no result to read from it.
    events:
      template && preset.provider !== 'demo'
        ? attachResult(events, template, locale, budgetReport, {
            media: media.map((item) => item.info),
            coordinates: coordinateSystemFor(preset.family),
          })
        : events,
  };
}
