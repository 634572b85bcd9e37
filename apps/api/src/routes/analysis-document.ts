import { collectAnalysis, type ModelStreamEvent } from '@seer/core';
import type { StartedAnalysis } from '@seer/core/node';
import type { Context } from 'hono';
import type { APIEnv } from '../context';
import { errorResponse } from '../errors';
import { shuttingDown, wasStoppedByShutdown } from '../lifecycle';

/**
 * The HTTP status of an analysis that failed before its result: a provider that sent nothing in time
 * is a gateway timeout, any other failure a bad gateway.
 */
export function statusOfFailedAnalysis(code: string): 502 | 504 {
  return code === 'upstream_timeout' ? 504 : 502;
}

/**
 * Answers an analysis with `stream: false`: its events gathered by `collectAnalysis` into one JSON
 * document, or, when it failed, the error with {@link statusOfFailedAnalysis} and what the model had
 * said so far as `partial`. A request the shutdown stopped is answered `503 shutting_down`.
 */
export async function answerWithDocument(
  c: Context<APIEnv>,
  started: StartedAnalysis,
  events: ReadableStream<ModelStreamEvent>,
): Promise<Response> {
  const document = await collectAnalysis(events);
  if (wasStoppedByShutdown(c.req.raw)) throw shuttingDown();
  if (document.error || !document.finish) {
    const error = document.error ?? {
      code: 'upstream_error',
      message: 'The stream ended without a result.',
      retryable: true,
    };
    return errorResponse(c, statusOfFailedAnalysis(error.code), error.code, error.message, {
      retryable: error.retryable,
      partial: { reasoning: document.reasoning, text: document.text },
    });
  }
  const { finishReason, usage, timing, result } = document.finish;
  return c.json(
    {
      id: started.id,
      model: started.model,
      template: started.template,
      locale: started.locale,
      media: started.media,
      reasoning: document.reasoning,
      text: document.text,
      finishReason,
      usage,
      timing,
      ...(result === undefined ? {} : { result }),
    },
    200,
  );
}
