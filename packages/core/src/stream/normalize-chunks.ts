import type { FinishReason, ModelStreamEvent, Usage } from '../contract/events';
import { SeerError, UpstreamError } from '../errors';
import { type ChatChunk, ChatChunkSchema, type ChatUsage } from './chat-chunk';
import type { SSEMessage } from './parse-sse';
import type { Sink } from './sink';
import { type ThinkTagMode, ThinkTagSplitter } from './think-tag-splitter';

/**
 * A failure of the byte stream itself (a dropped connection, an idle timeout), passed through the
 * normalizer as an item so that it can close the open blocks and end with an `error` event.
 */
export interface StreamFault {
  fault: SeerError;
}

/** Options of {@link StreamNormalizer}. */
export interface StreamNormalizerOptions {
  /** How the model writes inline `<think>` tags (`implicit`: the template opened the thought); default `auto`. */
  thinkTags?: ThinkTagMode;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
  /** When the request started, for `timing.totalMs`; default: when the normalizer was made. */
  startedAt?: number;
}

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  end_turn: 'stop',
  tool_calls: 'stop',
  function_call: 'stop',
  length: 'length',
  max_tokens: 'length',
  content_filter: 'content_filter',
};

/** Reads the error object providers put in a `data:` line, in the shapes OpenAI and others use. */
function describeProviderError(error: unknown): { message: string; code?: string } {
  if (typeof error === 'string') return { message: error };
  if (typeof error === 'object' && error !== null) {
    const record = error as Record<string, unknown>;
    const message = typeof record.message === 'string' ? record.message : JSON.stringify(error);
    const code = typeof record.code === 'string' ? record.code : undefined;
    return code === undefined ? { message } : { message, code };
  }
  return { message: 'The provider reported an error.' };
}

function toUsage(usage: ChatUsage | undefined): Usage {
  const result: Usage = {
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
  };
  const reasoningTokens = usage?.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoningTokens === 'number') result.reasoningTokens = reasoningTokens;
  return result;
}

/** The thinking text of one delta: `reasoning_details` when present, else `reasoning_content`/`reasoning`. */
function reasoningText(delta: NonNullable<NonNullable<ChatChunk['choices']>[number]['delta']>): string {
  const details = delta.reasoning_details;
  if (details && details.length > 0) {
    // OpenRouter repeats the same text in `reasoning`; reading one of the two shows it once.
    return details.map((detail) => detail.text ?? detail.summary ?? '').join('');
  }
  return delta.reasoning_content ?? delta.reasoning ?? '';
}

/**
 * Turns the SSE messages of an OpenAI-compatible chat-completions stream into Seer's model events
 * (docs/api.md, events): `reasoning-*`, `text-*`, then exactly one `finish` or `error`.
 *
 * It reads every dialect without configuration: `reasoning_content`, `reasoning`, OpenRouter's
 * `reasoning_details` (never counted twice), inline `<think>` tags split anywhere (with `thinkTags:
 * 'implicit'`, a thought whose opening tag the chat template wrote, so only `</think>` arrives; see
 * {@link ThinkTagSplitter} for what a thought never closed was), usage on any chunk,
 * repeated `finish_reason`, `null` and empty fields, `data: {"error": …}` mid-stream, and a stream that
 * ends without `[DONE]`. A stream that ends with neither a finish reason nor `[DONE]` was cut, and ends
 * with an `error` event after what arrived. Thinking that arrives after the answer began is not shown:
 * the event order promises all thinking before the answer.
 *
 * @example
 * response.body
 *   .pipeThrough(new TextDecoderStream())
 *   .pipeThrough(new SSEParserStream())
 *   .pipeThrough(new StreamNormalizer());
 */
export class StreamNormalizer extends TransformStream<SSEMessage | StreamFault, ModelStreamEvent> {
  constructor(options: StreamNormalizerOptions = {}) {
    const normalizer = new ChunkNormalizer(options);
    super({
      transform: (item, controller) => normalizer.push(item, controller),
      flush: (controller) => normalizer.end(controller),
    });
  }
}

/**
 * The normalizer behind {@link StreamNormalizer}, for callers that drive it themselves: `push` each SSE
 * message (or a fault) and `end` once; events go to `sink` at once.
 */
export class ChunkNormalizer {
  /** Takes the next SSE message, or a fault that ends the stream with an `error` event. */
  readonly push: (item: SSEMessage | StreamFault, sink: Sink<ModelStreamEvent>) => void;
  /** The provider's stream is over: closes the open block and emits `finish`, or `error` if it was cut. */
  readonly end: (sink: Sink<ModelStreamEvent>) => void;

  constructor(options: StreamNormalizerOptions = {}) {
    const now = options.now ?? Date.now;
    const startedAt = options.startedAt ?? now();
    const splitter = new ThinkTagSplitter(options.thinkTags ?? 'auto');
    let block: 'none' | 'reasoning' | 'text' = 'none';
    let hasReasoned = false;
    let hasAnswered = false;
    let reasoningStartedAt = 0;
    let reasoningMs = 0;
    let finishReason: FinishReason | undefined;
    let usage: ChatUsage | undefined;
    let isDone = false;
    let hasEnded = false;

    type Controller = Sink<ModelStreamEvent>;

    const closeReasoning = (controller: Controller) => {
      reasoningMs = now() - reasoningStartedAt;
      const reasoningTokens = usage?.completion_tokens_details?.reasoning_tokens;
      controller.enqueue(
        typeof reasoningTokens === 'number'
          ? { type: 'reasoning-end', durationMs: reasoningMs, tokens: reasoningTokens }
          : { type: 'reasoning-end', durationMs: reasoningMs },
      );
    };

    const closeBlock = (controller: Controller) => {
      if (block === 'reasoning') closeReasoning(controller);
      else if (block === 'text') controller.enqueue({ type: 'text-end' });
      block = 'none';
    };

    const emitReasoning = (text: string, controller: Controller) => {
      if (text === '' || hasAnswered) return;
      if (block !== 'reasoning') {
        block = 'reasoning';
        hasReasoned = true;
        reasoningStartedAt = now();
        controller.enqueue({ type: 'reasoning-start' });
      }
      controller.enqueue({ type: 'reasoning-delta', text });
    };

    const emitText = (text: string, controller: Controller) => {
      if (text === '') return;
      if (block !== 'text') {
        closeBlock(controller);
        block = 'text';
        hasAnswered = true;
        controller.enqueue({ type: 'text-start' });
      }
      controller.enqueue({ type: 'text-delta', text });
    };

    const emitPieces = (pieces: ReturnType<ThinkTagSplitter['push']>, controller: Controller) => {
      for (const piece of pieces) {
        if (piece.kind === 'reasoning') emitReasoning(piece.text, controller);
        else emitText(piece.text, controller);
      }
    };

    const fail = (error: SeerError, controller: Controller) => {
      emitPieces(splitter.flush('cut'), controller);
      closeBlock(controller);
      hasEnded = true;
      controller.enqueue({
        type: 'error',
        code: error.code,
        message: error.message,
        retryable: error.isRetryable,
      });
    };

    const handleChunk = (chunk: ChatChunk, controller: Controller) => {
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices ?? []) {
        const delta = choice.delta;
        if (delta) {
          const reasoning = reasoningText(delta);
          if (reasoning !== '') splitter.markReasoningSeparate();
          emitReasoning(reasoning, controller);
          if (delta.content) emitPieces(splitter.push(delta.content), controller);
        }
        if (choice.finish_reason) finishReason = FINISH_REASONS[choice.finish_reason] ?? 'stop';
      }
    };

    this.push = (item, controller) => {
      if (hasEnded) return;
      if ('fault' in item) return fail(item.fault, controller);
      const data = item.data.trim();
      if (data === '[DONE]') {
        isDone = true;
        return;
      }
      if (data === '') return;
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return; // A line that is not JSON carries nothing Seer can use; the stream goes on.
      }
      const parsed = ChatChunkSchema.safeParse(json);
      if (!parsed.success) return;
      if (parsed.data.error !== undefined && parsed.data.error !== null) {
        const { message, code } = describeProviderError(parsed.data.error);
        return fail(
          new UpstreamError({
            code: 'upstream_error',
            message: `The model provider failed mid-stream: ${message}`,
            isRetryable: true,
            details: code === undefined ? {} : { upstreamCode: code },
          }),
          controller,
        );
      }
      handleChunk(parsed.data, controller);
    };
    this.end = (controller) => {
      if (hasEnded) return;
      // Only a model that stopped by itself turns an implied thought it never closed into its answer.
      const hasStopped = finishReason === 'stop' || (finishReason === undefined && isDone);
      emitPieces(splitter.flush(hasStopped ? 'stopped' : 'cut'), controller);
      if (finishReason === undefined && !isDone) {
        return fail(
          new UpstreamError({
            code: 'upstream_error',
            message: 'The model provider ended the stream before it finished.',
            isRetryable: true,
          }),
          controller,
        );
      }
      closeBlock(controller);
      controller.enqueue({
        type: 'finish',
        finishReason: finishReason ?? 'stop',
        usage: toUsage(usage),
        timing: { reasoningMs: hasReasoned ? reasoningMs : 0, totalMs: now() - startedAt },
      });
    };
  }
}

/** Wraps any thrown value as a mid-stream fault for the normalizer. */
export function toStreamFault(error: unknown): StreamFault {
  if (SeerError.isInstance(error)) return { fault: error };
  return {
    fault: new UpstreamError({
      code: 'upstream_error',
      message: 'The connection to the model provider broke mid-stream.',
      isRetryable: true,
      cause: error,
    }),
  };
}
