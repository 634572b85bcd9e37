import type {
  ChatCompletionChunk,
  ChatCompletionUsage,
  ChatFinishReason,
  OpenAIErrorBody,
  SeerChatReport,
} from '../contract/chat-completions-response';
import type { AnalysisEventOf, ModelStreamEvent, Usage } from '../contract/events';
import { estimateTokens } from '../provider/forced-budget';
import { toOpenAIError } from './openai-error';

/** What every chunk and body of one chat completion repeats. */
export interface ChatCompletionHead {
  /** `chatcmpl-…`. */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model or task entry as the response names it. */
  model: string;
}

/** Seer's `finish` event. */
type FinishEvent = AnalysisEventOf<'finish'>;

/**
 * OpenAI's finish reason for Seer's: a forced budget whose model then answered stopped as asked
 * (`stop`), one that never answered was cut (`length`); Seer's own reason is in `seer.finishReason`.
 */
export function toChatFinishReason(finish: FinishEvent): ChatFinishReason {
  switch (finish.finishReason) {
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'budget':
      return finish.budget?.isUnanswered ? 'length' : 'stop';
    default:
      return 'stop';
  }
}

/**
 * Seer's usage in OpenAI's shape. A provider that counts no thinking tokens gets them estimated from
 * the thinking text, and the completion then counts at least those.
 */
export function toChatUsage(usage: Usage, reasoning: string): ChatCompletionUsage {
  const reasoningTokens = usage.reasoningTokens ?? (reasoning ? estimateTokens(reasoning) : 0);
  const completionTokens = Math.max(usage.outputTokens, reasoningTokens);
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: completionTokens,
    total_tokens: usage.inputTokens + completionTokens,
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}

/** The report of a finished completion: what was known at its start, completed by its `finish`. */
export function finishedReport(report: SeerChatReport, finish: FinishEvent): SeerChatReport {
  const budget =
    finish.budget && report.budget ? { ...finish.budget, field: report.budget.field } : report.budget;
  return {
    ...report,
    ...(budget ? { budget } : {}),
    finishReason: finish.finishReason,
    usage: finish.usage,
    ...(finish.result ? { result: finish.result } : {}),
    timing: finish.timing,
  };
}

/** What the stream of one chat completion writes as `data:`: a chunk, or the error that ends it. */
export type ChatStreamData = ChatCompletionChunk | OpenAIErrorBody;

/**
 * Turns Seer's model events into the `data:` events of a streamed chat completion: thinking as
 * `delta.reasoning_content`, the answer as `delta.content`, then the chunk with `finish_reason`; with
 * `include_usage` a last chunk with no choices and the usage. The last chunk carries `seer`, the report
 * of what Seer did. An `error` event becomes an error in OpenAI's shape, which OpenAI's SDKs raise.
 */
export class ChatChunkMapper {
  readonly #head: ChatCompletionHead;
  readonly #report: SeerChatReport;
  readonly #includeUsage: boolean;
  #reasoning = '';

  constructor(head: ChatCompletionHead, report: SeerChatReport, options: { includeUsage: boolean }) {
    this.#head = head;
    this.#report = report;
    this.#includeUsage = options.includeUsage;
  }

  #chunk(
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finishReason: ChatFinishReason | null = null,
  ): ChatCompletionChunk {
    return {
      id: this.#head.id,
      object: 'chat.completion.chunk',
      created: this.#head.created,
      model: this.#head.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
  }

  /** The first chunk, sent as soon as the model is called: the assistant's role and no text yet. */
  first(): ChatCompletionChunk {
    return this.#chunk({ role: 'assistant', content: '' });
  }

  /** The `data:` events one model event becomes (none for the events that open and close blocks). */
  map(event: ModelStreamEvent): ChatStreamData[] {
    switch (event.type) {
      case 'reasoning-delta':
        this.#reasoning += event.text;
        return [this.#chunk({ reasoning_content: event.text })];
      case 'text-delta':
        return [this.#chunk({ content: event.text })];
      case 'finish':
        return this.#finish(event);
      case 'error':
        return [
          toOpenAIError({
            status: event.code === 'shutting_down' ? 503 : 502,
            code: event.code,
            message: event.message,
            details: { retryable: event.retryable },
          }),
        ];
      default:
        return [];
    }
  }

  #finish(event: FinishEvent): ChatStreamData[] {
    const seer = finishedReport(this.#report, event);
    const last = this.#chunk({}, toChatFinishReason(event));
    if (!this.#includeUsage) return [{ ...last, seer }];
    return [
      last,
      { ...this.#chunk({}), choices: [], usage: toChatUsage(event.usage, this.#reasoning), seer },
    ];
  }
}
