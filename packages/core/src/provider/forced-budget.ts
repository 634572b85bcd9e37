import type { BudgetReport, ModelStreamEvent, Usage } from '../contract/events';
import { SeerError } from '../errors';
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

/**
 * The thinking a model may still do after it has been asked for the answer, beyond what was left of a
 * forced budget. A model that cannot switch thinking off (QVQ) usually writes a sentence or two before
 * it answers; past this it is cut, and the item is unanswered at that budget. Total thinking stays
 * within the budget plus this tolerance plus the one streamed piece that crossed each line.
 */
export const FORCED_BUDGET_TOLERANCE = 64;

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
  /** The budget as asked and sent, completed with where the cut fell and put on `finish`. */
  report: BudgetReport;
  locale: 'en' | 'zh';
  messages: ChatMessage[];
  /** How to ask for the answer: a follow-up turn, or the thinking as a prefilled assistant message. */
  continuation?: 'follow-up' | 'prefill';
  /** Starts the request that asks for the answer; its events follow the cut thought. */
  continueWith: (messages: ChatMessage[]) => Promise<ReadableStream<ModelStreamEvent>>;
  /**
   * The input tokens of the first request, estimated from the media plan and the prompt: that request
   * is cut before the provider reports its usage.
   */
  estimatedInputTokens: number;
  /** Thinking allowed in the answer's request beyond what is left of the budget; default {@link FORCED_BUDGET_TOLERANCE}. */
  tolerance?: number;
  now?: () => number;
  /** When the analysis started, for `timing.totalMs` when Seer ends the run itself (unanswered). */
  startedAt?: number;
}

/** Output tokens always include the reasoning tokens, whatever a provider reports. */
export function withReasoningInOutput(usage: Usage): Usage {
  const reasoning = usage.reasoningTokens ?? 0;
  return usage.outputTokens >= reasoning ? usage : { ...usage, outputTokens: reasoning };
}

/**
 * Enforces a thinking budget on a model that has no parameter for one (QVQ-Max among them), the way
 * budget forcing does: it counts the thinking as it streams ({@link estimateTokens}: providers send
 * no running usage), and once the budget is passed it cancels that request (the provider stops at once)
 * and asks for the answer, with the thinking so far, in a follow-up turn (or, with `prefill`, as the
 * start of the assistant's message, which vLLM continues after a closed `</think>`).
 *
 * The request for the answer may think only what is left of the budget plus a small tolerance; a model
 * that goes on thinking past that is cut again and the run ends unanswered (`finish.budget.isUnanswered`),
 * never allowed to run on. The person sees one thinking block (the thought actually used), then the
 * answer; `finish` says `budget` and sums the two requests' tokens once each: the first request's input
 * and thinking are estimated (it is cut before its usage arrives), the second's come from the provider
 * where it reports them. A thought that ends within the budget passes through untouched.
 */
export function enforceThinkingBudget(
  first: ReadableStream<ModelStreamEvent>,
  options: ForcedBudgetOptions,
): ReadableStream<ModelStreamEvent> {
  const now = options.now ?? Date.now;
  const tolerance = options.tolerance ?? FORCED_BUDGET_TOLERANCE;
  const reader = first.getReader();
  let thinking = '';
  let firstTokens = 0;
  let laterThinking = '';
  let reasoningStartedAt = 0;
  let reasoningMs = 0;
  let isReasoningOpen = false;
  let hasAnswered = false;
  let follow: ReadableStreamDefaultReader<ModelStreamEvent> | undefined;
  let isCancelled = false;
  const answerNowText = () => {
    const { content } = answerNowTurn(options.locale);
    return typeof content === 'string' ? content : '';
  };

  const laterTokens = () => estimateTokens(laterThinking);
  const totalThinking = () => firstTokens + laterTokens();
  const allowance = () => Math.max(0, options.budget - firstTokens) + tolerance;

  const closeReasoning = (events: ModelStreamEvent[]) => {
    if (!isReasoningOpen) return;
    isReasoningOpen = false;
    reasoningMs = now() - reasoningStartedAt;
    events.push({ type: 'reasoning-end', durationMs: reasoningMs, tokens: totalThinking() });
  };

  /**
   * The two requests' usage, each token once: the first estimated, the second as reported where it is.
   * A second request cut before its usage arrived carried the prompt, the cut thought and the turn that
   * asks for the answer: estimated too.
   */
  const combinedUsage = (second: Usage | undefined): Usage => {
    const secondReasoning = second?.reasoningTokens ?? laterTokens();
    const secondOutput = Math.max(second?.outputTokens ?? 0, secondReasoning);
    const secondInput =
      second?.inputTokens ?? options.estimatedInputTokens + firstTokens + estimateTokens(answerNowText());
    return {
      inputTokens: options.estimatedInputTokens + secondInput,
      outputTokens: firstTokens + secondOutput,
      reasoningTokens: firstTokens + secondReasoning,
      isEstimated: true,
    };
  };

  const report = (isUnanswered: boolean): BudgetReport => ({
    ...options.report,
    cutAt: firstTokens,
    ...(isUnanswered ? { isUnanswered: true } : {}),
  });

  /** The events one event of the answer's request becomes. */
  const afterCut = (value: ModelStreamEvent): { events: ModelStreamEvent[]; isOverBudget?: boolean } => {
    if (value.type === 'reasoning-start') return { events: [] };
    if (value.type === 'reasoning-delta') {
      if (!isReasoningOpen) return { events: [] };
      laterThinking += value.text;
      return { events: [value], isOverBudget: laterTokens() > allowance() };
    }
    const events: ModelStreamEvent[] = [];
    closeReasoning(events);
    if (value.type === 'reasoning-end') return { events };
    if (value.type === 'text-delta') hasAnswered = true;
    if (value.type === 'finish') {
      events.push({
        ...value,
        finishReason: value.finishReason === 'stop' ? 'budget' : value.finishReason,
        usage: combinedUsage(value.usage),
        timing: { ...value.timing, reasoningMs },
        budget: report(!hasAnswered),
      });
      return { events };
    }
    events.push(value);
    return { events };
  };

  /** The model would not answer within the budget: stop it and end the run with no answer. */
  const endUnanswered = async (controller: ReadableStreamDefaultController<ModelStreamEvent>) => {
    await follow?.cancel();
    const events: ModelStreamEvent[] = [];
    closeReasoning(events);
    events.push({
      type: 'finish',
      finishReason: 'budget',
      usage: combinedUsage(undefined),
      timing: { reasoningMs, totalMs: now() - (options.startedAt ?? reasoningStartedAt) },
      budget: report(true),
    });
    for (const event of events) controller.enqueue(event);
    controller.close();
  };

  return new ReadableStream<ModelStreamEvent>({
    async pull(controller) {
      // A pull that enqueues nothing is not called again: read on until there is something to give.
      for (;;) {
        if (follow) {
          const { value, done } = await follow.read();
          if (done) return controller.close();
          const { events, isOverBudget } = afterCut(value);
          for (const event of events) controller.enqueue(event);
          if (isOverBudget) return endUnanswered(controller);
          if (events.length > 0) return;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return controller.close();
        if (value.type === 'reasoning-start') {
          reasoningStartedAt = now();
          isReasoningOpen = true;
        }
        if (value.type === 'reasoning-end') isReasoningOpen = false;
        if (value.type === 'finish') {
          controller.enqueue({
            ...value,
            usage: withReasoningInOutput(value.usage),
            budget: options.report,
          });
          return;
        }
        controller.enqueue(value);
        if (value.type !== 'reasoning-delta') return;
        thinking += value.text;
        firstTokens = estimateTokens(thinking);
        if (firstTokens < options.budget) return;
        // Over the budget while still thinking: stop paying for this thought, and ask for the answer.
        await reader.cancel();
        try {
          const followUp = await options.continueWith(
            options.continuation === 'prefill'
              ? [...options.messages, { role: 'assistant', content: `<think>\n${thinking}\n</think>\n\n` }]
              : [
                  ...options.messages,
                  { role: 'assistant', content: thinking },
                  answerNowTurn(options.locale),
                ],
          );
          follow = followUp.getReader();
          // Cancelled while the request for the answer was being started: stop it too.
          if (isCancelled) await follow.cancel();
        } catch (error) {
          if (!SeerError.isInstance(error)) throw error;
          const events: ModelStreamEvent[] = [];
          closeReasoning(events);
          events.push({
            type: 'error',
            code: error.code,
            message: error.message,
            retryable: error.isRetryable,
          });
          for (const event of events) controller.enqueue(event);
          controller.close();
        }
        return;
      }
    },
    async cancel(reason) {
      isCancelled = true;
      await reader.cancel(reason);
      await follow?.cancel(reason);
    },
  });
}
