import type { AnalysisFailure } from '../analysis/analysis-outcome';
import type { CollectedAnalysis } from '../analysis/attach-result';
import type { ChatCompletion, SeerChatReport } from '../contract/chat-completions-response';
import { type ChatCompletionHead, finishedReport, toChatFinishReason, toChatUsage } from './chat-chunks';

/**
 * How a non-streamed chat completion ended: its body, or the failure that ended it with what the model
 * had said so far.
 */
export type ChatCompletionOutcome =
  | { isFinished: true; body: ChatCompletion }
  | { isFinished: false; failure: AnalysisFailure; partial: { reasoning: string; text: string } };

/**
 * Turns a chat completion's gathered events (`collectAnalysis`) into OpenAI's `chat.completion` body,
 * with the thinking as `message.reasoning_content`, the usage in OpenAI's shape and `seer`, the report
 * of what Seer did; or into the failure, as a non-streamed analysis fails.
 */
export function toChatCompletionOutcome(
  head: ChatCompletionHead,
  report: SeerChatReport,
  collected: CollectedAnalysis,
): ChatCompletionOutcome {
  const { finish, error } = collected;
  if (error || !finish) {
    const failure = error
      ? { code: error.code, message: error.message, retryable: error.retryable }
      : { code: 'upstream_error', message: 'The stream ended without a result.', retryable: true };
    return { isFinished: false, failure, partial: { reasoning: collected.reasoning, text: collected.text } };
  }
  return {
    isFinished: true,
    body: {
      id: head.id,
      object: 'chat.completion',
      created: head.created,
      model: head.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: collected.text,
            ...(collected.reasoning ? { reasoning_content: collected.reasoning } : {}),
            refusal: null,
          },
          finish_reason: toChatFinishReason(finish),
          logprobs: null,
        },
      ],
      usage: toChatUsage(finish.usage, collected.reasoning),
      seer: finishedReport(report, finish),
    },
  };
}
