import type { ModelStreamEvent } from '../contract/events';
import type { Locale } from '../contract/templates';
import type { PreparedMedia } from '../media/prepared-media';
import { StreamNormalizer } from '../stream/normalize-chunks';
import type { Template } from '../templates/template';
import type { ChatMessage } from './build-messages';

/** What the demo model describes. */
export interface DemoInput {
  template: Template;
  locale: Locale;
  media: PreparedMedia[];
  messages: ChatMessage[];
  /** Pause between streamed pieces, so a person sees it stream; default 25 ms. */
  delayMs?: number;
  startedAt?: number;
  signal?: AbortSignal;
}

function describeItem(item: PreparedMedia, locale: Locale): string {
  const { info } = item;
  const kind =
    info.type === 'image' ? (locale === 'zh' ? '图片' : 'Image') : locale === 'zh' ? '视频' : 'Video';
  const original =
    info.originalWidth && info.originalHeight ? `${info.originalWidth}×${info.originalHeight}` : undefined;
  const sent = `${info.width}×${info.height}`;
  const tokens = info.tokens.toLocaleString('en-US');
  if (locale === 'zh') {
    return `${kind} ${info.index + 1}：${original ? `原始 ${original}，` : ''}模型看到 ${sent}，约 ${tokens} 个 token，上传 ${info.bytes.toLocaleString('en-US')} 字节。`;
  }
  return `${kind} ${info.index + 1}: ${original ? `${original} originally, ` : ''}the model sees ${sent}, about ${tokens} tokens, ${info.bytes.toLocaleString('en-US')} bytes uploaded.`;
}

function promptText(messages: ChatMessage[]): string {
  const last = messages.at(-1);
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content
    .filter((part): part is { type: 'text'; text: string } => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}

/** The scripted thinking and answer: what Seer prepared, never a claim about the media's content. */
export function demoScript(input: Omit<DemoInput, 'delayMs' | 'signal'>): {
  reasoning: string;
  answer: string;
} {
  const { template, locale, media } = input;
  const totalTokens = media.reduce((sum, item) => sum + item.info.tokens, 0).toLocaleString('en-US');
  const items = media.map((item) => `- ${describeItem(item, locale)}`).join('\n');
  const prompt = promptText(input.messages)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  if (locale === 'zh') {
    return {
      reasoning:
        `我是 Seer 的演示模型，没有连接真实的模型，所以我并没有看过这些${media.length > 0 ? '媒体' : '内容'}。` +
        `任务是「${template.title.zh}」。Seer 已经准备好了 ${media.length} 个媒体项，共约 ${totalTokens} 个 token。` +
        '我来说明真实模型会收到什么。',
      answer:
        `**演示模型：请连接一个真实模型来分析你的媒体。**\n\n任务：${template.title.zh}\n\n` +
        (items ? `Seer 准备的内容：\n${items}\n\n` : '') +
        `真实模型会在媒体之后收到这段指令：\n\n${prompt}\n\n` +
        '设置 `DASHSCOPE_API_KEY`（QVQ-Max）或 `SEER_BASE_URL` 与 `SEER_MODEL`（任意 OpenAI 兼容的端点）后重启 Seer 即可。',
    };
  }
  return {
    reasoning:
      `I am Seer's demo model. No real model is connected, so I have not looked at the ${media.length > 0 ? 'media' : 'question'}. ` +
      `The task is "${template.title.en}". Seer prepared ${media.length} media item${media.length === 1 ? '' : 's'}, about ${totalTokens} tokens in all. ` +
      'Let me describe what a real model would receive.',
    answer:
      `**Demo model: connect a real model to analyse your media.**\n\nTask: ${template.title.en}\n\n` +
      (items ? `What Seer prepared:\n${items}\n\n` : '') +
      `After the media, a real model would receive this instruction:\n\n${prompt}\n\n` +
      'Set `DASHSCOPE_API_KEY` (QVQ-Max) or `SEER_BASE_URL` and `SEER_MODEL` (any OpenAI-compatible endpoint) and restart Seer.',
  };
}

/** Splits text into short pieces, as a model streams them (by characters: Chinese has no spaces). */
function pieces(text: string): string[] {
  return Array.from(text.matchAll(/[\s\S]{1,16}/gu), (match) => match[0]);
}

/**
 * The demo model's stream: the script of {@link demoScript} as chat-completion chunks, through the same
 * normalizer real providers go through, with a short pause between pieces. It has no answer to read a result from, so `finish` has none.
 */
export function demoStream(input: DemoInput): ReadableStream<ModelStreamEvent> {
  const { reasoning, answer } = demoScript(input);
  const delayMs = input.delayMs ?? 25;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const chunks: unknown[] = [
    ...pieces(reasoning).map((text) => chunk({ reasoning_content: text })),
    ...pieces(answer).map((text) => chunk({ content: text })),
    chunk({}, 'stop'),
    {
      choices: [],
      usage: {
        prompt_tokens: input.media.reduce((sum, item) => sum + item.info.tokens, 0),
        completion_tokens: 0,
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    },
  ];
  let index = 0;
  const source = new ReadableStream<unknown>({
    async pull(controller) {
      if (input.signal?.aborted || index >= chunks.length) return controller.close();
      if (delayMs > 0 && index > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      controller.enqueue(chunks[index++]);
    },
  });
  return source.pipeThrough(
    new StreamNormalizer({ ...(input.startedAt === undefined ? {} : { startedAt: input.startedAt }) }),
  );
}
