import type { ReasoningDialect, StreamScenario } from './scenario';

/** One `chat.completion.chunk` (or `chat.completion`) object, loosely typed like what providers send. */
export type ChunkObject = Record<string, unknown>;

/** Where the ids, timestamps and model name of the built objects come from. */
export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

/** Splits text into pieces of `size` code points, so no surrogate pair is ever cut in two. */
export function chunkText(text: string, size: number): string[] {
  const codePoints = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < codePoints.length; i += Math.max(1, size)) {
    pieces.push(codePoints.slice(i, i + Math.max(1, size)).join(''));
  }
  return pieces;
}

/** A plausible OpenAI usage object: prompt 10 tokens, about four characters per output token. */
export function defaultUsage(reasoning: string, answer: string): ChunkObject {
  const reasoningTokens = Math.ceil(reasoning.length / 4);
  const completionTokens = reasoningTokens + Math.ceil(answer.length / 4);
  return {
    prompt_tokens: 10,
    completion_tokens: completionTokens,
    total_tokens: 10 + completionTokens,
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}

function reasoningFields(dialect: ReasoningDialect, text: string): ChunkObject {
  switch (dialect) {
    case 'reasoning_content':
      return { reasoning_content: text };
    case 'reasoning':
      return { reasoning: text };
    case 'reasoning_details':
      // OpenRouter sends the same text twice; a correct reader uses only one of them.
      return {
        reasoning: text,
        reasoning_details: [{ type: 'reasoning.text', text, format: 'unknown', index: 0 }],
      };
    default:
      return {};
  }
}

function usageOf(scenario: StreamScenario): ChunkObject | null {
  if (scenario.usage === null || scenario.usagePlacement === 'none') return null;
  return (
    (scenario.usage as ChunkObject | undefined) ?? defaultUsage(scenario.reasoning ?? '', scenario.answer)
  );
}

/** The text that goes into `content`: with `think-tags` the thinking travels inline there. */
function contentText(scenario: StreamScenario): string {
  const hasThinkTags = scenario.dialect === 'think-tags' && scenario.reasoning !== undefined;
  return hasThinkTags ? `<think>${scenario.reasoning}</think>${scenario.answer}` : scenario.answer;
}

/**
 * The chunk objects of a streamed completion, in order and without the `[DONE]` sentinel:
 * a role chunk, reasoning chunks in the scenario's dialect, answer chunks, the finish chunk,
 * then (by default) a usage chunk with `choices: []`.
 */
export function buildStreamChunks(scenario: StreamScenario, identity: CompletionIdentity): ChunkObject[] {
  const chunk = (delta: ChunkObject, finishReason: string | null = null, extra: ChunkObject = {}) => ({
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...extra,
  });
  const size = scenario.chunkChars ?? 8;
  const chunks: ChunkObject[] = [chunk({ role: 'assistant', content: '' })];
  if (scenario.dialect !== 'think-tags' && scenario.dialect !== 'none') {
    for (const piece of chunkText(scenario.reasoning ?? '', size)) {
      chunks.push(chunk(reasoningFields(scenario.dialect, piece)));
    }
  }
  for (const piece of chunkText(contentText(scenario), size)) chunks.push(chunk({ content: piece }));
  const usage = usageOf(scenario);
  const isUsageOnFinish = usage !== null && scenario.usagePlacement === 'finish-chunk';
  chunks.push(chunk({}, scenario.finishReason ?? 'stop', isUsageOnFinish ? { usage } : {}));
  if (usage !== null && !isUsageOnFinish) {
    chunks.push({ ...chunk({}), choices: [], usage });
  }
  return chunks;
}

/** The non-streamed `chat.completion` answer for the same scenario (for requests with `stream: false`). */
export function buildCompletion(scenario: StreamScenario, identity: CompletionIdentity): ChunkObject {
  const hasReasoningField = scenario.dialect !== 'think-tags' && scenario.reasoning !== undefined;
  const reasoning = hasReasoningField ? reasoningFields(scenario.dialect, scenario.reasoning ?? '') : {};
  const usage = usageOf(scenario);
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: contentText(scenario), ...reasoning },
        logprobs: null,
        finish_reason: scenario.finishReason ?? 'stop',
      },
    ],
    ...(usage === null ? {} : { usage }),
  };
}
