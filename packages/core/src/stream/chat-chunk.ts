import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';

/** One entry of OpenRouter's `reasoning_details`. */
export interface ReasoningDetail {
  type?: string | null;
  text?: string | null;
  summary?: string | null;
}

/** The thinking fields reasoning providers add to a delta: DashScope and vLLM, Ollama, OpenRouter. */
export interface ReasoningDeltaFields {
  reasoning_content?: string | null;
  reasoning?: string | null;
  reasoning_details?: ReasoningDetail[] | null;
}

/**
 * One chat-completions stream chunk as the OpenAI SDK yields it, with the thinking fields it passes
 * through untouched. The SDK does not check what a provider sent, and providers disagree on almost
 * everything: read it with {@link readChatChunk}, not by its type.
 */
export type ChatChunk = Omit<ChatCompletionChunk, 'choices'> & {
  choices: (Omit<ChatCompletionChunk.Choice, 'delta'> & {
    delta: ChatCompletionChunk.Choice.Delta & ReasoningDeltaFields;
  })[];
};

/** Provider usage, in the OpenAI shape with the extensions providers add. */
export type ChatUsage = Partial<Pick<CompletionUsage, 'prompt_tokens' | 'completion_tokens'>> & {
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
};

/** What Seer reads of one choice of a chunk. */
export interface ChunkChoice {
  /** The thinking text: `reasoning_details` when present, else `reasoning_content` or `reasoning`. */
  reasoning: string;
  content: string;
  finishReason: string | undefined;
}

/** What Seer reads of one chunk. */
export interface ReadChunk {
  choices: ChunkChoice[];
  usage: ChatUsage | undefined;
  /** A `data: {"error": …}` a provider put in its stream, as it is. */
  error: unknown;
}

/** The first of the values that is a string, or `''`. */
function firstText(...values: unknown[]): string {
  for (const value of values) if (typeof value === 'string') return value;
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The thinking text of one delta, each provider's fields read once. */
function reasoningOf(delta: Record<string, unknown>): string {
  const details = delta.reasoning_details;
  if (Array.isArray(details) && details.length > 0) {
    // OpenRouter repeats the same text in `reasoning`; reading one of the two shows it once.
    return details.map((detail) => (isRecord(detail) ? firstText(detail.text, detail.summary) : '')).join('');
  }
  return firstText(delta.reasoning_content, delta.reasoning);
}

/**
 * Reads a chunk leniently: any field may be missing, `null` or of another type, and what cannot be
 * read counts as absent; `undefined` for a chunk that is not an object.
 */
export function readChatChunk(chunk: unknown): ReadChunk | undefined {
  if (!isRecord(chunk)) return undefined;
  const choices: ChunkChoice[] = [];
  if (Array.isArray(chunk.choices)) {
    for (const choice of chunk.choices) {
      if (!isRecord(choice)) continue;
      const delta = isRecord(choice.delta) ? choice.delta : {};
      const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
      choices.push({ reasoning: reasoningOf(delta), content: firstText(delta.content), finishReason });
    }
  }
  return {
    choices,
    usage: isRecord(chunk.usage) ? (chunk.usage as ChatUsage) : undefined,
    error: chunk.error ?? undefined,
  };
}
