import type { FinishReason, ModelStreamEvent, Usage } from '../contract/events';
import { SeerError, UpstreamError } from '../errors';
import { type ChatUsage, readChatChunk } from './chat-chunk';
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

/** The error object a provider put in its stream (`data: {"error": …}`) as a Seer error. */
export function providerStreamError(error: unknown): UpstreamError {
  const { message, code } = describeProviderError(error);
  return new UpstreamError({
    code: 'upstream_error',
    message: `The model provider failed mid-stream: ${message}`,
    isRetryable: true,
    details: code === undefined ? {} : { upstreamCode: code },
  });
}

const countOf = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function toUsage(usage: ChatUsage | undefined): Usage {
  const result: Usage = {
    inputTokens: countOf(usage?.prompt_tokens) ?? 0,
    outputTokens: countOf(usage?.completion_tokens) ?? 0,
  };
  const reasoningTokens = countOf(usage?.completion_tokens_details?.reasoning_tokens);
  if (reasoningTokens !== undefined) result.reasoningTokens = reasoningTokens;
  return result;
}

/** Whether a pushed item is a {@link StreamFault} rather than a provider's chunk (which holds no Seer error). */
function isStreamFault(item: unknown): item is StreamFault {
  return (
    typeof item === 'object' && item !== null && SeerError.isInstance((item as { fault?: unknown }).fault)
  );
}

/**
 * Turns the chunks of an OpenAI-compatible chat-completions stream, as the OpenAI SDK yields them, into
 * Seer's model events (docs/api.md, events): `reasoning-*`, `text-*`, then exactly one `finish` or
 * `error`.
 *
 * It reads every dialect without configuration: `reasoning_content`, `reasoning`, OpenRouter's
 * `reasoning_details` (never counted twice), inline `<think>` tags split anywhere (with `thinkTags:
 * 'implicit'`, a thought whose opening tag the chat template wrote, so only `</think>` arrives; see
 * {@link ThinkTagSplitter} for what a thought never closed was), usage on any chunk,
 * repeated `finish_reason`, `null`, empty and mistyped fields, and `{"error": …}` mid-stream. A stream
 * that ends without a finish reason was cut, and ends with an `error` event after what arrived.
 * Thinking that arrives after the answer began is not shown: the event order promises all thinking
 * before the answer.
 *
 * @example
 * const stream = await client.chat.completions.create({ model, messages, stream: true });
 * ReadableStream.from(stream).pipeThrough(new StreamNormalizer());
 */
export class StreamNormalizer extends TransformStream<unknown, ModelStreamEvent> {
  constructor(options: StreamNormalizerOptions = {}) {
    const normalizer = new ChunkNormalizer(options);
    super({
      transform: (item, controller) => normalizer.push(item, controller),
      flush: (controller) => normalizer.end(controller),
    });
  }
}

/**
 * The normalizer behind {@link StreamNormalizer}, for callers that drive it themselves: `push` each
 * chunk (or a fault) and `end` once; events go to `sink` at once.
 */
export class ChunkNormalizer {
  /** Takes the next chunk, or a {@link StreamFault} that ends the stream with an `error` event. */
  readonly push: (item: unknown, sink: Sink<ModelStreamEvent>) => void;
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

    this.push = (item, controller) => {
      if (hasEnded) return;
      if (isStreamFault(item)) return fail(item.fault, controller);
      const chunk = readChatChunk(item);
      if (!chunk) return;
      if (chunk.error !== undefined && chunk.error !== null) {
        return fail(providerStreamError(chunk.error), controller);
      }
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        if (choice.reasoning !== '') splitter.markReasoningSeparate();
        emitReasoning(choice.reasoning, controller);
        if (choice.content !== '') emitPieces(splitter.push(choice.content), controller);
        if (choice.finishReason) {
          const known = Object.hasOwn(FINISH_REASONS, choice.finishReason);
          finishReason = known ? FINISH_REASONS[choice.finishReason] : 'stop';
        }
      }
    };
    this.end = (controller) => {
      if (hasEnded) return;
      // Only a model that stopped by itself turns an implied thought it never closed into its answer.
      emitPieces(splitter.flush(finishReason === 'stop' ? 'stopped' : 'cut'), controller);
      if (finishReason === undefined) {
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
