import type { ModelStreamEvent } from '../stream/events';
import type { ChatMessage } from './build-messages';

/**
 * A documented estimate of the tokens in a piece of text, for providers that do not report running
 * usage: one token per CJK character (Qwen's tokenizer is close to that), and one per four other
 * characters (close for English with BPE tokenizers).
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const character of text) {
    if (/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u.test(character)) cjk++;
  }
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/** The turn that asks for the answer once the thinking budget is spent. */
export function answerNowTurn(locale: 'en' | 'zh'): ChatMessage {
  return {
    role: 'user',
    content:
      locale === 'zh'
        ? '思考时间到了。请不要再继续推理，直接根据上面已经想到的内容，按题目要求的格式给出最终答案。'
        : 'Your thinking time is up. Do not reason further: give your final answer now, based on the thinking above, in the form the task asked for.',
  };
}

/** What {@link enforceThinkingBudget} needs. */
export interface ForcedBudgetOptions {
  /** Thinking tokens allowed before Seer cuts the thought. */
  budget: number;
  locale: 'en' | 'zh';
  messages: ChatMessage[];
  /** How to ask for the answer: a follow-up turn, or the thinking as a prefilled assistant message. */
  continuation?: 'follow-up' | 'prefill';
  /** Starts the request that asks for the answer; its events follow the cut thought. */
  continueWith: (messages: ChatMessage[]) => Promise<ReadableStream<ModelStreamEvent>>;
  now?: () => number;
}

/**
 * Enforces a thinking budget on a model that has no parameter for one (QVQ-Max among them): it counts
 * the thinking as it streams (the provider's running usage where sent, otherwise
 * {@link estimateTokens}), and once the budget is passed it cancels that request (the provider stops at
 * once) and asks for the answer in a follow-up turn that carries the thinking so far. The person sees
 * the thinking that was actually used, then the answer, and `finish` says `budget`. A thought that ends
 * within the budget passes through untouched.
 */
export function enforceThinkingBudget(
  first: ReadableStream<ModelStreamEvent>,
  options: ForcedBudgetOptions,
): ReadableStream<ModelStreamEvent> {
  const now = options.now ?? Date.now;
  const reader = first.getReader();
  let thinking = '';
  let tokens = 0;
  let reasoningStartedAt = 0;
  let reasoningMs = 0;
  let hasEndedReasoning = false;
  let follow: ReadableStreamDefaultReader<ModelStreamEvent> | undefined;

  /** The events one upstream event becomes once the thought has been cut. */
  const afterCut = (value: ModelStreamEvent): ModelStreamEvent[] => {
    if (value.type === 'reasoning-start') return [];
    if (value.type === 'reasoning-delta') {
      // The follow-up's own thinking joins the one thinking block the person sees.
      if (hasEndedReasoning) return [];
      thinking += value.text;
      tokens = estimateTokens(thinking);
      return [value];
    }
    const events: ModelStreamEvent[] = [];
    if (!hasEndedReasoning) {
      hasEndedReasoning = true;
      reasoningMs = now() - reasoningStartedAt;
      events.push({ type: 'reasoning-end', durationMs: reasoningMs, tokens });
    }
    if (value.type === 'reasoning-end') return events;
    if (value.type === 'finish') {
      events.push({
        ...value,
        finishReason: value.finishReason === 'stop' ? 'budget' : value.finishReason,
        usage: { ...value.usage, reasoningTokens: tokens + (value.usage.reasoningTokens ?? 0) },
        timing: { ...value.timing, reasoningMs },
      });
      return events;
    }
    events.push(value);
    return events;
  };

  return new ReadableStream<ModelStreamEvent>({
    async pull(controller) {
      // A pull that enqueues nothing is not called again: read on until there is something to give.
      for (;;) {
        if (follow) {
          const { value, done } = await follow.read();
          if (done) return controller.close();
          const events = afterCut(value);
          for (const event of events) controller.enqueue(event);
          if (events.length > 0) return;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return controller.close();
        if (value.type === 'reasoning-start') reasoningStartedAt = now();
        controller.enqueue(value);
        if (value.type !== 'reasoning-delta') return;
        thinking += value.text;
        tokens = estimateTokens(thinking);
        if (tokens < options.budget) return;
        // Over the budget while still thinking: stop paying for this thought, and ask for the answer.
        await reader.cancel();
        const followUp = await options.continueWith(
          options.continuation === 'prefill'
            ? [...options.messages, { role: 'assistant', content: `<think>\n${thinking}\n</think>\n\n` }]
            : [...options.messages, { role: 'assistant', content: thinking }, answerNowTurn(options.locale)],
        );
        follow = followUp.getReader();
        return;
      }
    },
    async cancel(reason) {
      await reader.cancel(reason);
      await follow?.cancel(reason);
    },
  });
}
