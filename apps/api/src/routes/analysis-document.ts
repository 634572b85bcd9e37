import { collectAnalysis, type ModelStreamEvent, toAnalysisOutcome } from '@seer/core';
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
 * Answers an analysis with `stream: false`: core's outcome of its gathered events, the whole document,
 * or the failure with {@link statusOfFailedAnalysis} and what the model had said so far as `partial`.
 * A request the shutdown stopped is answered `503 shutting_down`.
 */
export async function answerWithDocument(
  c: Context<APIEnv>,
  started: StartedAnalysis,
  events: ReadableStream<ModelStreamEvent>,
): Promise<Response> {
  const outcome = toAnalysisOutcome(started, await collectAnalysis(events));
  if (wasStoppedByShutdown(c.req.raw)) throw shuttingDown();
  if (outcome.isFinished) return c.json(outcome.response, 200);
  const { failure, partial } = outcome;
  return errorResponse(c, statusOfFailedAnalysis(failure.code), failure.code, failure.message, {
    retryable: failure.retryable,
    partial,
  });
}
