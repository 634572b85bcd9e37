import { createRoute } from '@hono/zod-openapi';
import {
  ChatChunkMapper,
  ChatCompletionChunkSchema,
  ChatCompletionRequestSchema,
  ChatCompletionSchema,
  collectAnalysis,
  type ModelStreamEvent,
  RequestError,
  type SeerConfig,
  type Template,
  toChatCompletionOutcome,
} from '@seer/core';
import { type StartedChatCompletion, startChatCompletion } from '@seer/core/node';
import type { Context } from 'hono';
import type { APIApp, APIEnv } from '../context';
import { errorResponse } from '../errors';
import { type Lifecycle, requestSignal, shuttingDown, wasStoppedByShutdown } from '../lifecycle';
import type { Logger } from '../logger';
import { type AnalysisSummary, observeAnalysis } from '../observe-analysis';
import { EVENT_STREAM_HEADERS, observedRelay } from '../observed-relay';
import { readRequestBody } from '../request-body';
import { requestHeader } from '../request-headers';
import { statusOfFailedAnalysis } from './analysis-document';
import { answerInOpenAIShape, openAIErrorResponses } from './chat-completions-errors';
import { createChatCompletionStream } from './chat-completions-stream';

/** The path of Seer's OpenAI-compatible chat completions. */
export const CHAT_COMPLETIONS_PATH = '/v1/chat/completions';

const chatCompletionsRoute = createRoute({
  method: 'post',
  path: CHAT_COMPLETIONS_PATH,
  summary:
    "OpenAI's chat completions for any OpenAI client: images, videos, a thinking budget and Seer's tasks, with the thinking as reasoning_content",
  request: {
    body: { required: true, content: { 'application/json': { schema: ChatCompletionRequestSchema } } },
  },
  responses: {
    200: {
      description:
        "With `stream: true`, Server-Sent Events: each `data:` a ChatCompletionChunk, an error in OpenAI's shape when the answer fails midway, then `data: [DONE]`. Otherwise one ChatCompletion",
      content: {
        'application/json': { schema: ChatCompletionSchema },
        'text/event-stream': { schema: ChatCompletionChunkSchema },
      },
    },
    ...openAIErrorResponses(),
  },
});

/** What `POST /v1/chat/completions` runs with. */
export interface ChatCompletionsOptions {
  config: SeerConfig;
  customTemplates: readonly Template[];
  logger: Logger;
  /** Where running streams register, so that the shutdown can wait for them and then stop them. */
  lifecycle: Lifecycle;
  /** The SSE keep-alive interval; default 15 s. */
  pingIntervalMs?: number | undefined;
  /** The demo model's pause between pieces; default 25 ms. */
  demoDelayMs?: number | undefined;
}

/**
 * Rewrites the errors of `POST /v1/chat/completions` in OpenAI's shape. Mounted before the
 * authentication, rate-limit and body-size middleware, so that their refusals are rewritten too.
 */
export function answerChatCompletionErrors(app: APIApp): void {
  app.use(CHAT_COMPLETIONS_PATH, answerInOpenAIShape());
}

/**
 * Serves `POST /v1/chat/completions` (docs/openai-compatible.md): OpenAI's request and response, streamed
 * or not, over Seer's pipeline (`startChatCompletion`). Each completion gets one log line with its
 * timings and counts once it is over, as an analysis does.
 */
export function mountChatCompletions(app: APIApp, options: ChatCompletionsOptions): void {
  app.openAPIRegistry.registerPath(chatCompletionsRoute);
  app.post(CHAT_COMPLETIONS_PATH, async (c) => {
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(requestHeader(c, 'content-type') ?? '')) {
      throw new RequestError({
        code: 'invalid_request',
        message: 'A chat completion request is sent as application/json.',
      });
    }
    const { request } = await readRequestBody(c, ChatCompletionRequestSchema);
    const started = await startChatCompletion(request, {
      config: options.config,
      templates: options.customTemplates,
      signal: requestSignal(c.req.raw),
      ...(options.demoDelayMs === undefined ? {} : { demoDelayMs: options.demoDelayMs }),
    });
    const log = (summary: AnalysisSummary) =>
      options.logger.info(
        {
          requestId: c.get('requestId'),
          chatCompletionId: started.head.id,
          model: started.report.model,
          ...(started.report.task ? { template: started.report.task } : {}),
          mediaItems: started.report.media.length,
          ...summary,
        },
        'chat completion',
      );
    if (request.stream !== true) return answerWithBody(c, started, observeAnalysis(started.events, log));
    const mapper = new ChatChunkMapper(started.head, started.report, {
      includeUsage: request.stream_options?.include_usage === true,
    });
    return answerWithStream(c, started.events, mapper, log, options);
  });
}

/**
 * Answers a chat completion in one piece: OpenAI's `chat.completion` body, or the failure with the
 * status of a failed analysis and what the model had said as `partial`. A request the shutdown stopped
 * is answered `503 shutting_down`.
 */
async function answerWithBody(
  c: Context<APIEnv>,
  started: StartedChatCompletion,
  events: ReadableStream<ModelStreamEvent>,
): Promise<Response> {
  const outcome = toChatCompletionOutcome(started.head, started.report, await collectAnalysis(events));
  if (wasStoppedByShutdown(c.req.raw)) throw shuttingDown();
  if (outcome.isFinished) return c.json(outcome.body, 200);
  const { failure, partial } = outcome;
  return errorResponse(c, statusOfFailedAnalysis(failure.code), failure.code, failure.message, {
    retryable: failure.retryable,
    partial,
  });
}

/** Answers a chat completion as OpenAI's stream; it registers with the lifecycle for as long as it runs. */
function answerWithStream(
  c: Context<APIEnv>,
  events: ReadableStream<ModelStreamEvent>,
  mapper: ChatChunkMapper,
  log: (summary: AnalysisSummary) => void,
  options: Pick<ChatCompletionsOptions, 'lifecycle' | 'pingIntervalMs'>,
): Response {
  const body = createChatCompletionStream(events, mapper, {
    pingIntervalMs: options.pingIntervalMs,
    ...observedRelay(options.lifecycle, log),
  });
  return c.body(body, 200, EVENT_STREAM_HEADERS);
}
